// Fetches what the inspect view shows: the object's status with verbose info,
// shaped like `crictl inspect` (times, fields, info keys at the top level).
import {useEffect, useState} from 'react';
import {inspectDocument} from '../format/inspect.js';
import type {CriClient} from '../wire/cri-client.js';
import type {Target} from './ui-state.js';

export type InspectResult =
	| {phase: 'loading'}
	| {phase: 'error'; message: string}
	| {phase: 'done'; document: Record<string, unknown>};

/** The object's status and verbose info, shaped like crictl's inspect output (format/inspect.ts). */
export async function fetchInspect(client: CriClient, target: Target): Promise<Record<string, unknown>> {
	if (target.kind === 'pod') {
		const r = await client.podSandboxStatus(target.id, true);
		return inspectDocument('pod', r.status, r.info);
	}

	if (target.kind === 'container') {
		const r = await client.containerStatus(target.id, true);
		return inspectDocument('container', r.status, r.info);
	}

	const r = await client.imageStatus(target.id, true);
	return inspectDocument('image', r.image, r.info);
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
