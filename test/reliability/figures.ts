// The reliability suite's figures (hostile strings tried, restarts survived, signals sent, ...):
// each test merges what it counted into .tmp/reliability-figures.json, so docs/reliability.md
// and the readme can quote numbers that a run actually produced.
import {mkdirSync, readFileSync, renameSync, rmdirSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

export const FIGURES_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '.tmp', 'reliability-figures.json');

export type Figure = Record<string, number | string | boolean>;

const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Test files run in parallel processes: a read-merge-write must not lose another file's entry. */
function withLock(run: () => void): void {
	const lock = `${FIGURES_FILE}.lock`;
	for (let i = 0; ; i++) {
		try {
			mkdirSync(lock);
			break;
		} catch {
			// A lock older than 10 s was left by a killed run.
			try {
				if (Date.now() - statSync(lock).mtimeMs > 10_000) rmdirSync(lock);
			} catch {}
			if (i > 200) break; // never hang a test on the figures file
			pause(25);
		}
	}
	try {
		run();
	} finally {
		try {
			rmdirSync(lock);
		} catch {}
	}
}

/** Merges `figure` under `name` (replacing that entry), stamped with the time of the run. */
export function recordFigure(name: string, figure: Figure): void {
	mkdirSync(path.dirname(FIGURES_FILE), {recursive: true});
	withLock(() => {
		let all: Record<string, Figure> = {};
		try {
			all = JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Record<string, Figure>;
		} catch {
			// first figure of the run
		}
		all[name] = {...figure, at: new Date().toISOString()};
		const temporary = `${FIGURES_FILE}.${process.pid}`;
		writeFileSync(temporary, `${JSON.stringify(all, null, '\t')}\n`);
		renameSync(temporary, FIGURES_FILE);
	});
}
