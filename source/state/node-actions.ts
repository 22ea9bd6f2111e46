// Everything the dashboard does TO the node, as data: stop, remove, a shell
// hand-over, a one-shot exec and where a container's log file is. Views call
// these instead of the CRI client, and each answers {crictl, message, error}
// for the footer, so the sentence and the crictl line are written once.
// read-only is the client's job (it refuses every write); the key table
// (keymap.ts, `dangerous`) only spares the question.
import {crictlExec, crictlExecShell, crictlRm, crictlRmi, crictlRmp, crictlStop, crictlStopp, type CrictlTarget} from '../format/crictl.js';
import {shortId} from '../format/ids.js';
import {containerStateText} from '../format/rows.js';
import {sanitize} from '../format/sanitize.js';
import type {Container} from '../model/cri-types.js';
import type {CriClient} from '../wire/cri-client.js';
import {runShell, shellExitSentence} from '../wire/exec-shell.js';
import {resolveLogPath} from '../wire/log-reader.js';
import type {Target} from './ui-state.js';
import type {ResolvePath} from './use-logs.js';

/** What an action leaves in the footer. */
export type ActionResult = {crictl: string; message: string; error?: boolean};

export type HandOverIo = {stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream};
/** Gives the real terminal to `run` and takes it back (the CLI's terminal guard). */
export type HandOver = <T>(run: (io: HandOverIo) => Promise<T>) => Promise<T>;

/** Grace period given to the runtime when stopping a container, seconds (as the kubelet's default is 30, crictl's 0; a middle ground that lets apps flush). */
export const STOP_GRACE_SECONDS = 10;

/** Seconds ExecSync may run. @default 10 */
export const execTimeoutSeconds = 10;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Containers whose image is this image (by ID, ref or name). */
export function containersUsingImage(imageId: string, containers: readonly Container[]): Container[] {
	const bare = imageId.replace(/^sha256:/, '');
	return containers.filter(c => [c.imageRef, c.imageId, c.image?.image ?? ''].some(ref =>
		ref !== '' && (ref === imageId || ref.replace(/^(docker:\/\/)?sha256:/, '') === bare)));
}

/** What else a removal takes with it, one sentence per line. */
export function removeWarnings(target: Target, containers: readonly Container[]): string[] {
	if (target.kind === 'container') {
		const c = containers.find(x => x.id === target.id);
		const running = c?.state === 'CONTAINER_RUNNING' ? ['it is running: the runtime kills it first'] : [];
		return [...running, 'its log files are deleted too (crictl rm does the same)'];
	}

	if (target.kind === 'pod') {
		const n = containers.filter(c => c.podSandboxId === target.id).length;
		return [`its ${n} container${n === 1 ? '' : 's'} and their logs are removed too; a running pod is stopped first`];
	}

	const users = containersUsingImage(target.id, containers);
	if (users.length === 0) return ['no container uses it'];
	return [`used by ${users.length} container${users.length === 1 ? '' : 's'}: ${users.slice(0, 5).map(c => `${sanitize(c.metadata?.name ?? '')} (${shortId(c.id)})`).join(', ')}${users.length > 5 ? ', …' : ''} — the runtime refuses while they exist`];
}

/**
 * An action that changes the node and is asked about first. The one confirm
 * dialog (ui/confirm-dialog.tsx) draws any of these; `perform` runs it.
 */
export type ConfirmSpec = {
	/** "Stop", "Remove": the question's first word. */
	verb: string;
	/** The key hint's word for y: "stop", "remove". */
	answer: string;
	/** The dialog's border: a stop is a warning, a removal is bad. */
	tone: 'warn' | 'bad';
	noun: (target: Target) => string;
	crictl: (at: CrictlTarget, target: Target) => string;
	/** Sentences on what else happens. */
	warnings: (target: Target, containers: readonly Container[]) => string[];
	/** "stopping", "removing": the footer's word while it runs. */
	doing: string;
	/** "stopped", "removed". */
	done: string;
	/** "not stopped", "not removed": the start of a refusal. */
	not: string;
	run: (client: CriClient, target: Target) => Promise<void>;
};

