// Which runtime(s) the dashboard opens, decided once from the settings and
// the demo flags: the configured endpoint, else the one live well-known socket
// (several open the picker), else the simulated node when asked for. The
// answer is a LIST of endpoints (one today) so that several endpoints at once
// is more entries, not a special case. Probing and the simulated node come in
// as functions, so the choice is unit-tested without sockets or processes.
import {endpointUri, type CrictlTarget} from './format/crictl.js';
import {socketName, uniqueNames} from './format/endpoint-name.js';
import type {EndpointChoice} from './state/endpoints.js';
import type {NodeLogAccess} from './state/remote-logs.js';
import type {ExecDial} from './state/node-actions.js';
import type {Settings} from './wire/config.js';
import {dockershimExplanation, wellKnownPaths} from './wire/endpoint.js';
import type {ProbeResult} from './wire/probe.js';

/** One runtime to show: socket paths on this machine and how it was found. */
export type EndpointPlan = {
	/** Short name on a screen of several endpoints (NODE column, header). @default from the socket path */
	name?: string;
	runtime: string;
	image: string;
	/** Shown in the header ("from --runtime-endpoint", "found by probing"). */
	origin?: string;
	/** The built-in simulated node: a badge says so. */
	simulated: boolean;
	/** Configured (or the demo), not guessed: a failed first connection ends the program. */
	explicit: boolean;
	/** What crictl needs to reach it when that is not -r runtime (a node over ssh). */
	crictl?: CrictlTarget;
	/** Resolves with a sentence when the transport under it ends (the node's ssh master). */
	lost?: Promise<string>;
	/** The transport never came up: shown as down with this sentence, never connected. */
	failed?: string;
	/** Its container logs are read there (a node over ssh). */
	logs?: NodeLogAccess;
	/** Its exec streams are dialled through it (a node over ssh). */
	dialExec?: ExecDial;
};

export type EndpointsChosen = {
	endpoints: EndpointPlan[];
	/** Several live sockets were found: the person picks. */
	startInPicker: boolean;
};

export type ChooseInput = {
	settings: Pick<Settings, 'runtimeEndpoint' | 'imageEndpoint' | 'hostRoot' | 'sources'> & Partial<Pick<Settings, 'runtimeEndpoints'>>;
	demo: boolean;
	demoFallback: boolean;
	/** The live ones among these socket paths (a Version answered). */
	probeLive: (paths: string[]) => Promise<Array<Extract<ProbeResult, {ok: true}>>>;
	/** Starts the simulated node; its stop is the caller's (cleanup). */
	startDemo: () => Promise<{socketPath: string; flavor: string}>;
	exists: (path: string) => boolean;
};

/** A sentence that ends the program: nothing to connect to. */
export class NoEndpointError extends Error {
	override name = 'NoEndpointError';
}

/** The endpoint(s) to open; rejects with NoEndpointError and its sentence when there is none. */
export async function chooseEndpoints({settings, demo, demoFallback, probeLive, startDemo, exists}: ChooseInput): Promise<EndpointsChosen> {
	const configured = settings.runtimeEndpoint;
	const wellKnown = wellKnownPaths(settings.hostRoot);
	// Nothing configured: probe now, so that --demo-fallback knows whether a real runtime is here.
	const live = !demo && configured === 'probe' ? await probeLive(wellKnown) : [];
	if (demo || (demoFallback && configured === 'probe' && live.length === 0)) {
		const sim = await startDemo();
		const origin = demo ? `demo, ${sim.flavor}` : `no runtime found: simulated node, ${sim.flavor}`;
		return {endpoints: [{runtime: sim.socketPath, image: sim.socketPath, origin, simulated: true, explicit: true}], startInPicker: false};
	}

	if (configured === 'probe') {
		if (live.length === 0) {
			throw new NoEndpointError(`no CRI runtime socket found (looked at ${wellKnown.join(', ')}): pass -r unix:///path/to/socket, set runtime-endpoint in /etc/crictl.yaml, or try --demo`);
		}

		const origin = live.length > 1 ? `${live.length} runtimes found` : 'found by probing';
		return {endpoints: [{runtime: live[0].path, image: live[0].path, origin, simulated: false, explicit: false}], startInPicker: live.length > 1};
	}

	const explanation = dockershimExplanation(configured, exists, settings.hostRoot);
	if (explanation) {
		const found = await probeLive(wellKnown);
		const where = found.length > 0
			? `Live runtime sockets here: ${found.map(r => `${endpointUri(r.path)} (${r.version.runtimeName})`).join(', ')}`
			: 'No live runtime socket was found at the well-known paths.';
		throw new NoEndpointError(`${explanation}\n${where}`);
	}

	const image = settings.imageEndpoint === 'probe' ? configured : settings.imageEndpoint;
	const origin = `from ${settings.sources.runtimeEndpoint.name}`;
	// Several configured (-r repeated, runtime-endpoints): all on one screen; the others use their own socket for images.
	const more = (settings.runtimeEndpoints ?? []).filter(e => e !== configured);
	const all = [configured, ...more];
	const names = uniqueNames(all.map(socketName));
	return {
		endpoints: all.map((runtime, i) => ({...(all.length > 1 ? {name: names[i]} : {}), runtime, image: i === 0 ? image : runtime, origin, simulated: false, explicit: true})),
		startInPicker: false,
	};
}

/** What the endpoint picker lists for a probed socket. */
export function choiceOf(r: ProbeResult): EndpointChoice {
	return r.ok
		? {socketPath: r.path, label: r.label, runtimeName: r.version.runtimeName, runtimeVersion: r.version.runtimeVersion, ready: r.ready}
		: {socketPath: r.path, label: r.label, error: r.error.message};
}
