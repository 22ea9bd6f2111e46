// Strings a runtime will happily hand back and a terminal must never obey. `hostile: true` puts
// them into names, labels, annotations, image names and log lines; tests assert the UI defuses each.

export type HostileSample = {name: string; text: string};

const ESC = '\x1b';
const BEL = '\x07';

export const hostileSamples: readonly HostileSample[] = [
	{name: 'csi-clear', text: `${ESC}[2J`},
	{name: 'csi-red', text: `${ESC}[31mred${ESC}[0m`},
	{name: 'osc0-title', text: `${ESC}]0;pwned-title${BEL}`},
	{name: 'osc52-clipboard', text: `${ESC}]52;c;${Buffer.from('rm -rf ~').toString('base64')}${BEL}`},
	{name: 'osc8-link', text: `${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\`},
	{name: 'dcs', text: `${ESC}P1$qm${ESC}\\`},
	{name: 'c0-controls', text: 'bell\x07back\x08space\rreturn\x00nul\x7fdel'},
	{name: 'c1-controls', text: 'c1\u009b31m\u009d0;t\u0007'},
	{name: 'rtl-override', text: 'invoice\u202Egpj.exe'},
	{name: 'zero-width', text: 'ng\u200Binx\u200D\uFEFF'},
	{name: 'emoji', text: '🔥💥👩‍👩‍👧‍👦'},
	{name: 'wide-cjk', text: '容器运行时日志'},
	{name: 'long-10k', text: 'L'.repeat(10_240)},
];

export function hostileText(name: string): string {
	const sample = hostileSamples.find(s => s.name === name);
	if (!sample) throw new Error(`no hostile sample ${name}`);
	return sample.text;
}

/** Bytes that are not valid UTF-8 (lone continuation, truncated sequence, overlong NUL). Written
 * only into log files: gRPC strings must be valid UTF-8. */
export const invalidUtf8 = Buffer.from([0x62, 0x61, 0x64, 0x80, 0xfe, 0xe2, 0x82, 0x20, 0xc0, 0x80, 0x21]);
