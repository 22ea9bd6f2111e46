// Turns the bench's figures into the targets table (measured, limit, pass / MISS / not measured
// with the reason) and the per-size table with each time as a ratio to Node's own start, as plain
// text for the console and Markdown for the readme.
import type {MachineInfo} from './measure.js';
import type {SizeResult} from './size.js';
import {round} from './stats.js';

export type Verdict = {target: string; n: number; limit: string; measured: string; result: 'pass' | 'MISS' | 'not measured'; why?: string};

type Pick = 'p50' | 'p95' | 'min';
/** A target: figure at N ≤ limit, or (with `baseline`) figure ≤ limit × baseline's median. */
type Spec = {target: string; n: number; figure: string; pick: Pick; limit: number; unit: string; baseline?: string};

const specs: Spec[] = [
	{target: 'first live frame in tmux, bin, median', n: 100, figure: 'bin first frame', pick: 'p50', limit: 2, unit: '×', baseline: 'node frame'},
	{target: 'first live frame in tmux, executable, median', n: 100, figure: 'exe first frame', pick: 'p50', limit: 2, unit: '×', baseline: 'node frame'},
	{target: 'one-shot print, bin, median', n: 100, figure: 'bin print', pick: 'p50', limit: 3, unit: '×', baseline: 'node -e 0'},
	{target: 'one-shot print, executable, median', n: 100, figure: 'exe print', pick: 'p50', limit: 3, unit: '×', baseline: 'node -e 0'},
	{target: 'key → frame p95, j/k', n: 10_000, figure: 'j/k frame', pick: 'p95', limit: 16, unit: 'ms'},
	{target: 'key → frame p95, PgDn', n: 10_000, figure: 'PgDn frame', pick: 'p95', limit: 16, unit: 'ms'},
	{target: 'key → frame p95, / filter keystroke', n: 10_000, figure: 'filter frame', pick: 'p95', limit: 16, unit: 'ms'},
	{target: 'one refresh, polling, median', n: 10_000, figure: 'refresh polling', pick: 'p50', limit: 100, unit: 'ms'},
	{target: 'one refresh, events (containerd-1.7), median', n: 10_000, figure: 'refresh events', pick: 'p50', limit: 100, unit: 'ms'},
	{target: 'idle CPU, polling', n: 1_000, figure: 'CPU idle polling', pick: 'p50', limit: 1, unit: '% core'},
	{target: 'idle CPU, events (containerd-1.7)', n: 1_000, figure: 'CPU idle events', pick: 'p50', limit: 1, unit: '% core'},
	{target: 'peak RSS, bin', n: 10_000, figure: 'bin peak RSS', pick: 'p50', limit: 90, unit: 'MiB'},
	{target: 'peak RSS, executable', n: 10_000, figure: 'exe peak RSS', pick: 'p50', limit: 90, unit: 'MiB'},
];

const units: Record<string, string> = {'CPU idle polling': '% core', 'CPU idle events': '% core', 'CPU live polling': '% core', 'CPU live events': '% core', 'bin peak RSS': 'MiB', 'exe peak RSS': 'MiB', 'exe CPU idle polling': '% core'};

function figure(r: SizeResult | undefined, name: string, pick: Pick): number | undefined {
	return r?.measured[name]?.[pick];
}

function reason(r: SizeResult | undefined, name: string, n: number): string {
	if (!r) return `N=${n.toLocaleString('en-US')} was not run`;
	return r.notMeasured[name] ?? 'not recorded';
}

export function verdicts(results: SizeResult[]): Verdict[] {
	return specs.map(spec => {
		const r = results.find(x => x.n === spec.n);
		const value = figure(r, spec.figure, spec.pick);
		const base = spec.baseline ? figure(r, spec.baseline, 'p50') : undefined;
		const limit = spec.baseline ? `≤ ${spec.limit}× ${spec.baseline}` : `≤ ${spec.limit} ${spec.unit}`;
		const row = {target: spec.target, n: spec.n, limit};
		if (value === undefined) return {...row, measured: '—', result: 'not measured', why: reason(r, spec.figure, spec.n)};
		if (spec.baseline && base === undefined) return {...row, measured: `${fmt(value)} ms`, result: 'not measured', why: `${spec.baseline}: ${reason(r, spec.baseline, spec.n)}`};
		const ratio = base === undefined ? undefined : value / base;
		const measured = ratio === undefined ? `${fmt(value)} ${spec.unit}` : `${fmt(value)} ms = ${fmt(ratio)}× (${spec.baseline} ${fmt(base!)} ms)`;
		const pass = (ratio ?? value) <= spec.limit;
		return {...row, measured, result: pass ? 'pass' : 'MISS'};
	});
}

