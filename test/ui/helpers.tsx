// Renders <App> against a fake client, with helpers to type keys and to wait for what the screen
// shows (never for a fixed time: see test/support/wait.ts).
import React from 'react';
import {render} from 'ink-testing-library';
import {App, type AppProps} from '../../source/ui/app.js';
import {fakeClient, fakeNode, pod, container, image, type FakeNode} from '../state/fake-client.js';
import {keyGap, turns, waitFor} from '../support/wait.js';

/** What a frame is waited for: text it includes, a pattern, or a test. */
export type FrameMatch = string | RegExp | ((frame: string) => boolean);

const toTest = (match: FrameMatch) =>
	typeof match === 'string' ? (f: string) => f.includes(match) : match instanceof RegExp ? (f: string) => match.test(f) : match;

/** Polls `frame()` until it matches; resolves with that frame, rejects showing the last one. */
export async function waitForFrame(frame: () => string, match: FrameMatch, timeoutMs = 10_000): Promise<string> {
	const test = toTest(match);
	return waitFor(() => (test(frame()) ? frame() : undefined), {timeoutMs, what: () => `${String(match)}; last frame:\n${frame()}`});
}

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
	/** Types keys a person's gap apart (KEY_DELAY ms, default 15); what they cause is waited for by the caller. */
	const press = async (...keys: string[]) => {
		for (const [i, k] of keys.entries()) {
			if (i > 0) await keyGap(Number(process.env.KEY_DELAY ?? 15));
			result.stdin.write(k);
		}

		await turns();
	};
	const waitFor = async (match: FrameMatch, timeoutMs?: number) => waitForFrame(frame, match, timeoutMs);
	/**
	 * The first frame matching every one of `matches`, or, at the deadline, the last frame: the
	 * assertions that follow then say which part is missing.
	 */
	const frameWith = async (...matches: FrameMatch[]) => waitForFrame(frame, f => matches.every(m => toTest(m)(f))).catch(() => frame());

	return {...result, node, connects, clients, frame, press, waitFor, frameWith};
}

export const keys = {down: '\u001B[B', up: '\u001B[A', enter: '\r', escape: '\u001B', pageDown: '\u001B[6~', tab: '\t', shiftTab: '\u001B[Z'};
export {pod, container, image};
