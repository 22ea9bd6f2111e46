import {test} from 'node:test';
import assert from 'node:assert/strict';
import {loadCri} from '../../source/wire/proto.js';
import {Messages} from '../../source/sim/messages.js';
import {SimModel} from '../../source/sim/model.js';

test('hand-encoded list items decode exactly like protobufjs encodings (every flavour, hostile strings)', () => {
	const {runtimeServiceDefinition: rs, imageServiceDefinition: is} = loadCri();
	for (const flavor of ['containerd', 'cri-o', 'cri-dockerd'] as const) {
		const model = new SimModel({flavor, seed: 5, containers: 40, hostile: true});
		const messages = new Messages(model, '/logs');
		const cases = [
			{def: rs.ListContainers, field: 'containers', kind: 'container' as const, items: [...model.containers.values()].map(c => messages.container(c))},
			{def: rs.ListPodSandbox, field: 'items', kind: 'pod' as const, items: [...model.pods.values()].map(p => messages.pod(p))},
			{def: is.ListImages, field: 'images', kind: 'image' as const, items: [...model.images.values()].map(i => messages.image(i))},
		];
		for (const {def, field, kind, items} of cases) {
			const fast = Buffer.concat(items.map(item => messages.bytes(item, kind)));
			const reference = def.responseSerialize({[field]: items});
			assert.deepEqual(def.responseDeserialize(fast), def.responseDeserialize(reference), `${flavor} ${kind}`);
			assert.ok(items.length > 0);
		}
	}
});
