// runtime.v1.ImageService of the simulated node.
import type * as grpc from '@grpc/grpc-js';
import type {Image} from '../model/cri-types.js';
import {missing, SimError, stream, unary} from './handler-kit.js';
import {code, shortRef} from './flavours.js';
import {normaliseRef, type SimImage} from './model.js';
import {baseImages, pullable} from './seed-data.js';
import type {SimContext} from './runtime-service.js';
import {writeChunks} from './runtime-service.js';

export function imageHandlers(ctx: SimContext): grpc.UntypedServiceImplementation {
	const {kit, model, messages} = ctx;
	const spec = model.spec;
	let all = {revision: -1, list: [] as Image[]};

	const list = (filter: any): Image[] => {
		const wanted = filter?.image?.image;
		if (wanted) {
			const image = model.findImage(wanted);
			return image ? [messages.image(image)] : [];
		}
		if (all.revision !== model.revision) all = {revision: model.revision, list: [...model.images.values()].map(i => messages.image(i))};
		return all.list;
	};

	const pull = (ref: string): SimImage => {
		const wanted = normaliseRef(ref);
		const known = [...Object.values(baseImages), ...pullable].find(seed => seed.ref === wanted);
		if (!known) throw new SimError(code.unknown, `failed to pull and unpack image ${JSON.stringify(wanted)}: the simulated node has no registry; it can pull ${[...Object.values(baseImages), ...pullable].map(seed => shortRef(seed.ref)).join(', ')}`);
		return model.addImage(known.ref, known.size);
	};

	const inUseBy = (image: SimImage): string | undefined => {
		const user = model.imageUsers(image)[0];
		if (user) return user.id;
		if (image.ref === spec.pauseImage) return model.pods.values().next().value?.id;
		return undefined;
	};

	return {
		ListImages: unary(kit, 'ListImages', request => {
			const images = list(request.filter);
			// Pre-encoded bytes unless a fault must pad the answer (see fast-encode.ts).
			return kit.faults.oversizeFor('ListImages') > 0 ? {images} : Buffer.concat(images.map(i => messages.bytes(i, 'image')));
		}),
		StreamImages: stream(kit, 'StreamImages', (request, call) => {
			if (!spec.listStreaming) missing(kit, 'StreamImages');
			writeChunks(call, 'images', list(request.filter));
		}),
		ImageStatus: unary(kit, 'ImageStatus', request => {
			// An absent image is not an error: the answer's image is null.
			const image = model.findImage(request.image?.image ?? '');
			return {image: image ? messages.image(image) : null, info: image && request.verbose ? messages.imageInfo(image) : {}};
		}),
		RemoveImage: unary(kit, 'RemoveImage', request => {
			const ref = request.image?.image ?? '';
			const image = model.findImage(ref);
			if (!image) return {};
			const user = spec.removeImageInUse === 'refuse' ? inUseBy(image) : undefined;
			if (user) {
				const {code, message} = spec.imageInUse(ref, user);
				throw new SimError(code, message);
			}
			model.removeImage(image);
			return {};
		}),
		ImageFsInfo: unary(kit, 'ImageFsInfo', () => {
			const now = model.now().toString();
			let used = 0;
			for (const image of model.images.values()) used += image.size;
			return {
				imageFilesystems: [{timestamp: now, fsId: {mountpoint: spec.imageFsMount}, usedBytes: {value: String(used)}, inodesUsed: {value: String(model.images.size * 811)}}],
				containerFilesystems: spec.containerFilesystems
					? [{timestamp: now, fsId: {mountpoint: spec.containerFilesystems}, usedBytes: {value: String(model.containers.size * 53_248)}, inodesUsed: {value: String(model.containers.size * 19)}}]
					: [],
			};
		}),
		PullImage: unary(kit, 'PullImage', request => {
			// No registry: only images the sim knows can be pulled (those on the node, the base
			// catalogue and a few more), as a node without network pulls only what it has cached.
			const ref = request.image?.image ?? '';
			const image = model.findImage(ref) ?? pull(ref);
			return {imageRef: messages.imageId(image)};
		}),
	};
}
