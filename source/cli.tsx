// Flags and settings → the endpoint(s) to open (choose-endpoint.ts) → print the
// tables once (stdout not a terminal) or run the full-screen dashboard
// (run-dashboard.tsx). Every way out restores the terminal; every failure is
// one sentence on stderr and exit 1 (a usage mistake, a bad flag or value:
// exit 2).
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import meow from 'meow';
import {chooseEndpoints, choiceOf, NoEndpointError, type EndpointsChosen} from './choose-endpoint.js';
import {splitCommandLine} from './commands/argv.js';
import {flagTable} from './flag-table.js';
import {checkArgv, checkFlagValues, specsOf} from './flag-check.js';
import {printOnce} from './print-once.js';
import {configFilePath, resolveSettings, parseDuration, SettingsError, type Settings} from './wire/config.js';
import {loadYamlParser, readConfigText} from './wire/config-file.js';
import {createCriClient} from './wire/cri-client.js';
import {configureLogAccess} from './wire/log-access.js';
import {detectHostRoot, wellKnownPaths} from './wire/endpoint.js';
import {CriError} from './wire/errors.js';
import {probeEndpoints} from './wire/probe.js';
import {setListAnnotations} from './wire/list-decode.js';
import {warmConnect} from './warm-connect.js';
import {openNodes, parseNodeTargets, readNodesFile} from './open-nodes.js';
import type {SshTarget} from './wire/ssh-target.js';
import {tailCount} from './wire/log-options.js';
import {defaultLogOptions} from './state/logs-view-keys.js';

declare const __CRISOCK_VERSION__: string | undefined;
declare const __CRISOCK_PACKAGE__: PackageFacts | undefined;

type PackageFacts = {name: string; version: string; description?: string; bin?: Record<string, string>};

function packageVersion(): string {
	if (typeof __CRISOCK_VERSION__ !== 'undefined') return __CRISOCK_VERSION__;
	try {
		return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {version: string}).version;
	} catch {
		return 'unknown';
	}
}

/**
 * What meow reads of package.json (the description atop --help, the process title): from the
 * build when bundled, so meow does not search for and parse the file before the first output.
 */
