// What a killed or crashed file leaves behind outside its process group.
import {existsSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * A tmux server daemonizes out of a test's process group, so a file that was killed (or crashed
 * before its after-hook) leaves its rigs' servers behind. Each rig's server is named after the test
 * process (`crisock-test-<pid>-<n>`): once that process is gone, its servers go too.
 */
export function reapTmuxServers() {
	for (const entry of readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue;
		let cmdline;
		try {
			cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
		} catch {
			continue;
		}
		const owner = /^tmux/.test(cmdline[0] ?? '') ? /^crisock-test-(\d+)-\d+$/.exec(cmdline[cmdline.indexOf('-L') + 1] ?? '')?.[1] : undefined;
		if (owner === undefined || existsSync(`/proc/${owner}`)) continue;
		try {
			process.kill(Number(entry), 'SIGTERM');
		} catch {}
	}
	// And the file each rig's output is piped to (tmux-rig.ts), which a killed file leaves, or a
	// late-starting pipe recreates after kill() removed it.
	for (const name of readdirSync(tmpdir())) {
		const owner = /^crisock-test-(\d+)-\d+\.out$/.exec(name)?.[1];
		if (owner !== undefined && !existsSync(`/proc/${owner}`)) rmSync(join(tmpdir(), name), {force: true});
	}
}
