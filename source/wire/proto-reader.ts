// A cursor over protobuf wire bytes for the hand decoders (list-decode.ts, usage-decode.ts).
// Anything unexpected (a wire type the schema does not allow, truncation) throws Malformed.

/** Bytes the schema does not allow here: the caller falls back to protobufjs. */
export class Malformed extends Error {}

// The last readLong's 64-bit varint as high × 2^28 + low (low < 2^28; high < 2^42). Module
// scratch, not fields: two double fields gave every Reader two boxed numbers of its own, which with
// a Reader per nested message was most of a stats answer's garbage (~400 of ~680 bytes a container).
let longLow = 0;
let longHigh = 0;

/** A cursor over one buffer; the decoders read fields through it. */
export class Reader {
	pos: number;
	/** Where reading stops: the buffer's part given, or the field entered (enter/leave). */
	end: number;

	constructor(readonly buf: Buffer, start: number, end: number) {
		this.pos = start;
		this.end = end;
	}

	/** A varint of at most 7 bytes (< 2^49, exact as a number): tags, lengths, small integers. */
	varint(): number {
		const {buf} = this;
		let result = 0;
		let shift = 1;
		for (let i = 0; i < 7; i++) {
			if (this.pos >= this.end) throw new Malformed('truncated varint');
			const b = buf[this.pos++];
			result += (b & 127) * shift;
			if (b < 128) return result;
			shift *= 128;
		}
		throw new Malformed('varint too long for a number');
	}

	/** uint32/int32-as-unsigned, as protobufjs's reader.uint32(): the low 32 bits. */
	uint32(): number {
		const start = this.pos;
		try {
			return this.varint() >>> 0;
		} catch (error) {
			if (!(error instanceof Malformed)) throw error;
			this.pos = start;
			return Number(this.bigVarint() & 0xffffffffn);
		}
	}

	private bigVarint(): bigint {
		let result = 0n;
		let shift = 0n;
		for (let i = 0; i < 10; i++) {
			if (this.pos >= this.end) throw new Malformed('truncated varint');
			const b = this.buf[this.pos++];
			result |= BigInt(b & 127) << shift;
			if (b < 128) return result;
			shift += 7n;
		}
		throw new Malformed('varint longer than 10 bytes');
	}

	/** Reads a varint of up to 10 bytes into longHigh and longLow, each exact as a number. */
	private readLong(): void {
		const {buf} = this;
		let low = 0;
		let high = 0;
		let shift = 1;
		for (let i = 0; i < 10; i++) {
			if (this.pos >= this.end) throw new Malformed('truncated varint');
			const b = buf[this.pos++];
			// The first 4 bytes make 28 low bits; the rest (at most 42 bits) fit a number exactly.
			if (i < 4) low += (b & 127) * 2 ** (7 * i);
			else {
				high += (b & 127) * shift;
				shift *= 128;
			}
			if (b < 128) {
				longLow = low;
				longHigh = high;
				return;
			}
		}
		throw new Malformed('varint longer than 10 bytes');
	}

	/** The last readLong's value as a 64-bit integer, wrapped as protobuf's int64/uint64 are. */
	private bigLong(signed: boolean): bigint {
		const v = (BigInt(longHigh) << 28n) | BigInt(longLow);
		return signed ? BigInt.asIntN(64, v) : BigInt.asUintN(64, v);
	}

	/** An int64/uint64 as its exact decimal string (nanosecond timestamps need all 64 bits). */
	long(signed: boolean): string {
		this.readLong();
		const high = longHigh;
		const low = longLow;
		if (high < 2 ** 25) return String(high * 2 ** 28 + low);
		// Nanosecond timestamps (~2^60) land here every stats round: decimal digits without BigInt.
		if (high < (signed ? 2 ** 35 : 2 ** 36)) return decimal(high, low);
		return String(this.bigLong(signed));
	}

	/**
	 * A 64-bit varint as the nearest double, as Number() of long()'s decimal string gives, without
	 * making that string: high × 2^28 is exact and adding the low 28 bits rounds once. A negative
	 * int64 (signed) goes through BigInt, as rare as it is wrong for the fields read this way.
	 */
	longNumber(signed: boolean): number {
		this.readLong();
		if (longHigh < (signed ? 2 ** 35 : 2 ** 36)) return longHigh * 2 ** 28 + longLow;
		return Number(this.bigLong(signed));
	}

	/** End of a length-delimited field starting here. */
	span(): number {
		const length = this.varint();
		const end = this.pos + length;
		if (end > this.end) throw new Malformed('field runs past its message');
		return end;
	}

	string(): string {
		const end = this.span();
		const text = this.buf.toString('utf8', this.pos, end);
		this.pos = end;
		return text;
	}

	skip(wire: number): void {
		switch (wire) {
			case 0: {
				// Past the varint without building its value.
				for (let i = 0; i < 10; i++) {
					if (this.pos >= this.end) throw new Malformed('truncated varint');
					if (this.buf[this.pos++] < 128) return;
				}
				throw new Malformed('varint longer than 10 bytes');
			}
			case 1: {
				this.pos += 8;
				break;
			}
			case 2: {
				this.pos = this.span();
				return;
			}
			case 5: {
				this.pos += 4;
				break;
			}
			default: {
				throw new Malformed(`wire type ${wire}`);
			}
		}
		if (this.pos > this.end) throw new Malformed('truncated field');
	}

	/** The next tag, checked against the wire type the schema gives its field (0: unknown field, skip). */
	expect(tag: number, wire: number): void {
		if ((tag & 7) !== wire) throw new Malformed(`field ${tag >>> 3} has wire type ${tag & 7}`);
	}

	/**
	 * Enters the length-delimited field starting here: reading then stops at its end (the same
	 * checks as a reader of its own, without making one). Returns the end to give back to leave().
	 */
	enter(): number {
		const end = this.span();
		const outer = this.end;
		this.end = end;
		return outer;
	}

	/** Leaves a field entered with enter(), read to its end, for the rest of the enclosing one. */
	leave(outer: number): void {
		if (this.pos !== this.end) throw new Malformed('field not read to its end');
		this.end = outer;
	}

	/** A reader over the length-delimited field starting here; this one moves past it. */
	sub(): Reader {
		const end = this.span();
		const inner = new Reader(this.buf, this.pos, end);
		this.pos = end;
		return inner;
	}
}

/**
 * The exact decimal digits of high × 2^28 + low (high < 2^36, low < 2^28), in doubles only: the
 * value is split so every product and sum stays below 2^53.
 */
function decimal(high: number, low: number): string {
	const hq = Math.floor(high / 1e5);
	const hr = high - hq * 1e5;
	// value = hq·2^28·1e5 + hr·2^28 + low, and hq·2^28 = mq·1e4 + mr.
	const m = hq * 2 ** 28;
	const mq = Math.floor(m / 1e4);
	const mr = m - mq * 1e4;
	const rest = mr * 1e5 + hr * 2 ** 28 + low;
	const top = mq + Math.floor(rest / 1e9);
	const bottom = rest % 1e9;
	return top === 0 ? String(bottom) : `${top}${String(bottom).padStart(9, '0')}`;
}
