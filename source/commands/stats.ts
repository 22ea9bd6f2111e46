// `stats` and `statsp`: crictl's resource tables. CPU % needs two samples, --seconds apart
// (crictl's default 1), exactly as crictl computes it; -o json|yaml prints one sample.
import {humanSize} from '../format/size.js';
import type {ContainerStats, PodSandboxStats} from '../model/cri-types.js';
import {renderData} from './output.js';
import {protoJson} from './protojson.js';
import {formatOf, labelsOf, outputOption, UsageError, type CommandSpec, type Values} from './spec.js';
import {renderTable} from './table.js';

const num = (v: {value: string} | null | undefined) => Number(v?.value ?? 0);
const big = (v: string | undefined) => (v && /^\d+$/.test(v) ? BigInt(v) : 0n);

function sampleMs(command: string, values: Values): number {
	const text = (values.seconds as string | undefined) ?? '1';
	if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 60) throw new UsageError(`crisock-tui ${command}: --seconds ${JSON.stringify(text)} is not a whole number of seconds from 1 to 60`);
	return Number(text) * 1000;
}

/** CPU % between two cumulative samples (crictl: delta core-ns / delta timestamp-ns × 100). */
export function cpuPercent(now: {timestamp: string; usageCoreNanoSeconds: {value: string} | null} | null, old: typeof now): string {
	const cpu = big(now?.usageCoreNanoSeconds?.value);
	if (cpu === 0n) return '0.00';
	const duration = big(now?.timestamp) - big(old?.timestamp);
	if (duration <= 0n) return '0.00';
	return (Number(cpu - big(old?.usageCoreNanoSeconds?.value)) / Number(duration) * 100).toFixed(2);
}

const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export const stats: CommandSpec = {
	name: 'stats', usage: 'crisock-tui stats [ID] [-a] [--pod ID] [--label K=V] [-s SECONDS] [-o json|yaml|table]',
	summary: 'Resource usage of containers', args: [0, 1],
	options: {...outputOption, all: {type: 'boolean', short: 'a'}, id: {type: 'string'}, pod: {type: 'string', short: 'p'}, label: {type: 'string', multiple: true}, seconds: {type: 'string', short: 's'}},
	async run({client, values, positionals, io}) {
		const id = positionals[0] ?? (values.id as string | undefined);
		const pod = values.pod as string | undefined;
		const labels = labelsOf('stats', values);
		const pick = (list: ContainerStats[]) => list.filter(s => (!id || (s.attributes?.id ?? '').startsWith(id))
			&& (!labels || Object.entries(labels).every(([k, v]) => s.attributes?.labels?.[k] === v)));
		const format = formatOf(stats, values);
		const interval = sampleMs('stats', values);
		// A pod filter needs the pod's containers (stats carry no pod ID).
		const inPod = pod ? new Set((await client.listContainers()).items.filter(c => c.podSandboxId.startsWith(pod)).map(c => c.id)) : undefined;
		const take = async () => pick(await client.listContainerStats()).filter(s => !inPod || inPod.has(s.attributes?.id ?? ''));
		const first = await take();
		if (format !== 'table') {
			io.write(renderData(protoJson('ListContainerStatsResponse', {stats: first}), format));
			return 0;
		}

		const old = new Map(first.map(s => [s.attributes?.id ?? '', s]));
		await wait(interval);
		const rows = (await take()).flatMap(s => {
			const cpu = num(s.cpu?.usageCoreNanoSeconds);
			const mem = num(s.memory?.workingSetBytes);
			if (!values.all && cpu === 0 && mem === 0) return [];
			const before = old.get(s.attributes?.id ?? '');
			if (!before) return [];
			const swap = (s as ContainerStats & {swap?: {swapUsageBytes: {value: string} | null} | null}).swap;
			return [[
				(s.attributes?.id ?? '').slice(0, 13), s.attributes?.metadata?.name ?? '', cpuPercent(s.cpu, before.cpu), humanSize(mem),
				humanSize(num(s.writableLayer?.usedBytes)), String(num(s.writableLayer?.inodesUsed)), humanSize(num(swap?.swapUsageBytes)),
			]];
		});
		io.write(renderTable([['CONTAINER', 'NAME', 'CPU %', 'MEM', 'DISK', 'INODES', 'SWAP'], ...rows]));
		return 0;
	},
};

export const statsp: CommandSpec = {
	name: 'statsp', usage: 'crisock-tui statsp [--id ID] [--label K=V] [-s SECONDS] [-o json|yaml|table]',
	summary: 'Resource usage of pods',
	options: {...outputOption, id: {type: 'string'}, label: {type: 'string', multiple: true}, seconds: {type: 'string', short: 's'}},
	async run({client, values, io}) {
		const id = values.id as string | undefined;
		const labels = labelsOf('statsp', values);
		const take = async () => (await client.listPodSandboxStats()).filter(s => (!id || (s.attributes?.id ?? '').startsWith(id))
			&& (!labels || Object.entries(labels).every(([k, v]) => s.attributes?.labels?.[k] === v)));
		const format = formatOf(statsp, values);
		const interval = sampleMs('statsp', values);
		const first = await take();
		if (format !== 'table') {
			io.write(renderData(protoJson('ListPodSandboxStatsResponse', {stats: first}), format));
			return 0;
		}

		const old = new Map(first.map(s => [s.attributes?.id ?? '', s]));
		await wait(interval);
		const rows = (await take()).flatMap((s: PodSandboxStats) => {
			const before = old.get(s.attributes?.id ?? '');
			if (!before || !s.linux) return [];
			return [[s.attributes?.metadata?.name ?? '', (s.attributes?.id ?? '').slice(0, 13), cpuPercent(s.linux.cpu, before.linux?.cpu ?? null), humanSize(num(s.linux.memory?.workingSetBytes))]];
		});
		io.write(renderTable([['POD', 'POD ID', 'CPU %', 'MEM'], ...rows]));
		return 0;
	},
};
