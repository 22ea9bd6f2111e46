import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import * as esbuild from 'esbuild';
import {loadCri, protoPath} from '../../source/wire/proto.js';

describe('loadCri', () => {
	test('gives both services with the RPCs, paths and streaming flags of runtime.v1', () => {
		const cri = loadCri();
		assert.equal(loadCri(), cri, 'loaded once');
		const runtime = cri.runtimeServiceDefinition;
		assert.equal(runtime.ListContainers.path, '/runtime.v1.RuntimeService/ListContainers');
		assert.equal(runtime.StreamContainers.responseStream, true);
		assert.equal(runtime.GetContainerEvents.responseStream, true);
		assert.equal(runtime.Version.responseStream, false);
		assert.equal(cri.imageServiceDefinition.ListImages.path, '/runtime.v1.ImageService/ListImages');
		assert.equal(typeof cri.RuntimeService, 'function');
		assert.equal(cri.RuntimeService.service, runtime);
	});

	test('int64 decodes to exact strings, enums to names, absent messages to null', () => {
		const {runtimeServiceDefinition} = loadCri();
		const method = runtimeServiceDefinition.ListContainers;
		const bytes = method.responseSerialize({containers: [{id: 'a', state: 'CONTAINER_EXITED', createdAt: '1700000000123456789'}]});
		const decoded = method.responseDeserialize(bytes) as {containers: Array<Record<string, unknown>>};
		assert.equal(decoded.containers[0].createdAt, '1700000000123456789');
		assert.equal(decoded.containers[0].state, 'CONTAINER_EXITED');
		assert.equal(decoded.containers[0].metadata, null);
		assert.deepEqual(decoded.containers[0].labels, {});
	});

	test('in a bundle it uses the inlined descriptor, not the .proto file', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-proto-'));
		try {
			const protobuf = createRequire(import.meta.url)('protobufjs');
			const json = new protobuf.Root().loadSync(protoPath).toJSON();
			const descriptor = JSON.stringify(json);
			const {methodTable} = await import('../../scripts/build-options.mjs' as string) as {methodTable: (d: object) => object};
			const source = fileURLToPath(new URL('../../source/wire/proto.ts', import.meta.url));
			const outfile = path.join(dir, 'bundle.mjs');
			await esbuild.build({
				stdin: {contents: `export {loadCri} from ${JSON.stringify(source)};`, resolveDir: dir, loader: 'ts'},
				outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent',
				banner: {js: "import {createRequire as __r} from 'node:module'; const require = __r(import.meta.url);"},
				// A wrong URL for the .proto proves the descriptor is what gets loaded.
				// proto-loader's method table made at build time: proto-loader is not needed at run time.
				define: {__CRI_DESCRIPTOR__: descriptor, __CRI_METHODS__: JSON.stringify(methodTable(json)), 'import.meta.url': '"file:///nonexistent/x/y.js"'},
			});
			const bundled = await import(pathToFileURL(outfile).href) as typeof import('../../source/wire/proto.js');
			assert.equal(bundled.loadCri().runtimeServiceDefinition.ListPodSandbox.path, '/runtime.v1.RuntimeService/ListPodSandbox');
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