function packageFacts(): PackageFacts | undefined {
	if (typeof __CRISOCK_PACKAGE__ !== 'undefined') return __CRISOCK_PACKAGE__;
	try {
		const {name, version, description, bin} = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as PackageFacts;
		return {name, version, description, bin};
	} catch {
		return undefined;
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
    -r, --runtime-endpoint URI   runtime socket, e.g. unix:///run/containerd/containerd.sock;
                                 repeat it to show several runtimes on one screen
    -i, --image-endpoint URI     image socket (default: the runtime endpoint)
    -t, --timeout DURATION       deadline of every call (default 2s)
    -c, --config FILE            crictl config file (default /etc/crictl.yaml)
        --interval DURATION      refresh period (default 2s)
        --node ssh://[user@]host[:port][/socket]
                                 a node over ssh (repeatable; with -r too): its runtime,
                                 logs and crictl lines through the system's OpenSSH;
                                 without a socket the well-known ones are probed there
        --nodes FILE             nodes from a file, one ssh:// address a line (# comments)
        --ssh-config FILE        passed to ssh as -F
        --host-root DIR          the node's filesystem is mounted at DIR (e.g. /host)
        --log-root DIR           also read container logs under DIR (repeatable; always:
                                 /var/log/pods, /var/log/containers, /var/lib/docker/containers)
        --read-only              refuse every action that changes the node
        --tail N, --since D      how a logs view reads (crictl logs; default --tail 200;
                                 D: 5m or an RFC 3339 time); T and S change it there
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
    1 2 3 4 / Tab  pods, containers, images, events     j k ↑ ↓ PgUp PgDn g G  move
    Ctrl-R  refresh now
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

type Flags = ReturnType<typeof parseFlags>['flags'];

/** The flags, or the usage sentence and exit 2 for a mistyped flag or a bad value, before anything starts. */
function parseFlags() {
	const usageError = checkArgv(process.argv.slice(2), specsOf(flagTable));
	if (usageError) failUsage(usageError);
	const cli = meow(helpText, {importMeta: import.meta, pkg: packageFacts(), version: packageVersion(), flags: flagTable});
	const badValue = checkFlagValues(cli.flags, flavors);
	if (badValue) failUsage(badValue);
	if (cli.flags.flavor && !cli.flags.demo && !cli.flags.demoFallback) failUsage('--flavor only applies with --demo: add --demo to try that runtime flavour');
	return cli;
}

/** The settings (flags, environment, config file), or the sentence that ends the program. */
async function readSettings(flags: Flags, hostRoot: string | undefined): Promise<Settings> {
	try {
		// Read first, bounded and with a deadline: a FIFO or /dev/zero as -c must not hang start-up.
		const configPath = configFilePath({flags: {config: flags.config}, env: process.env, hostRoot});
		const configText = await readConfigText(configPath);
		const parseYaml = await loadYamlParser(configText);
		return resolveSettings({
			flags: {
				runtimeEndpoint: flags.runtimeEndpoint?.[0], moreRuntimeEndpoints: flags.runtimeEndpoint?.slice(1), imageEndpoint: flags.imageEndpoint, timeout: flags.timeout,
				config: flags.config, debug: flags.debug, readOnly: flags.readOnly,
			},
			env: process.env,
			readFile: p => (p === configPath ? configText : undefined),
			hostRoot,
			parseYaml,
		});
	} catch (error) {
		if (error instanceof SettingsError || error instanceof CriError) fail(error.message);
		throw error;
	}
}

/** The simulated node on a private socket (nothing else on the machine is touched); stopped by `cleanups`. */
async function startDemo(flavor: DemoFlavor, cleanups: Array<() => Promise<void>>): Promise<{socketPath: string; flavor: string}> {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'crisock-demo-'));
	const socketPath = path.join(dir, 'cri.sock');
	const {startSimNode} = await import('./sim/index.js');
	const sim = await startSimNode({socketPath, flavor});
	cleanups.push(async () => {
		await sim.stop();
		rmSync(dir, {recursive: true, force: true});
	});
	return {socketPath, flavor: sim.flavor};
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

	const {flags} = parseFlags();
	const sentence = (error: unknown) => errorSentence(error, flags.debug);
	const intervalMs = parseDuration(flags.interval)!;
	const hostRoot = flags.hostRoot ?? detectHostRoot();
	// Only files under these (node paths, under the host root) are read as logs: a runtime names the file.
	configureLogAccess({hostRoot, roots: flags.logRoot});
	const settings = await readSettings(flags, hostRoot);
	// On stderr before the screen takes over: still there (on the main screen) after it exits.
	for (const warning of settings.warnings) process.stderr.write(`${warning}\n`);

	const cleanups: Array<() => Promise<void>> = [];
	const cleanup = async () => {
		for (const fn of cleanups.splice(0).reverse()) await fn();
	};

	// -t bounds the probe too (every socket at once), as it bounds every call.
	const probe = async (paths: string[]) => probeEndpoints(paths, settings.timeoutMs, {hostRoot: settings.hostRoot});
	// Nodes over ssh, checked before anything is opened: a bad address is a usage mistake.
	let targets: SshTarget[] = [];
	try {
		targets = parseNodeTargets([...(flags.node ?? []), ...(flags.nodes ? await readNodesFile(flags.nodes) : [])]);
	} catch (error) {
		if (error instanceof SettingsError || error instanceof CriError) failUsage(error.message);
		throw error;
	}

	let chosen: EndpointsChosen;
	try {
		// Only nodes asked for: this machine's sockets are not probed.
		chosen = targets.length > 0 && settings.runtimeEndpoint === 'probe' && !flags.demo ? {endpoints: [], startInPicker: false} : await chooseEndpoints({
			settings, demo: flags.demo, demoFallback: flags.demoFallback, exists: existsSync,
			probeLive: async paths => (await probe(paths)).filter(r => r.ok),
			startDemo: async () => startDemo((flags.flavor as DemoFlavor | undefined) ?? 'containerd', cleanups),
		});
	} catch (error) {
		if (error instanceof NoEndpointError) fail(error.message);
		throw error;
	}

	if (targets.length > 0) {
		// In parallel, each bounded by ssh's own connect timeout: an unreachable node is a sentence, not a wait.
		const nodes = await openNodes(targets, {sshConfig: flags.sshConfig, timeoutMs: Math.max(settings.timeoutMs, 10_000), logRoots: flags.logRoot ?? [], cleanups});
		if (chosen.endpoints.length === 0 && nodes.every(n => n.failed)) {
			await cleanup();
			fail(nodes.map(n => n.failed).join('\n'));
		}
		chosen = {endpoints: [...chosen.endpoints, ...nodes], startInPicker: false};
	}

	const connect = (runtime: string, image: string) =>
		createCriClient({runtimeEndpoint: runtime, imageEndpoint: image, timeoutMs: settings.timeoutMs, readOnly: settings.readOnly});

	// No table shows annotations (the dashboard's or the print's) and inspect asks for the full
	// object: the lists keep none.
	setListAnnotations(false);
	// The dashboard needs a terminal on both sides: keys in (raw mode) and the screen out.
	if (!process.stdout.isTTY || !process.stdin.isTTY) {
		if (process.stdout.isTTY) process.stderr.write('crisock-tui: stdin is not a terminal, so the tables are printed once instead of the live dashboard; run it from a terminal (ssh -t) for the dashboard\n');
		const text = await printOnce(chosen.endpoints, connect).catch(async (error: unknown) => {
			await cleanup();
			fail(sentence(error));
		});
		process.stdout.write(text);
		await cleanup();
		process.exit(0);
	}

	// The picker lists the simulated node too when it is the one shown.
	const demoSockets = chosen.endpoints.filter(e => e.simulated).map(e => e.runtime);
	const pickerProbe = async () => (await probe([...demoSockets, ...wellKnownPaths(settings.hostRoot)]))
		.filter(r => r.ok || r.error.code !== 'unavailable').map(choiceOf);
	const [first] = chosen.endpoints;
	// The first calls go out first, and the loop turns until Version has answered (grpc-js
	// connects on later turns), so the runtime answers while ink and React load. Evaluating them
	// blocks the event loop: an early call whose deadline passes meanwhile (load 20 on 2 cores) is
	// asked again by warm-connect.ts, with the loop free. The caps keep a sick runtime from
	// holding the first frame (connecting, or its error) more than ~0.2 s.
	const warm = warmConnect(connect, first.runtime, first.image, !chosen.startInPicker && !first.failed);
	await warm.connected(80);
	// Loaded only for the dashboard: the piped print needs neither ink nor React.
	const {runDashboard} = await import('./run-dashboard.js');
	// Answers that arrived meanwhile are read now, so the first frame has the rows.
	await warm.settled({answeredMs: 150, silentMs: 50});
	process.exit(await runDashboard({
		chosen, connect: warm.connect, seed: warm.seed(), intervalMs, readOnly: settings.readOnly, noColorFlag: !flags.color,
		hostRoot: settings.hostRoot, probe: pickerProbe, sentence, cleanup,
		logOptions: {tail: flags.tail === undefined ? defaultLogOptions.tail : tailCount(flags.tail)!, since: flags.since ?? ''},
	}));
}

// Not a top-level await: the single executable's bundle is CommonJS (Node's SEA runs a script).
// A rejection still ends the process with its stack, as an uncaught error does.
void main();
