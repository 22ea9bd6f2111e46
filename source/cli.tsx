// Flags and settings, then one of: print the tables (stdout not a TTY), or the
// full-screen dashboard behind the terminal guard. Every way out restores the
// terminal; every failure is one sentence on stderr and exit 1 (a usage
// mistake, a bad flag or value: exit 2).
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import meow from 'meow';
import {splitCommandLine} from './commands/argv.js';
import {checkArgv, checkFlagValues, specsOf} from './flag-check.js';
import {printTables} from './print-tables.js';
import type {EndpointChoice} from './state/endpoints.js';
import {createTerminalGuard, setActiveGuard} from './terminal.js';
import {configFilePath, resolveSettings, parseDuration, SettingsError, type Settings} from './wire/config.js';
import {readConfigText} from './wire/config-file.js';
import {createCriClient, type CriClient} from './wire/cri-client.js';
import {configureLogAccess} from './wire/log-access.js';
import {detectHostRoot, dockershimExplanation, wellKnownPaths} from './wire/endpoint.js';
import {CriError} from './wire/errors.js';
import {probeEndpoints, type ProbeResult} from './wire/probe.js';

declare const __CRISOCK_VERSION__: string | undefined;

function packageVersion(): string {
	if (typeof __CRISOCK_VERSION__ !== 'undefined') return __CRISOCK_VERSION__;
	try {
		return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version;
	} catch {
		return 'unknown';
	}
}

const flavors = ['containerd', 'containerd-1.7', 'cri-o', 'cri-dockerd'] as const;
type DemoFlavor = (typeof flavors)[number];

export const helpText = `
  A live dashboard of a Kubernetes node's container runtime (CRI runtime.v1).

  Usage
    $ crisock-tui [options]
    $ crisock-tui sim --socket PATH [--containers N] [--flavor F]   serve a simulated node
    $ crisock-tui [global options] COMMAND [flags]   crictl's one-shot commands:
        ps pods images inspect inspectp inspecti logs stats statsp info version
        imagefsinfo stop stopp rm rmp rmi  (-o json|yaml|table; COMMAND --help;
        --trace FILE writes every CRI call as JSON lines)

  Options
    -r, --runtime-endpoint URI   runtime socket, e.g. unix:///run/containerd/containerd.sock
    -i, --image-endpoint URI     image socket (default: the runtime endpoint)
    -t, --timeout DURATION       deadline of every call (default 2s)
    -c, --config FILE            crictl config file (default /etc/crictl.yaml)
        --interval DURATION      refresh period (default 2s)
        --host-root DIR          the node's filesystem is mounted at DIR (e.g. /host)
        --log-root DIR           also read container logs under DIR (repeatable; always:
                                 /var/log/pods, /var/log/containers, /var/lib/docker/containers)
        --read-only              refuse every action that changes the node
        --demo                   run against a built-in simulated node
        --demo-fallback          when no endpoint is set and no runtime socket answers,
                                 open the simulated node instead of exiting
        --flavor NAME            with --demo: containerd | containerd-1.7 | cri-o | cri-dockerd
        --no-color               no colours (also NO_COLOR)
        --debug                  print stack traces on errors
        --version, --help

  How the endpoint is chosen (like crictl)
    --runtime-endpoint, else $CONTAINER_RUNTIME_ENDPOINT, else runtime-endpoint in
    the config file (--config, $CRI_CONFIG_FILE, /etc/crictl.yaml); if none is set,
    the well-known sockets are probed at once: one alive is used, several open the
    endpoint picker, none is an error.

  Keys
    1 2 3 / Tab  panes (pods, containers, images)     j k ↑ ↓ PgUp PgDn g G  move
    Enter  pod → its containers, else inspect           i d  inspect (y YAML, J JSON)
    x  stop (asks, names the full ID)                   e  switch endpoint
    /  filter (Enter keeps, Esc clears)                 a  all / running containers
    l logs  p previous logs  s shell  t triage  Ctrl-D remove  : command
    ?  every key   q  quit (in a view: close)   Esc  back   Ctrl-C  quit (in a question: cancel)
    The footer always shows the equivalent crictl command.

  When stdout or stdin is not a terminal the three tables are printed once.
`;

