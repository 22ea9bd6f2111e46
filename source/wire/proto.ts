// The CRI runtime.v1 schema, loaded once and lazily.
//
//   loadCri(): CriServices
//     .RuntimeService / .ImageService       client constructors (new X(address, creds, options))
//     .runtimeServiceDefinition / .imageServiceDefinition
//                                           for servers: server.addService(runtimeServiceDefinition, impl)
//     .packageDefinition                    the proto-loader package definition
//
// In the bundle the schema is inlined as a JSON descriptor (__CRI_DESCRIPTOR__, see
// scripts/build.mjs) so start-up parses no .proto; from source it reads proto/.
// Decoding options make the objects match source/wire/types.ts: camelCase
// names, int64 as decimal strings, enums as names, defaults filled, absent
// sub-messages null.
import {fileURLToPath} from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

declare const __CRI_DESCRIPTOR__: object | undefined;

export type CriServices = {
	RuntimeService: grpc.ServiceClientConstructor;
	ImageService: grpc.ServiceClientConstructor;
	runtimeServiceDefinition: grpc.ServiceDefinition;
	imageServiceDefinition: grpc.ServiceDefinition;
	packageDefinition: protoLoader.PackageDefinition;
};

export const loaderOptions: protoLoader.Options = {keepCase: false, longs: String, enums: String, defaults: true, oneofs: true};

/** Absolute path of our .proto (used when not running from the bundle). */
export const protoPath = fileURLToPath(new URL('../../proto/cri-runtime-v1.proto', import.meta.url));

let cached: CriServices | undefined;

export function loadCri(): CriServices {
	if (cached) return cached;
	const packageDefinition = typeof __CRI_DESCRIPTOR__ === 'undefined'
		? protoLoader.loadSync(protoPath, loaderOptions)
		: protoLoader.fromJSON(__CRI_DESCRIPTOR__ as Parameters<typeof protoLoader.fromJSON>[0], loaderOptions);
	const pkg = grpc.loadPackageDefinition(packageDefinition) as unknown as {
		runtime: {v1: {RuntimeService: grpc.ServiceClientConstructor; ImageService: grpc.ServiceClientConstructor}};
	};
	const {RuntimeService, ImageService} = pkg.runtime.v1;
	cached = {
		RuntimeService,
		ImageService,
		runtimeServiceDefinition: RuntimeService.service,
		imageServiceDefinition: ImageService.service,
		packageDefinition,
	};
	return cached;
}
