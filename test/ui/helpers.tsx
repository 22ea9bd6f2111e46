// Renders <App> against a fake client, with helpers to type keys and wait.
import React from 'react';
import {render} from 'ink-testing-library';
import {App, type AppProps} from '../../source/ui/app.js';
import {fakeClient, fakeNode, pod, container, image, type FakeNode} from '../state/fake-client.js';

export const delay = (ms = 30) => new Promise(resolve => setTimeout(resolve, ms));

export function sampleNode(): FakeNode {
	const p1 = pod('a'.repeat(64), 'web-1', 'shop');
	const p2 = pod('b'.repeat(64), 'db-0', 'shop');
	p1.createdAt = '1700000002000000000';
	p2.createdAt = '1700000001000000000';
	const c1 = container('c'.repeat(64), 'nginx', p1.id);
	const c2 = container('d'.repeat(64), 'postgres', p2.id, 'CONTAINER_EXITED');
	const c3 = container('e'.repeat(64), 'sidecar', p1.id);
	c1.createdAt = '1700000003000000000';
	c2.createdAt = '1700000002000000000';
	c3.createdAt = '1700000001000000000';
	return fakeNode({pods: [p1, p2], containers: [c1, c2, c3], images: [image('sha256:' + 'f'.repeat(64), 'docker.io/library/nginx:1.25')]});
}

const mounted: Array<{unmount(): void}> = [];

/** Unmount everything renderApp mounted (call from afterEach, so a failed test leaves no poller running). */
export function unmountAll(): void {
	for (const r of mounted.splice(0)) {
		try {
			r.unmount();
		} catch {
			// already unmounted
		}
	}
}

export function renderApp(node: FakeNode = sampleNode(), props: Partial<AppProps> = {}) {
	const connects: string[] = [];
	const clients: Array<ReturnType<typeof fakeClient>> = [];
	const result = render(
		<App
			connect={(runtime: string) => {
				connects.push(runtime);
				const c = fakeClient(node, runtime);
				clients.push(c);
				return c;
			}}
			runtimeEndpoint="/run/fake.sock"
			size={{columns: 100, rows: 24}}
			intervalMs={60_000}
			{...props}
		/>,
	);
	mounted.push(result);
	const frame = () => result.lastFrame() ?? '';
	const press = async (...keys: string[]) => {
		for (const k of keys) {
			result.stdin.write(k);
			await delay(Number(process.env.KEY_DELAY ?? 15));
		}

		await delay(15);
	};

	return {...result, node, connects, clients, frame, press};
}

export const keys = {down: '\u001B[B', up: '\u001B[A', enter: '\r', escape: '\u001B', pageDown: '\u001B[6~', tab: '\t', shiftTab: '\u001B[Z'};
export {pod, container, image};
