// The testbed's only CRI client: a few lines of @grpc/grpc-js over the upstream reference proto.
// Kept in one file on purpose, so the testbed can later switch to the project's own client layer
// without touching anything else. Field names are camelCase (proto-loader's conversion); enums may
// be given as numbers or names and come back as names; int64 values come back as numbers.
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

import {referenceProto} from '../support/reference-proto.js';

export type CriRaw = {
  /** One unary call on runtime.v1.RuntimeService or ImageService, e.g. call('Version'). */
  call<T = any>(method: string, request?: object, timeoutMs?: number): Promise<T>;
  close(): void;
};

type ServiceCtor = new (address: string, creds: grpc.ChannelCredentials, options?: object) => grpc.Client;

let services: {runtime: ServiceCtor; image: ServiceCtor} | undefined;

function loadServices(): {runtime: ServiceCtor; image: ServiceCtor} {
  if (services) return services;
  const definition = protoLoader.loadSync(referenceProto(), {
    keepCase: false,
    longs: Number,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const pkg = grpc.loadPackageDefinition(definition) as any;
  services = {runtime: pkg.runtime.v1.RuntimeService, image: pkg.runtime.v1.ImageService};
  return services;
}

/** A client for the CRI socket at `socket` (a path; `unix://` is added). */
export function criRaw(socket: string): CriRaw {
  const {runtime: Runtime, image: Image} = loadServices();
  const address = socket.startsWith('unix:') ? socket : `unix://${socket}`;
  const options = {'grpc.max_receive_message_length': 16 * 1024 * 1024};
  const runtime = new Runtime(address, grpc.credentials.createInsecure(), options) as any;
  const image = new Image(address, grpc.credentials.createInsecure(), options) as any;
  return {
    call<T>(method: string, request: object = {}, timeoutMs = 10_000): Promise<T> {
      const name = method.charAt(0).toLowerCase() + method.slice(1);
      const target = typeof runtime[name] === 'function' ? runtime : typeof image[name] === 'function' ? image : null;
      if (!target) return Promise.reject(new Error(`no CRI method ${method}`));
      return new Promise<T>((resolve, reject) => {
        target[name](request, {deadline: Date.now() + timeoutMs}, (error: grpc.ServiceError | null, reply: T) => {
          if (error) {
            error.message = `CRI ${method}: ${error.message}`;
            reject(error);
          } else resolve(reply);
        });
      });
    },
    close() {
      runtime.close();
      image.close();
    },
  };
}
