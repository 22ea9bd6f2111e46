// The endpoint of a one-shot command, by the same rules as the dashboard and crictl: flag,
// environment, config file, else the well-known sockets probed at once (the first that answers,
// in crictl's order). --demo serves the simulated node on a private socket for the command.
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseArgs} from 'node:util';
import {endpointUri, type CrictlTarget} from '../format/crictl.js';
import {configFilePath, resolveSettings, SettingsError} from '../wire/config.js';
import {loadYamlParser, readConfigText} from '../wire/config-file.js';
import {configureLogAccess} from '../wire/log-access.js';
import {createCriClient, type CriClient} from '../wire/cri-client.js';
import {detectHostRoot, dockershimExplanation, wellKnownPaths} from '../wire/endpoint.js';
import {CriError} from '../wire/errors.js';
import {probeEndpoints} from '../wire/probe.js';
import {UsageError} from './spec.js';

export type Globals = {
	runtimeEndpoint?: string; imageEndpoint?: string; timeout?: string; config?: string; hostRoot?: string; logRoot: string[];
	debug: boolean; readOnly: boolean; demo: boolean; flavor?: string; trace?: string; help: boolean;
};

const flavors = ['containerd', 'containerd-1.7', 'cri-o', 'cri-dockerd'];

/** The global flags before the command; an unknown one is a UsageError. */
export function parseGlobals(words: string[]): Globals {
	let values: Record<string, string | boolean | string[] | undefined>;
	try {
		({values} = parseArgs({args: words, strict: true, allowPositionals: false, options: {
			'runtime-endpoint': {type: 'string', short: 'r'}, 'image-endpoint': {type: 'string', short: 'i'},
			timeout: {type: 'string', short: 't'}, config: {type: 'string', short: 'c'}, 'host-root': {type: 'string'}, 'log-root': {type: 'string', multiple: true},
			debug: {type: 'boolean', short: 'D'}, 'read-only': {type: 'boolean'}, demo: {type: 'boolean'}, flavor: {type: 'string'},
			trace: {type: 'string'}, interval: {type: 'string'}, 'no-color': {type: 'boolean'}, color: {type: 'boolean'},
			'demo-fallback': {type: 'boolean'}, help: {type: 'boolean', short: 'h'},
		}}));
	} catch (error) {
		const flag = /'([^']+)'/.exec((error as Error).message)?.[1]?.split(/[\s,]/)[0];
		throw new UsageError(flag ? `crisock-tui: unknown or incomplete global flag ${flag}` : (error as Error).message.split('\n')[0]);
	}

	const flavor = values.flavor as string | undefined;
	if (flavor !== undefined && !flavors.includes(flavor)) throw new UsageError(`--flavor ${JSON.stringify(flavor)} is not one of ${flavors.join(', ')}`);
	if (flavor !== undefined && !values.demo) throw new UsageError('--flavor only applies with --demo: add --demo to try that runtime flavour');
	return {
		runtimeEndpoint: values['runtime-endpoint'] as string | undefined, imageEndpoint: values['image-endpoint'] as string | undefined,
		timeout: values.timeout as string | undefined, config: values.config as string | undefined, hostRoot: values['host-root'] as string | undefined,
		logRoot: (values['log-root'] as string[] | undefined) ?? [],
		debug: values.debug === true, readOnly: values['read-only'] === true, demo: values.demo === true, flavor,
		trace: values.trace as string | undefined, help: values.help === true,
	};
}

export type Connected = {client: CriClient; target: CrictlTarget; hostRoot?: string; readOnly: boolean; note?: string; warnings: string[]; close(): Promise<void>};

/** A client on the endpoint crictl would use (or the simulated node); failures are CriError/SettingsError sentences. */
/** Starts the simulated node (passed in by cli.tsx: only source/ itself may load it). */
export type StartDemo = (socketPath: string, flavor: string) => Promise<{flavor: string; stop(): Promise<void>}>;

export async function connect(globals: Globals, env: NodeJS.ProcessEnv, startDemo?: StartDemo): Promise<Connected> {
	const hostRoot = globals.hostRoot ?? detectHostRoot();
	// Only files under these (node paths, under the host root) are read as logs, as in the dashboard.
	configureLogAccess({hostRoot, roots: globals.logRoot});
	const flags = {runtimeEndpoint: globals.runtimeEndpoint, imageEndpoint: globals.imageEndpoint, timeout: globals.timeout, config: globals.config, debug: globals.debug, readOnly: globals.readOnly};
	// Bounded and with a deadline, as the dashboard reads it: a FIFO or /dev/zero as -c is a sentence.
	const configPath = configFilePath({flags, env, hostRoot});
	const configText = await readConfigText(configPath);
	const parseYaml = await loadYamlParser(configText);
	const settings = resolveSettings({flags, env, readFile: p => (p === configPath ? configText : undefined), hostRoot, parseYaml});
	let runtime = settings.runtimeEndpoint;
	let image = settings.imageEndpoint;
	let stopSim: (() => Promise<void>) | undefined;
	let note: string | undefined;
	if (globals.demo) {
		if (!startDemo) throw new UsageError('--demo is not available here');
		const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-demo-'));
		const socketPath = path.join(dir, 'cri.sock');
		const sim = await startDemo(socketPath, globals.flavor ?? 'containerd');
		stopSim = async () => {
			await sim.stop();
			rmSync(dir, {recursive: true, force: true});
		};
		runtime = socketPath;
		image = socketPath;
		note = `simulated node (${sim.flavor}): not a real runtime`;
	} else if (runtime === 'probe') {
		const paths = wellKnownPaths(settings.hostRoot);
		const live = (await probeEndpoints(paths, settings.timeoutMs, {hostRoot: settings.hostRoot})).filter(r => r.ok);
		if (live.length === 0) throw new SettingsError(`no CRI runtime socket found (looked at ${paths.join(', ')}): pass -r unix:///path/to/socket before the command, or set runtime-endpoint in /etc/crictl.yaml`);
		runtime = live[0].path;
		if (image === 'probe') image = runtime;
	} else {
		const explanation = dockershimExplanation(runtime, existsSync, settings.hostRoot);
		if (explanation) throw new CriError(explanation, 'unavailable', 'connect', runtime);
	}

	const imagePath = image === 'probe' ? runtime : image;
	const client = createCriClient({runtimeEndpoint: runtime, imageEndpoint: imagePath, timeoutMs: settings.timeoutMs, readOnly: settings.readOnly});
	return {
		client,
		target: {endpoint: endpointUri(runtime), imageEndpoint: endpointUri(imagePath)},
		hostRoot: settings.hostRoot,
		readOnly: settings.readOnly,
		note,
		warnings: settings.warnings,
		async close() {
			client.close();
			await stopSim?.();
		},
	};
}
