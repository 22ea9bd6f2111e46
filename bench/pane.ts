// One tmux pane of the bench (80×24, a server of its own): open, close, and start a program in it
// only once the previous one has exited, so a cold start never overlaps the last one's shutdown.
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {quote, settle, sleep} from './measure.js';
import {TmuxControl} from './tmux-control.js';

export type Pane = {control: TmuxControl; target: string; session: string; tmuxSocket: string};

export async function openPane(tmuxSocket: string, session: string, cleanups: Array<() => void | Promise<void>>): Promise<Pane> {
	const env = {...process.env};
	delete env.CI;
	delete env.CONTINUOUS_INTEGRATION;
	delete env.TMUX;
	const run = spawnSync('tmux', [
		'-L', tmuxSocket, '-f', '/dev/null',
		'set-option', '-g', 'default-terminal', 'screen-256color', ';',
		'set-option', '-g', 'status', 'off', ';',
		'set-option', '-g', 'escape-time', '0', ';',
		'new-session', '-d', '-s', session, '-x', '80', '-y', '24', '--', 'sleep', '3600',
	], {env, encoding: 'utf8'});
	if (run.status !== 0) throw new Error(`tmux new-session failed: ${run.stderr}`);
	spawnSync('tmux', ['-L', tmuxSocket, 'set-option', '-t', session, 'remain-on-exit', 'on']);
	const control = await TmuxControl.attach(tmuxSocket, session);
	const pane = {control, target: `${session}:0.0`, session, tmuxSocket};
	cleanups.push(() => closePane(pane));
	return pane;
}

export async function closePane(pane: Pane): Promise<void> {
	pane.control.close();
	spawnSync('tmux', ['-L', pane.tmuxSocket, 'kill-session', '-t', pane.session], {stdio: 'ignore'});
}

export async function panePid(pane: Pane): Promise<number> {
	return Number((await pane.control.command(`display-message -p -t ${pane.target} '#{pane_pid}'`))[0]);
}

function procState(pid: number): string {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return `state ${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').slice(0, 120)}`;
	} catch {
		return 'gone';
	}
}

/** Running, i.e. neither gone nor a zombie (tmux leaves a dead pane's process unreaped). */
function alive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}

/**
 * Ends what runs in the pane (SIGTERM, SIGKILL after 10 s) and returns once tmux has seen it exit
 * and the process is gone: the next cold start then competes with nothing of the last one.
 */
export async function stopPane(pane: Pane): Promise<void> {
	const [pid, dead] = (await pane.control.command(`display-message -p -t ${pane.target} '#{pane_pid} #{pane_dead}'`))[0]!.split(' ');
	const id = Number(pid);
	if (dead === '1' || !alive(id)) return;
	try {
		process.kill(id, 'SIGTERM');
	} catch {
		return;
	}
	const t0 = performance.now();
	let killed = false;
	for (;;) {
		const state = (await pane.control.command(`display-message -p -t ${pane.target} '#{pane_dead}'`))[0];
		if (state === '1' && !alive(id)) return;
		if (!killed && performance.now() - t0 > 10_000) {
			killed = true;
			try {
				process.kill(id, 'SIGKILL');
			} catch {}
		}
		if (performance.now() - t0 > 20_000) throw new Error(`bench: process ${id} in the pane did not exit (tmux pane_dead ${state}; ${procState(id)})`);
		await sleep(5);
	}
}

/**
 * Waits for the pane's last program to exit, starts `argv` in it and returns the ms until the
 * screen satisfies `isLive` (capture-pane every `pollMs`).
 */
export async function coldStart(pane: Pane, argv: string[], isLive: (screen: string) => boolean, timeoutMs = 60_000, pollMs = 3): Promise<{ms: number; screen: string}> {
	await stopPane(pane);
	const command = `respawn-pane -k -t ${pane.target} ${argv.map(quote).join(' ')}`;
	const bytesBefore = pane.control.outputBytes;
	const t0 = performance.now();
	await pane.control.command(command);
	let screen = '';
	while (performance.now() - t0 < timeoutMs) {
		screen = await pane.control.screen(pane.target);
		if (isLive(screen)) return {ms: performance.now() - t0, screen};
		await sleep(pollMs);
	}
	// Say what the pane was doing, so a failure here can be told apart from a slow program.
	const bytes = pane.control.outputBytes - bytesBefore;
	const [state] = await pane.control.command(`display-message -p -t ${pane.target} 'dead=#{pane_dead} status=#{pane_dead_status} pid=#{pane_pid} command=#{pane_current_command}'`).catch(() => ['(tmux did not answer)']);
	throw new Error(`no live frame within ${timeoutMs} ms (pane ${state}; ${bytes} bytes of output since the start); last screen:\n${screen.trimEnd() || '(empty)'}`);
}

/** The containers pane, a few pages down and back to the top (quiet for `lastQuietMs` after): the memory a person browsing would use. */
export async function driveThroughPages(pane: Pane, lastQuietMs = 300): Promise<void> {
	await pane.control.command(`send-keys -t ${pane.target} 2`);
	await settle(pane.control, 300);
	for (let i = 0; i < 5; i++) {
		await pane.control.command(`send-keys -t ${pane.target} PageDown`);
		await settle(pane.control, 60);
	}
	await pane.control.command(`send-keys -t ${pane.target} g`);
	await settle(pane.control, lastQuietMs);
}
