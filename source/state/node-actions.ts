// Everything the dashboard does TO the node, as data: stop, remove, a shell
// hand-over, a one-shot exec and where a container's log file is. Views call
// these instead of the CRI client, and each answers {crictl, message, error}
// for the footer, so the sentence and the crictl line are written once.
// read-only is the client's job (it refuses every write); the key table
// (keymap.ts, `dangerous`) only spares the question.
import type {ExecConnectOptions, ExecSession} from '../wire/exec-session.js';
import {removeCrictl, removeNotes, STOP_GRACE_SECONDS, stopCrictl, stopNotes} from '../format/action-text.js';
import {crictlExec, crictlExecShell, type CrictlTarget} from '../format/crictl.js';
import {containerStateText} from '../format/rows.js';
import {sanitize} from '../format/sanitize.js';
import type {Container, Image, PodSandbox} from '../model/cri-types.js';
import type {CriClient} from '../wire/cri-client.js';
import {runShell, shellExitSentence} from '../wire/exec-shell.js';
import {resolveLogPath} from '../wire/log-reader.js';
import {removeLogFiles} from '../wire/log-remove.js';
import type {Target} from './ui-state.js';
import type {ResolvePath} from './use-logs.js';

/** What an action leaves in the footer. */
export type ActionResult = {crictl: string; message: string; error?: boolean};

export type HandOverIo = {
	stdin: NodeJS.ReadStream;
	stdout: NodeJS.WriteStream;
	/** Aborted when the person leaves with the escape key (the session should close). */
	signal?: AbortSignal;
};
/** Gives the real terminal to `run` and takes it back (the CLI's terminal guard). */
export type HandOver = <T>(run: (io: HandOverIo) => Promise<T>) => Promise<T>;

export {STOP_GRACE_SECONDS} from '../format/action-text.js';

/** Seconds ExecSync may run. @default 10 */
export const execTimeoutSeconds = 10;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What a question may look at to say what else happens (the node's lists). */
export type NodeLists = {containers: readonly Container[]; pods?: readonly PodSandbox[]; images?: readonly Image[]};

/** Where the action runs: the node's lists (for -f and the notes) and the host root (for log files). */
export type ActionContext = NodeLists & {hostRoot?: string};

/**
 * An action that changes the node and is asked about first. The one confirm
 * dialog (ui/confirm-dialog.tsx) draws any of these; `perform` runs it. The
 * words and crictl lines come from format/action-text.ts.
 */
export type ConfirmSpec = {
	/** "Stop", "Remove": the question's first word. */
	verb: string;
	/** The key hint's word for y: "stop", "remove". */
	answer: string;
	/** The dialog's border: a stop is a warning, a removal is bad. */
	tone: 'warn' | 'bad';
	noun: (target: Target) => string;
	crictl: (at: CrictlTarget, target: Target, lists?: NodeLists) => string;
	/** Sentences on what else happens. */
	warnings: (target: Target, lists: NodeLists) => string[];
	/** "stopping", "removing": the footer's word while it runs. */
	doing: string;
	/** "stopped", "removed". */
	done: string;
	/** "not stopped", "not removed": the start of a refusal. */
	not: string;
	/** Runs it; a returned sentence is added to the footer's "stopped web". */
	run: (client: CriClient, target: Target, context: ActionContext) => Promise<string | void>;
};

const labelsOf = (t: Target, lists: NodeLists) =>
	(t.kind === 'pod' ? lists.pods?.find(p => p.id === t.id)?.labels : lists.containers.find(c => c.id === t.id)?.labels);

/**
 * RemoveContainer as `crictl rm` does it: the log path is read first, and
 * after the runtime removed the container its log file and rotations are
 * deleted (wire/log-remove.ts). Returns what happened to the logs.
 */
async function removeContainerAndLogs(client: CriClient, id: string, hostRoot?: string): Promise<string> {
	const status = await client.containerStatus(id).catch(() => null);
	await client.removeContainer(id);
	const logs = await removeLogFiles(status?.status?.logPath ?? '', {hostRoot});
	const n = logs.removed.length;
	const deleted = n === 0 ? 'no log file to delete' : `${n} log file${n === 1 ? '' : 's'} deleted`;
	return `${deleted}${logs.problem ? `; ${logs.problem}` : ''}`;
}

export const confirmSpecs = {
	stop: {
		verb: 'Stop',
		answer: 'stop',
		tone: 'warn',
		noun: t => (t.kind === 'pod' ? 'pod' : 'container'),
		crictl: (at, t) => stopCrictl(at, t),
		warnings: (t, lists) => stopNotes(t, labelsOf(t, lists)),
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
		crictl: (at, t, lists) => removeCrictl(at, t, lists?.containers ?? []),
		warnings: (t, lists) => removeNotes(t, lists),
		doing: 'removing',
		done: 'removed',
		not: 'not removed',
		async run(client, t, context) {
			if (t.kind === 'container') return removeContainerAndLogs(client, t.id, context.hostRoot);
			if (t.kind === 'pod') await client.removePodSandbox(t.id);
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
export async function perform(
	spec: ConfirmSpec, client: CriClient | null, target: Target, at: CrictlTarget,
	progress?: (result: ActionResult) => void, context: ActionContext = {containers: []},
): Promise<ActionResult> {
	const crictl = spec.crictl(at, target, context);
	const noun = spec.noun(target);
	if (!client) return {crictl, message: `${spec.not}: not connected`, error: true};
	progress?.({crictl, message: `${spec.doing} ${noun} ${target.name}…`});
	try {
		const more = await spec.run(client, target, context);
		return {crictl, message: `${spec.done} ${noun} ${target.name}${more ? `; ${more}` : ''}`};
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
	dial?: ExecDial,
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
			return runShell(client, target.id, io.stdin, io.stdout, {signal: io.signal, ...(dial ? {connect: dial} : {})});
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

/** How an exec stream is dialled when not directly (a node over ssh: wire/exec-dial.ts). */
export type ExecDial = (url: string, options: ExecConnectOptions) => Promise<ExecSession>;

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
