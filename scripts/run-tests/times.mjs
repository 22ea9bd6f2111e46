// Each file's last wall time, to start the longest first (times from the last run here, else from
// scripts/test-file-times.json, a CI run's, so a fresh clone orders them too), so the slow tmux and
// containerd files are not left to run alone at the end.
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {groups, root} from './options.mjs';

const readTimes = file => {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return {};
	}
};

/** The last times (`timesFile`, else the seed file) and a guess for each file, ms. */
export function loadTimes(timesFile) {
	const seedTimes = readTimes(join(root, 'scripts', 'test-file-times.json'));
	const lastTimes = readTimes(timesFile);
	const guess = f => lastTimes[f] ?? seedTimes[f] ?? (groups.unit(f) ? 5_000 : 60_000);
	return {lastTimes, guess};
}

/** Writes this run's times over the last ones; a batch's time is shared among its files as their last times were. */
export function saveTimes(timesFile, lastTimes, guess, results) {
	const times = {...lastTimes};
	for (const r of results) {
		const total = r.files.reduce((sum, f) => sum + guess(f), 0);
		for (const f of r.files) times[f] = Math.round(r.files.length === 1 ? r.ms : r.ms * guess(f) / total);
	}
	writeFileSync(timesFile, JSON.stringify(times, null, '\t') + '\n');
}
