// One list pane, four specs: pods, containers, images and events are drawn by
// the same component (source/ui/list-pane.tsx) from a spec per resource.
import {test, describe} from 'node:test';
import assert from 'node:assert/strict';
import React from 'react';
import {renderToString} from 'ink';
import {ListPane} from '../../source/ui/list-pane.js';
import {containersSpec} from '../../source/ui/panes/containers.js';
import {eventsSpec} from '../../source/ui/panes/events.js';
import {imagesSpec} from '../../source/ui/panes/images.js';
import {podsSpec} from '../../source/ui/panes/pods.js';
import {imageRows} from '../../source/format/rows.js';
import {eventFromStream, type NodeEvent} from '../../source/state/node-events.js';
import type {ContainerEventResponse} from '../../source/model/cri-types.js';
import {container, image, pod} from '../state/fake-client.js';

const NOW = 1_800_000_000_000;
const items = <T,>(list: T[], selectedIndex = 0) => ({items: list, selectedIndex});

describe('the list pane', () => {
	const p = pod('a'.repeat(64), 'web-1', 'shop');
	const c = container('c'.repeat(64), 'nginx', p.id);
	const none = {containersById: new Map(), podsById: new Map()};

	test('each spec gives its crictl headers through the same component', () => {
		const frames = [
			renderToString(<ListPane spec={podsSpec} context={{now: NOW}} model={items([p])} width={100} height={6} empty="none" />, {columns: 100}),
			renderToString(<ListPane spec={containersSpec} context={{podsById: new Map([[p.id, p]]), now: NOW}} model={items([c])} width={100} height={6} empty="none" />, {columns: 100}),
			renderToString(<ListPane spec={imagesSpec} context={{}} model={items(imageRows(image('sha256:' + 'f'.repeat(64), 'docker.io/library/nginx:1.25')))} width={100} height={6} empty="none" />, {columns: 100}),
			renderToString(<ListPane spec={eventsSpec} context={{...none, now: NOW}} model={items<NodeEvent>([])} width={100} height={6} empty="nothing has changed" />, {columns: 100}),
		];
		assert.match(frames[0], /^POD ID +CREATED↓ +STATE +NAME +NAMESPACE +ATTEMPT +RUNTIME/m);
		assert.match(frames[0], /web-1 +shop/);
		assert.match(frames[1], /^CONTAINER +IMAGE +CREATED↓ +STATE +NAME +ATTEMPT +POD ID +POD/m);
		assert.match(frames[1], /Running +nginx/);
		assert.match(frames[2], /^IMAGE↑ +TAG +IMAGE ID +SIZE +PINNED/m);
		assert.match(frames[2], /docker\.io\/library\/nginx +1\.25/);
		assert.match(frames[3], /^TIME +AGE +EVENT +NAME +POD +CONTAINER +EXIT/m);
		assert.match(frames[3], /nothing has changed/);
	});

	test('events: a CRI-O event without the container\'s status takes its name from the container already known, a pod event from the pod', () => {
		const stream = (containerId: string, type: ContainerEventResponse['containerEventType']): ContainerEventResponse => ({
			containerId, containerEventType: type, createdAt: String(BigInt(NOW - 150_000) * 1_000_000n),
			podSandboxStatus: {...p, network: null, linux: null}, containersStatuses: [],
		});
		const events = [eventFromStream(stream(c.id, 'CONTAINER_STOPPED_EVENT')), eventFromStream(stream(p.id, 'CONTAINER_STARTED_EVENT'))];
		const known = {containersById: new Map([[c.id, c]]), podsById: new Map([[p.id, p]])};
		const frame = renderToString(<ListPane spec={eventsSpec} context={{...known, now: NOW}} model={items(events)} width={100} height={6} empty="none" />, {columns: 100});
		assert.doesNotMatch(frame, /\?/);
		assert.match(frame, /2 minutes ago +stopped +nginx +web-1 +cccccccccccc/);
		assert.match(frame, /2 minutes ago +pod started +web-1 +web-1/);
		// Not known anywhere (yet): the pod the event carries still names where it happened.
		const unknown = renderToString(<ListPane spec={eventsSpec} context={{...none, now: NOW}} model={items(events.slice(0, 1))} width={100} height={6} empty="none" />, {columns: 100});
		assert.match(unknown, /stopped +web-1 +cccccccccccc/);
		assert.doesNotMatch(unknown, /\?/);
	});

	test('events: the AGE moves with the clock given, not with the event', () => {
		const e: NodeEvent = {at: NOW, kind: 'started', containerId: c.id, object: 'container', name: 'nginx', podSandboxId: p.id, podName: 'web-1', source: 'stream'};
		const at = (now: number) => renderToString(<ListPane spec={eventsSpec} context={{...none, now}} model={items([e])} width={100} height={6} empty="none" />, {columns: 100});
		assert.match(at(NOW + 5000), /5 seconds ago/);
		assert.match(at(NOW + 125_000), /2 minutes ago/);
	});
});
