// Hand-written protobuf encoding of the three big list items (Container, PodSandbox, Image), cached
// per object. A list response is then just the concatenation of its items' field-1 records, so
// ListContainers at 10k containers costs a memcpy instead of ~300 ms of protobufjs. Field numbers
// are those of proto/cri-runtime-v1.proto; test/sim/fast-encode.test.ts decodes the output with the
// real schema to keep them honest.
import type {Container, Image, PodSandbox} from '../model/cri-types.js';

const containerStates = ['CONTAINER_CREATED', 'CONTAINER_RUNNING', 'CONTAINER_EXITED', 'CONTAINER_UNKNOWN'];
const podStates = ['SANDBOX_READY', 'SANDBOX_NOTREADY'];

/** Bytes go into a plain number array (fast for the many short fields here), once into a Buffer. */
class Writer {
	readonly out: number[] = [];

	varint(value: bigint | number) {
		const out = this.out;
		if (typeof value === 'number' && value >= 0 && value < 0x80000000) {
			let n = value;
			while (n > 127) {
				out.push((n & 127) | 128);
				n >>>= 7;
			}
			out.push(n);
			return;
		}
		let v = BigInt(value);
		if (v < 0n) v += 1n << 64n;
		while (v > 127n) {
			out.push(Number(v & 127n) | 128);
			v >>= 7n;
		}
		out.push(Number(v));
	}

	private tag(field: number, wire: number) {
		this.varint((field << 3) | wire);
	}

	uint(field: number, value: number | bigint | string) {
		const v = typeof value === 'string' ? BigInt(value) : value;
		if (v === 0 || v === 0n) return;
		this.tag(field, 0);
		this.varint(v);
	}

	bool(field: number, value: boolean) {
		if (value) this.uint(field, 1);
	}

	/** A string field, written even when empty (map entries). */
	text(field: number, value: string) {
		this.tag(field, 2);
		const out = this.out;
		let ascii = true;
		for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 127) {
			ascii = false;
			break;
		}
		if (ascii) {
			this.varint(value.length);
			for (let i = 0; i < value.length; i++) out.push(value.charCodeAt(i));
			return;
		}
		const bytes = Buffer.from(value, 'utf8');
		this.varint(bytes.length);
		for (const b of bytes) out.push(b);
	}

	string(field: number, value: string) {
		if (value) this.text(field, value);
	}

	message(field: number, build: (w: Writer) => void) {
		const inner = new Writer();
		build(inner);
		this.tag(field, 2);
		this.varint(inner.out.length);
		for (const b of inner.out) this.out.push(b);
	}

	map(field: number, map: Record<string, string>) {
		for (const [key, value] of Object.entries(map)) {
			this.message(field, w => {
				w.text(1, key);
				w.text(2, value);
			});
		}
	}

	finish(): Buffer {
		return Buffer.from(this.out);
	}
}

/** One Container as the bytes of `repeated Container containers = 1` (field 1, length-delimited). */
export function encodeContainerItem(c: Container): Buffer {
	const w = new Writer();
	w.message(1, m => {
		m.string(1, c.id);
		m.string(2, c.podSandboxId);
		if (c.metadata) m.message(3, md => {
			md.string(1, c.metadata!.name);
			md.uint(2, c.metadata!.attempt);
		});
		if (c.image) m.message(4, s => {
			s.string(1, c.image!.image);
			s.map(2, c.image!.annotations);
			s.string(18, c.image!.userSpecifiedImage);
			s.string(19, c.image!.runtimeHandler);
			s.string(20, c.image!.imageRef);
		});
		m.string(5, c.imageRef);
		m.uint(6, Math.max(0, containerStates.indexOf(c.state)));
		m.uint(7, c.createdAt);
		m.map(8, c.labels);
		m.map(9, c.annotations);
		m.string(10, c.imageId);
	});
	return w.finish();
}

/** One PodSandbox as the bytes of `repeated PodSandbox items = 1`. */
export function encodePodItem(p: PodSandbox): Buffer {
	const w = new Writer();
	w.message(1, m => {
		m.string(1, p.id);
		if (p.metadata) m.message(2, md => {
			md.string(1, p.metadata!.name);
			md.string(2, p.metadata!.uid);
			md.string(3, p.metadata!.namespace);
			md.uint(4, p.metadata!.attempt);
		});
		m.uint(3, Math.max(0, podStates.indexOf(p.state)));
		m.uint(4, p.createdAt);
		m.map(5, p.labels);
		m.map(6, p.annotations);
		m.string(7, p.runtimeHandler);
	});
	return w.finish();
}

/** One Image as the bytes of `repeated Image images = 1`. */
export function encodeImageItem(image: Image): Buffer {
	const w = new Writer();
	w.message(1, m => {
		m.string(1, image.id);
		for (const tag of image.repoTags) m.text(2, tag);
		for (const digest of image.repoDigests) m.text(3, digest);
		m.uint(4, image.size);
		if (image.uid) m.message(5, u => u.uint(1, image.uid!.value));
		m.string(6, image.username);
		m.bool(8, image.pinned);
	});
	return w.finish();
}
