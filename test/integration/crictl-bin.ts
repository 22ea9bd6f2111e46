// The reference crictl (../shared/bin/crictl beside the clone, or $CRICTL), run
// with an explicit endpoint and no config file so nothing on the machine changes
// its answer. A test that needs it fails naming the path when it is missing.
import {execFileSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

const beside = fileURLToPath(new URL('../../../shared/bin/crictl', import.meta.url));
const candidates = [process.env.CRICTL, beside, '/work/shared/bin/crictl'].filter((p): p is string => Boolean(p));

/** Path of the crictl to compare with; throws a sentence naming where it looked. */
export function crictlPath(): string {
	const found = candidates.find(p => existsSync(p));
	if (!found) throw new Error(`crictl not found (looked at ${candidates.join(', ')}); put crictl 1.33 at ../shared/bin/crictl or set CRICTL`);
	return found;
}

/** `crictl --config /dev/null -r SOCK -i SOCK ARGS…`, stdout as text. */
export function crictl(socket: string, ...args: string[]): string {
	const endpoint = `unix://${socket}`;
	return execFileSync(crictlPath(), ['--config', '/dev/null', '-r', endpoint, '-i', endpoint, ...args], {encoding: 'utf8', timeout: 30_000});
}