export const confirmSpecs = {
	stop: {
		verb: 'Stop',
		answer: 'stop',
		tone: 'warn',
		noun: t => (t.kind === 'pod' ? 'pod' : 'container'),
		crictl: (at, t) => (t.kind === 'pod' ? crictlStopp(at, t.id) : crictlStop(at, t.id)),
		warnings: () => [],
		doing: 'stopping',
		done: 'stopped',
		not: 'not stopped',
		async run(client, t) {
			if (t.kind === 'container') await client.stopContainer(t.id, STOP_GRACE_SECONDS);
			else if (t.kind === 'pod') await client.stopPodSandbox(t.id);
			else throw new Error('images cannot be stopped');
		},
	},
	remove: {
		verb: 'Remove',
		answer: 'remove',
		tone: 'bad',
		noun: t => t.kind,
		crictl: (at, t) => (t.kind === 'pod' ? crictlRmp(at, t.id) : t.kind === 'image' ? crictlRmi(at, t.id) : crictlRm(at, t.id)),
		warnings: removeWarnings,
		doing: 'removing',
		done: 'removed',
		not: 'not removed',
		async run(client, t) {
			if (t.kind === 'container') await client.removeContainer(t.id);
			else if (t.kind === 'pod') await client.removePodSandbox(t.id);
			else await client.removeImage(t.id);
		},
	},
} satisfies Record<string, ConfirmSpec>;

export type ConfirmName = keyof typeof confirmSpecs;

/** The spec a confirm view names (its arg, else its name); stop unless it says remove. */
export function confirmSpecOf(name: string | undefined): ConfirmSpec {
	return name === 'remove' ? confirmSpecs.remove : confirmSpecs.stop;
}

/**
 * Runs a confirmed action on exactly `target` (captured when the question
 * opened). `progress` gets the "stopping web…" line before the call.
 */
export async function perform(spec: ConfirmSpec, client: CriClient | null, target: Target, at: CrictlTarget, progress?: (result: ActionResult) => void): Promise<ActionResult> {
	const crictl = spec.crictl(at, target);
	const noun = spec.noun(target);
	if (!client) return {crictl, message: `${spec.not}: not connected`, error: true};
	progress?.({crictl, message: `${spec.doing} ${noun} ${target.name}…`});
	try {
		await spec.run(client, target);
		return {crictl, message: `${spec.done} ${noun} ${target.name}`};
	} catch (error) {
		return {crictl, message: errorText(error), error: true};
	}
}

/**
 * `s`: hands the terminal to an interactive shell in the container and says
 * how it ended. `container` is the listed one, when listed (for its state).
 */
export async function openShell(
	client: CriClient | null, target: Target, container: Container | undefined, at: CrictlTarget, handOver: HandOver | undefined,
): Promise<ActionResult> {
	const crictl = crictlExecShell(at, target.id);
	if (container && container.state !== 'CONTAINER_RUNNING') {
		return {crictl, message: `no shell: ${target.name} is ${containerStateText(container.state)} (t shows why)`, error: true};
	}

	if (!client) return {crictl, message: 'no shell: not connected to the runtime', error: true};
	if (!handOver) return {crictl, message: 'no shell: it needs an interactive terminal', error: true};
	try {
		const result = await handOver(async io => {
			io.stdout.write(`crisock-tui: shell in ${sanitize(target.name)} (${target.id}); exit the shell to return\r\n`);
			return runShell(client, target.id, io.stdin, io.stdout);
		});
		return {
			crictl: crictlExecShell(at, target.id, result.command.at(-1)?.replace(/^\/bin\//, '')),
			message: shellExitSentence(result),
			error: result.code === -1,
		};
	} catch (error) {
		return {crictl, message: errorText(error), error: true};
	}
}

export type ExecOutput = {lines: Array<{text: string; stderr: boolean}>; exitCode: number};

/** `:exec ID CMD…`: runs CMD once (ExecSync, no terminal); output lines sanitised. */
export async function execOnce(client: CriClient | null, containerId: string, cmd: string[], at: CrictlTarget): Promise<ActionResult & {output?: ExecOutput}> {
	const crictl = crictlExec(at, containerId, cmd);
	if (!client) return {crictl, message: 'not connected to the runtime', error: true};
	try {
		const r = await client.execSync(containerId, cmd, execTimeoutSeconds);
		const split = (b: Buffer, stderr: boolean) => (b.length === 0 ? [] : b.toString('utf8').replace(/\n$/, '').split('\n').map(text => ({text: sanitize(text, {tabs: 4}), stderr})));
		return {crictl, message: `exit code ${r.exitCode}`, error: r.exitCode !== 0, output: {lines: [...split(r.stdout, false), ...split(r.stderr, true)], exitCode: r.exitCode}};
	} catch (error) {
		return {crictl, message: errorText(error), error: true};
	}
}

/** Maps the runtime's log paths to this machine: under --host-root when the node is mounted there. */
export function logPathResolver(hostRoot?: string): ResolvePath {
	return p => resolveLogPath(p, hostRoot);
}