function targetRows(list: Verdict[]): string[][] {
	return list.map(v => [v.target, `N=${v.n.toLocaleString('en-US')}`, v.limit, v.measured, v.result === 'not measured' ? `not measured: ${v.why}` : v.result]);
}

/** Every figure of every size: p50 / p95 (or the value), and the ratio to node -e 0 for process times. */
function sizeRows(results: SizeResult[]): string[][] {
	const names = [...new Set(results.flatMap(r => [...Object.keys(r.measured), ...Object.keys(r.notMeasured)]))];
	return names.map(name => [name, ...results.map(r => cell(r, name))]);
}

function cell(r: SizeResult, name: string): string {
	const s = r.measured[name];
	if (!s) return `not measured (${r.notMeasured[name] ?? '?'})`;
	if (units[name]) return `${fmt(s.p50)} ${units[name]}`;
	const spread = s.n > 1 ? `${fmt(s.p50)} / ${fmt(s.p95)} ms` : `${fmt(s.p50)} ms`;
	const base = name.endsWith('first frame') ? r.measured['node frame'] : name.endsWith('print') || name === 'crictl ps -a' ? r.measured['node -e 0'] : undefined;
	const crictl = name.endsWith('print') ? r.measured['crictl ps -a'] : undefined;
	const ratios = [base && `${fmt(s.p50 / base.p50)}× node`, crictl && `${fmt(s.p50 / crictl.p50)}× crictl`].filter(Boolean);
	return ratios.length > 0 ? `${spread} (${ratios.join(', ')})` : spread;
}

const targetHeader = ['target', 'at', 'limit', 'measured', 'result'];
const sizeHeader = (results: SizeResult[]) => ['figure (p50 / p95)', ...results.map(r => `N=${r.n.toLocaleString('en-US')}`)];

/** Whether the machine was too busy for the absolute figures to be trusted. */
export function loadWarning(results: SizeResult[], cores: number): string | undefined {
	const worst = Math.max(...results.flatMap(r => [r.load.start, r.load.end]));
	return worst > cores
		? `The 1-minute load average reached ${fmt(worst)} on ${cores} cores: other work competed for the CPU, so absolute times are not to be trusted; the ratios, measured side by side in the same minutes, are the better guide.`
		: undefined;
}

export function renderText(list: Verdict[], results: SizeResult[], cores: number): string {
	const warning = loadWarning(results, cores);
	return [textTable(targetHeader, targetRows(list)), '', textTable(sizeHeader(results), sizeRows(results)), ...(warning ? ['', warning] : [])].join('\n');
}

export function renderMarkdown(list: Verdict[], results: SizeResult[], machine: MachineInfo, seconds: number, subject: string): string {
	const warning = loadWarning(results, machine.cores);
	return [
		'# Benchmark results',
		'',
		`Measured by \`npm run bench\` on ${machine.date.slice(0, 10)}: ${machine.cores} cores (${machine.model}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; ${seconds} s in all.`,
		`The real bin and the single executable run in a tmux pane of 80×24 against the simulated node; every time is taken from outside (tmux control-mode output timestamps, /proc for CPU and memory). ${subject}.`,
		`Load average (1 min) per size: ${results.map(r => `N=${r.n.toLocaleString('en-US')} ${fmt(r.load.start)} → ${fmt(r.load.end)}`).join('; ')}.`,
		...(warning ? ['', `**${warning}**`] : []),
		'',
		'## Targets',
		'',
		markdownTable(targetHeader, targetRows(list)),
		'',
		'## Every figure, by size',
		'',
		markdownTable(sizeHeader(results), sizeRows(results)),
		'',
		...results.flatMap(r => r.notes.map(note => `- N=${r.n}: ${note}`)),
		'',
	].join('\n');
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
