// Turns the bench's measurements into the targets table (target, measured, pass/miss) and the
// per-size table, as plain text for the console and Markdown for the readme.
import type {MachineInfo} from './measure.js';
import type {SizeResult} from './size.js';
import {round} from './stats.js';

export type Verdict = {target: string; n: number; limit: number; unit: string; measured: number; pass: boolean; note?: string};

type Spec = {target: string; n: number; limit: number; unit: string; pick: (r: SizeResult) => number};

const specs: Spec[] = [
	{target: 'first frame with live data, median', n: 100, limit: 200, unit: 'ms', pick: r => r.coldStartMs.p50},
	{target: 'key → frame p95, j/k', n: 10_000, limit: 16, unit: 'ms', pick: r => r.keyMs.jk.p95},
	{target: 'key → first paint p95, j/k', n: 10_000, limit: 16, unit: 'ms', pick: r => r.keyFirstMs.jk.p95},
	{target: 'key → frame p95, PgDn', n: 10_000, limit: 16, unit: 'ms', pick: r => r.keyMs.pageDown.p95},
	{target: 'key → frame p95, / filter keystroke', n: 10_000, limit: 16, unit: 'ms', pick: r => r.keyMs.filter.p95},
	{target: 'refresh cycle (RPC+decode+diff+paint), polling, median', n: 10_000, limit: 100, unit: 'ms', pick: r => r.refreshPollingMs.p50},
	{target: 'refresh cycle (change → frame), events, median', n: 10_000, limit: 100, unit: 'ms', pick: r => r.refreshEventsMs.p50},
	{target: 'idle CPU, polling', n: 1_000, limit: 1, unit: '% core', pick: r => r.cpu.idlePolling},
	{target: 'idle CPU, events (containerd-1.7)', n: 1_000, limit: 1, unit: '% core', pick: r => r.cpu.idleEvents},
	{target: 'peak RSS', n: 10_000, limit: 90, unit: 'MiB', pick: r => r.peakRssMiB},
];

/** Each target judged at its N (or, in a quick run without that N, at the largest N measured). */
export function verdicts(results: SizeResult[]): Verdict[] {
	if (results.length === 0) return [];
	return specs.map(spec => {
		const exact = results.find(r => r.n === spec.n);
		const at = exact ?? results.reduce((a, b) => (b.n > a.n ? b : a));
		const measured = spec.pick(at);
		return {
			target: spec.target, n: at.n, limit: spec.limit, unit: spec.unit, measured: round(measured),
			pass: Number.isFinite(measured) && measured <= spec.limit,
			...(exact ? {} : {note: `target is at N=${spec.n}, measured at N=${at.n}`}),
		};
	});
}

function targetRows(verdicts: Verdict[]): string[][] {
	return verdicts.map(v => [v.target, `N=${v.n.toLocaleString('en-US')}`, `≤ ${v.limit} ${v.unit}`, `${fmt(v.measured)} ${v.unit}`, v.pass ? 'pass' : 'MISS']);
}

function sizeRows(results: SizeResult[]): string[][] {
	return results.map(r => [
		r.n.toLocaleString('en-US'),
		fmt(r.coldStartMs.p50),
		`${fmt(r.keyMs.jk.p50)} / ${fmt(r.keyMs.jk.p95)}`,
		`${fmt(r.keyMs.pageDown.p50)} / ${fmt(r.keyMs.pageDown.p95)}`,
		`${fmt(r.keyMs.filter.p50)} / ${fmt(r.keyMs.filter.p95)}`,
		`${fmt(r.keyFirstMs.jk.p95)} / ${fmt(r.keyFirstMs.pageDown.p95)} / ${fmt(r.keyFirstMs.filter.p95)}`,
		fmt(r.rpcMs.p50),
		fmt(r.refreshPollingMs.p50),
		fmt(r.refreshEventsMs.p50),
		`${fmt(r.cpu.idlePolling)} / ${fmt(r.cpu.livePolling)}`,
		`${fmt(r.cpu.idleEvents)} / ${fmt(r.cpu.liveEvents)}`,
		fmt(r.peakRssMiB),
		fmt(r.printMs.p50),
	]);
}

const sizeHeader = [
	'N', 'first frame ms (median)', 'j/k ms p50/p95', 'PgDn ms p50/p95', 'filter ms p50/p95', 'first paint p95 j/k / PgDn / filter', 'RPC+decode ms', 'refresh poll ms', 'refresh event ms',
	'CPU % poll idle/live', 'CPU % events idle/live', 'peak RSS MiB', 'non-TTY print ms',
];
const targetHeader = ['target', 'at', 'limit', 'measured', 'result'];

export function renderTable(verdicts: Verdict[]): string {
	return textTable(targetHeader, targetRows(verdicts));
}

export function renderMarkdown(verdicts: Verdict[], results: SizeResult[], machine: MachineInfo, crictl: string | undefined, seconds: number, bin: string): string {
	const lines = [
		'# Benchmark results',
		'',
		`Measured by \`npm run bench\` on ${machine.date.slice(0, 10)}: ${machine.cores} cores (${machine.model}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; ${seconds} s in all.`,
		'The real built bin runs in a tmux pane of 80×24 against the simulated node; every time is taken from outside the program',
		`(tmux control-mode output timestamps, /proc for CPU and memory). Bin: ${bin}; load average at start: ${machine.load}.`,
		'',
		'## Targets',
		'',
		markdownTable(targetHeader, targetRows(verdicts)),
		'',
		'## By size',
		'',
		markdownTable(sizeHeader, sizeRows(results)),
		'',
		crictl
			? `crictl (${crictl}) \`ps -a\` median: ${results.map(r => `N=${r.n}: ${fmt(r.crictlMs?.p50 ?? Number.NaN)} ms (non-TTY print / crictl = ${fmt(r.printMs.p50 / (r.crictlMs?.p50 ?? Number.NaN))})`).join('; ')}.`
			: 'crictl not found on PATH, so no comparison with `crictl ps -a` was made.',
		'',
		...results.flatMap(r => r.notes.map(note => `- N=${r.n}: ${note}`)),
		'',
	];
	return lines.join('\n');
}

function fmt(value: number): string {
	return Number.isFinite(value) ? String(round(value)) : '—';
}

function textTable(header: string[], rows: string[][]): string {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i]!.length)));
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
	return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function markdownTable(header: string[], rows: string[][]): string {
	return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(r => `| ${r.join(' | ')} |`)].join('\n');
}
