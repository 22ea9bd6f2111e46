// Fetches what the inspect view shows: the object's status with verbose info,
// like `crictl inspect`. Verbose info values are JSON strings; they are parsed
// so YAML/JSON output shows structure instead of escaped text.
import {useEffect, useState} from 'react';
import type {CriClient} from '../wire/cri-client.js';
import type {Target} from './ui-state.js';

export type InspectResult =
	| {phase: 'loading'}
	| {phase: 'error'; message: string}
	| {phase: 'done'; document: Record<string, unknown>};

export function parseInfo(info: Record<string, string> | undefined): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(info ?? {})) {
		try {
			out[key] = JSON.parse(value);
		} catch {
			out[key] = value;
		}
	}

	return out;
}

export async function fetchInspect(client: CriClient, target: Target): Promise<Record<string, unknown>> {
	if (target.kind === 'pod') {
		const r = await client.podSandboxStatus(target.id, true);
		return {status: r.status, info: parseInfo(r.info)};
	}

	if (target.kind === 'container') {
		const r = await client.containerStatus(target.id, true);
		return {status: r.status, info: parseInfo(r.info)};
	}

	const r = await client.imageStatus(target.id, true);
	return {status: r.image, info: parseInfo(r.info)};
}

export function useInspect(client: CriClient | null, target: Target | undefined): InspectResult {
	const [result, setResult] = useState<InspectResult>({phase: 'loading'});
	useEffect(() => {
		if (!target) return;
		if (!client) {
			setResult({phase: 'error', message: 'not connected: waiting for the runtime to come back'});
			return;
		}

		let live = true;
		setResult({phase: 'loading'});
		fetchInspect(client, target).then(
			document => live && setResult({phase: 'done', document}),
			(error: unknown) => live && setResult({phase: 'error', message: error instanceof Error ? error.message : String(error)}),
		);
		return () => {
			live = false;
		};
	}, [client, target]);
	return result;
}