function fail(message: string): never {
	process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);
	process.exit(1);
}

/** A usage mistake (a flag or its value): one sentence, exit 2 like other CLIs. */
function failUsage(message: string): never {
	process.stderr.write(`crisock-tui: ${message}\n`);
	process.exit(2);
}

function errorSentence(error: unknown, debug: boolean): string {
	if (debug && error instanceof Error && error.stack) return error.stack;
	return error instanceof Error ? error.message : String(error);
}

function choiceOf(r: ProbeResult): EndpointChoice {
	return r.ok
		? {socketPath: r.path, label: r.label, runtimeName: r.version.runtimeName, runtimeVersion: r.version.runtimeVersion, ready: r.ready}
		: {socketPath: r.path, label: r.label, error: r.error.message};
}

async function main(): Promise<void> {
	if (process.argv[2] === 'sim') {
		process.exitCode = await (await import('./sim/serve.js')).runSimCommand(process.argv.slice(3));
		return;
	}

	// crictl's one-shot commands (`crisock-tui ps -a -o json`): loaded only when a command is typed.
	const commandLine = splitCommandLine(process.argv.slice(2));
	if (commandLine) {
		const code = await (await import('./commands/index.js')).runCommand(commandLine, {
			stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env,
			async startDemo(socketPath, flavor) {
				const {startSimNode} = await import('./sim/index.js');
				return startSimNode({socketPath, flavor: flavor as DemoFlavor});
			},
		});
		process.stdout.write('', () => process.exit(code));
		return;
	}

	const flagTable = {
		runtimeEndpoint: {type: 'string', shortFlag: 'r'},
		imageEndpoint: {type: 'string', shortFlag: 'i'},
		timeout: {type: 'string', shortFlag: 't'},
		config: {type: 'string', shortFlag: 'c'},
		interval: {type: 'string', default: '2s'},
		demo: {type: 'boolean', default: false},
		demoFallback: {type: 'boolean', default: false},
		flavor: {type: 'string'},
		hostRoot: {type: 'string'},
		logRoot: {type: 'string', isMultiple: true},
		readOnly: {type: 'boolean', default: false},
		color: {type: 'boolean', default: true},
		debug: {type: 'boolean', default: false},
	} as const;
	// A mistyped flag or a bad value: one sentence and exit 2, before anything starts.
	const usageError = checkArgv(process.argv.slice(2), specsOf(flagTable));
	if (usageError) failUsage(usageError);
	const cli = meow(helpText, {importMeta: import.meta, version: packageVersion(), flags: flagTable});
	const {flags} = cli;
	const debug = flags.debug;
	const badValue = checkFlagValues(flags, flavors);
	if (badValue) failUsage(badValue);
	if (flags.flavor && !flags.demo && !flags.demoFallback) failUsage('--flavor only applies with --demo: add --demo to try that runtime flavour');
	const intervalMs = parseDuration(flags.interval)!;

	const hostRoot = flags.hostRoot ?? detectHostRoot();
	// Only files under these (node paths, under the host root) are read as logs: a runtime names the file.
	configureLogAccess({hostRoot, roots: flags.logRoot});
	let settings: Settings;
	try {
		// Read first, bounded and with a deadline: a FIFO or /dev/zero as -c must not hang start-up.
		const configPath = configFilePath({flags: {config: flags.config}, env: process.env, hostRoot});
		const configText = await readConfigText(configPath);
		settings = resolveSettings({
			flags: {
				runtimeEndpoint: flags.runtimeEndpoint, imageEndpoint: flags.imageEndpoint, timeout: flags.timeout,
				config: flags.config, debug: flags.debug, readOnly: flags.readOnly,
			},
			env: process.env,
			readFile: p => (p === configPath ? configText : undefined),
			hostRoot,
		});
	} catch (error) {
		if (error instanceof SettingsError || error instanceof CriError) fail(error.message);
		throw error;
	}

	// On stderr before the screen takes over: still there (on the main screen) after it exits.
	for (const warning of settings.warnings) process.stderr.write(`${warning}\n`);

	const cleanups: Array<() => Promise<void> | void> = [];
	const cleanup = async () => {
		for (const fn of cleanups.splice(0).reverse()) await fn();
	};

	let runtimeEndpoint = settings.runtimeEndpoint;
	let imageEndpoint = settings.imageEndpoint;
	let origin: string | undefined = settings.sources.runtimeEndpoint.kind === 'probe' ? undefined : `from ${settings.sources.runtimeEndpoint.name}`;
	let explicit = settings.sources.runtimeEndpoint.kind !== 'probe';
	let demoSocket: string | undefined;
	let simulated = false;
	let startInPicker = false;
	const probePaths = () => [...(demoSocket ? [demoSocket] : []), ...wellKnownPaths(settings.hostRoot)];
	const probe = async () => (await probeEndpoints(probePaths(), 1000, {hostRoot: settings.hostRoot})).filter(r => r.ok || r.error.code !== 'unavailable').map(choiceOf);

	// Nothing configured: probe now, so that --demo-fallback knows whether a real runtime is here.
	const live = !flags.demo && runtimeEndpoint === 'probe'
		? (await probeEndpoints(wellKnownPaths(settings.hostRoot), 1000, {hostRoot: settings.hostRoot})).filter(r => r.ok)
		: [];
	if (flags.demo || (flags.demoFallback && runtimeEndpoint === 'probe' && live.length === 0)) {
		// Private socket: nothing else on the machine is touched.
		const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-demo-'));
		demoSocket = path.join(dir, 'cri.sock');
		const {startSimNode} = await import('./sim/index.js');
		const sim = await startSimNode({socketPath: demoSocket, flavor: (flags.flavor as DemoFlavor | undefined) ?? 'containerd'});
		cleanups.push(async () => {
			await sim.stop();
			rmSync(dir, {recursive: true, force: true});
		});
		runtimeEndpoint = demoSocket;
		simulated = true;
		imageEndpoint = demoSocket;
		origin = flags.demo ? `demo, ${sim.flavor}` : `no runtime found: simulated node, ${sim.flavor}`;
		explicit = true;
	} else if (runtimeEndpoint === 'probe') {
		if (live.length === 0) {
			fail(`no CRI runtime socket found (looked at ${wellKnownPaths(settings.hostRoot).join(', ')}): pass -r unix:///path/to/socket, set runtime-endpoint in /etc/crictl.yaml, or try --demo`);
		}

		runtimeEndpoint = live[0].path;
		imageEndpoint = live[0].path;
		origin = live.length > 1 ? `${live.length} runtimes found` : 'found by probing';
		startInPicker = live.length > 1;
	} else {
		const explanation = dockershimExplanation(runtimeEndpoint, existsSync, settings.hostRoot);
		if (explanation) {
			const live = (await probeEndpoints(wellKnownPaths(settings.hostRoot), 1000, {hostRoot: settings.hostRoot})).filter(r => r.ok);
			const found = live.length > 0
				? `Live runtime sockets here: ${live.map(r => `unix://${r.path} (${r.ok ? r.version.runtimeName : ''})`).join(', ')}`
				: 'No live runtime socket was found at the well-known paths.';
			fail(`${explanation}\n${found}`);
		}
	}

	const connect = (runtime: string, image: string) =>
		createCriClient({runtimeEndpoint: runtime, imageEndpoint: image, timeoutMs: settings.timeoutMs, readOnly: settings.readOnly});

	// The dashboard needs a terminal on both sides: keys in (raw mode) and the screen out.
	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		if (process.stdout.isTTY) process.stderr.write('crisock-tui: stdin is not a terminal, so the tables are printed once instead of the live dashboard; run it from a terminal (ssh -t) for the dashboard\n');
		const client = connect(runtimeEndpoint, imageEndpoint);
		try {
			const [version, pods, containers, images] = await Promise.all([
				client.version(), client.listPodSandbox(), client.listContainers(), client.listImages(),
			]);
			if (simulated) process.stdout.write(`# simulated node (${origin}): not a real runtime\n`);
			process.stdout.write(printTables({
				version, pods: pods.items, containers: containers.items, images: images.items,
				target: {endpoint: `unix://${runtimeEndpoint}`, imageEndpoint: `unix://${imageEndpoint}`},
			}, Date.now()));
		} catch (error) {
			client.close();
			await cleanup();
			fail(errorSentence(error, debug));
		}

		client.close();
		await cleanup();
		process.exit(0);
	}

	// Loaded only for the dashboard: the piped print needs neither ink nor React. Before any call
	// goes out: evaluating them blocks the event loop, and a deadline that expires meanwhile fails
	// the call even when its answer is already waiting in the socket (seen at load 20 on 2 cores).
	const [{render}, {App}, {colorDisabled}] = await Promise.all([import('ink'), import('./ui/app.js'), import('./ui/theme.js')]);

	// Connect before the first render: the channel's handshake and Version round trip overlap
	// the ~100 ms ink needs for its first frame. The poller's first connect() takes this client
	// and awaits the same Version answer (a failure reaches it exactly as before).
	let warm: CriClient | undefined;
	if (!startInPicker) {
		const client = connect(runtimeEndpoint, imageEndpoint);
		const version = client.version();
		version.catch(() => undefined);
		// Status and the three lists go out with Version, not after it: the poller's first calls
		// (unfiltered, not verbose) take these answers, so the first live frame waits one round trip, not two.
		const early = <T,>(call: () => Promise<T>): (() => Promise<T>) => {
			let first: Promise<T> | undefined = call();
			first.catch(() => undefined);
			return () => {
				if (!first) return call();
				const answer = first;
				first = undefined;
				// An early call that failed (e.g. its deadline passed during the first render) is asked again.
				return answer.catch(() => call());
			};
		};
		const [status, pods, containers, images] = [early(() => client.status(false)), early(() => client.listPodSandbox()), early(() => client.listContainers()), early(() => client.listImages())];
		warm = {
			...client,
			version: () => version,
			status: verbose => (verbose ? client.status(verbose) : status()),
			listPodSandbox: filter => (filter ? client.listPodSandbox(filter) : pods()),
			listContainers: filter => (filter ? client.listContainers(filter) : containers()),
			listImages: () => images(),
		};
	}

	const connectFirstWarm = (runtime: string, image: string): CriClient => {
		const client = warm;
		warm = undefined;
		if (client && runtime === runtimeEndpoint && image === imageEndpoint) return client;
		client?.close();
		return connect(runtime, image);
	};

	const guard = createTerminalGuard();
	guard.enter();
	setActiveGuard(guard);
	guard.installExitHandlers(cleanup);

	let exitCode = 0;
	let fatalMessage: string | undefined;
	const instance = render(
		<App
			connect={connectFirstWarm}
			runtimeEndpoint={runtimeEndpoint}
			imageEndpoint={imageEndpoint}
			intervalMs={intervalMs}
			readOnly={settings.readOnly}
			noColor={colorDisabled(!flags.color)}
			probe={probe}
			startInPicker={startInPicker}
			origin={origin}
			simulated={simulated}
			hostRoot={settings.hostRoot}
			handOver={guard.handOver}
			registerRepaint={fn => guard.setRepaint(fn)}
			onFatal={explicit ? error => {
				exitCode = 1;
				fatalMessage = errorSentence(error, debug);
				instance.unmount();
			} : undefined}
		/>,
		// maxFps 60: ink holds a render that follows another within 1000/maxFps ms, which a key
		// press right after a refresh waited out (30 fps = 34 ms > the 16 ms key budget).
		// (incrementalRendering was tried: it left stale lines behind views in the tmux e2e.)
		{stdin: guard.inkStdin, stdout: guard.inkStdout, exitOnCtrlC: false, patchConsole: true, maxFps: 60},
	);

	try {
		await instance.waitUntilExit();
	} catch (error) {
		exitCode = 1;
		fatalMessage = errorSentence(error, debug);
	}

	guard.restore();
	setActiveGuard(null);
	if (fatalMessage) process.stderr.write(`${fatalMessage}\n`);
	await cleanup();
	process.exit(exitCode);
}

// Not a top-level await: the single executable's bundle is CommonJS (Node's SEA runs a script).
// A rejection still ends the process with its stack, as an uncaught error does.
void main();
