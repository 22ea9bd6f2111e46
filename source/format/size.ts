// Sizes as crictl prints them, via go-units: decimal units (base 1000) with
// Go's `%.Ng` formatting, and binary units (base 1024) for BytesSize.
// crictl images uses 3 significant digits; crictl stats (MEM) uses HumanSize's 4.

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function toNumber(size: number | string | bigint): number {
	const n = typeof size === 'number' ? size : Number(size);
	return Number.isFinite(n) ? n : 0;
}

// go-units getSizeAndUnit: divide (in float64, as Go does) while >= base.
function scale(size: number, base: number, units: string[]): [number, string] {
	let i = 0;
	while (size >= base && i < units.length - 1) {
		size /= base;
		i++;
	}
	return [size, units[i]];
}

/**
 * Go's `fmt.Sprintf("%.*g", precision, x)`: shortest of fixed/exponent form,
 * trailing zeros dropped, exact decimal value of the float64 rounded half to
 * even (JavaScript's toPrecision rounds ties up, so it is done by hand).
 */
export function goFormatG(x: number, precision: number): string {
	if (x === 0) return '0';
	if (!Number.isFinite(x)) return x > 0 ? '+Inf' : x < 0 ? '-Inf' : 'NaN';
	const sign = x < 0 ? '-' : '';
	// 100 significant digits hold every float64 >= 1e-300 exactly enough for the
	// tie test: a tie needs the exact expansion to end right after the digit.
	const [mantissa, expText] = Math.abs(x).toPrecision(100).split('e');
	let exp = expText === undefined ? mantissa.indexOf('.') - 1 : Number(expText);
	if (expText === undefined && mantissa.startsWith('0')) {
		// toPrecision(100) of a value < 1 in fixed form: count leading zeros.
		const digitsOnly = mantissa.replace('.', '');
		const lead = digitsOnly.search(/[1-9]/);
		exp = -lead;
	}
	const all = mantissa.replace('.', '').replace(/^0+/, '');
	let digits = all.slice(0, precision).split('').map(Number);
	const rest = all.slice(precision);
	const first = rest.charCodeAt(0) - 48;
	const tail = rest.slice(1).replace(/0+$/, '');
	const roundUp = first > 5 || (first === 5 && (tail !== '' || digits[digits.length - 1] % 2 === 1));
	if (roundUp) {
		let i = digits.length - 1;
		while (i >= 0 && digits[i] === 9) digits[i--] = 0;
		if (i < 0) {
			digits = [1, ...digits.slice(0, -1)];
			exp++;
		} else {
			digits[i]++;
		}
	}
	let text = digits.join('');
	if (exp < -4 || exp >= precision) {
		const frac = text.slice(1).replace(/0+$/, '');
		const e = Math.abs(exp).toString().padStart(2, '0');
		return `${sign}${text[0]}${frac ? '.' + frac : ''}e${exp < 0 ? '-' : '+'}${e}`;
	}
	if (exp < 0) text = '0'.repeat(-exp) + text;
	const point = Math.max(exp, 0) + 1;
	const intPart = text.slice(0, point).padEnd(point, '0');
	const fracPart = text.slice(point).replace(/0+$/, '');
	return sign + (exp < 0 ? '0' : intPart) + (fracPart ? '.' + fracPart : '');
}

/** go-units HumanSizeWithPrecision: `4.3MB`, `742kB` (base 1000). */
export function humanSize(size: number | string | bigint, precision = 4): string {
	const [n, unit] = scale(toNumber(size), 1000, DECIMAL_UNITS);
	return goFormatG(n, precision) + unit;
}

/** crictl images' SIZE column: HumanSizeWithPrecision(size, 3). */
export function imageSize(size: number | string | bigint): string {
	return humanSize(size, 3);
}

/** go-units BytesSize: `12.3MiB` (base 1024, 4 significant digits). */
export function bytesSize(size: number | string | bigint): string {
	const [n, unit] = scale(toNumber(size), 1024, BINARY_UNITS);
	return goFormatG(n, 4) + unit;
}
