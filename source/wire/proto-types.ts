// The CRI message types as protobufjs reflection, for code that needs the schema itself
// (field order, which fields are messages, maps, 64-bit integers): the one-shot commands shape
// answers exactly as crictl prints them. Loaded once, only by those who ask.
import protobuf from 'protobufjs';
import {protoPath} from './proto.js';

declare const __CRI_DESCRIPTOR__: object | undefined;

let root: protobuf.Root | undefined;

/** A message type of runtime.v1 by its short name, e.g. `ListContainersResponse`. */
export function criType(name: string): protobuf.Type {
	root ??= typeof __CRI_DESCRIPTOR__ === 'undefined'
		? new protobuf.Root().loadSync(protoPath)
		: protobuf.Root.fromJSON(__CRI_DESCRIPTOR__ as protobuf.INamespace);
	return root.lookupType(`runtime.v1.${name}`);
}
