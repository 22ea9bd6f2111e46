// `inspect`, `inspectp`, `inspecti ID…`: the status and the runtime's verbose info, as crictl
// prints them (JSON by default; -q leaves the info out; -o table a short summary).
import {age} from '../format/age.js';
import {imageSize} from '../format/size.js';
import type {ContainerStatus, PodSandboxStatus} from '../model/cri-types.js';
import {protoJson, protoJsonAllFields} from './protojson.js';
import {resolveIds} from './resolve-id.js';
import {formatOf, outputOption, type CommandContext, type CommandSpec} from './spec.js';
import {renderStatusData, type StatusData} from './status-data.js';
import {goZeroTime, rfc3339Nano} from './time-text.js';

const options = {...outputOption, quiet: {type: 'boolean', short: 'q'}} as const;
const formats = ['json', 'yaml', 'table'] as const;

function containerStatusJson(s: ContainerStatus): Record<string, unknown> {
	const out = protoJsonAllFields('ContainerStatus', s);
	out.createdAt = rfc3339Nano(s.createdAt);
	out.startedAt = s.state === 'CONTAINER_CREATED' ? goZeroTime : rfc3339Nano(s.startedAt);
	const finished = s.state === 'CONTAINER_EXITED' || (s.state === 'CONTAINER_UNKNOWN' && s.finishedAt !== '0');
	out.finishedAt = finished ? rfc3339Nano(s.finishedAt) : goZeroTime;
	return out;
}

function labelLines(title: string, map: Record<string, string> | undefined): string[] {
	if (!map) return [];
	return [`${title}:`, ...Object.keys(map).sort().map(k => `\t${k} -> ${map[k]}`)];
}

function containerTable(s: ContainerStatus, now: number): string[] {
	return [
		`ID: ${s.id}`,
		...(s.metadata?.name ? [`Name: ${s.metadata.name}`] : []),
		...(s.metadata?.attempt ? [`Attempt: ${s.metadata.attempt}`] : []),
		`State: ${s.state}`,
		`Created: ${age(s.createdAt, now)}`,
		...(s.state === 'CONTAINER_CREATED' ? [] : [`Started: ${age(s.startedAt, now)}`]),
		...(s.state === 'CONTAINER_EXITED' ? [...(s.finishedAt !== '0' ? [`Finished: ${age(s.finishedAt, now)}`] : []), `Exit Code: ${s.exitCode}`] : []),
		...labelLines('Labels', s.labels),
		...labelLines('Annotations', s.annotations),
	];
}

function podTable(s: PodSandboxStatus): string[] {
	return [
		`ID: ${s.id}`,
		...(s.metadata?.name ? [`Name: ${s.metadata.name}`] : []),
		...(s.metadata?.uid ? [`UID: ${s.metadata.uid}`] : []),
		...(s.metadata?.namespace ? [`Namespace: ${s.metadata.namespace}`] : []),
		`Attempt: ${s.metadata?.attempt ?? 0}`,
		`Status: ${s.state}`,
		`Created: ${rfc3339Nano(s.createdAt)}`,
		...(s.network ? [`IP Addresses: ${s.network.ip}`, ...(s.network.additionalIps ?? []).map(ip => `Additional IP: ${ip.ip}`)] : []),
		...labelLines('Labels', s.labels),
		...labelLines('Annotations', s.annotations),
	];
}

async function inspectAll(ctx: CommandContext, spec: CommandSpec, kind: 'container' | 'pod' | 'image'): Promise<number> {
	const {client, values, positionals, io, now} = ctx;
	const verbose = values.quiet !== true;
	const format = formatOf(spec, values);
	const ids = await resolveIds(client, kind, positionals);
	const items: StatusData[] = [];
	const text: string[] = [];
	for (const id of ids) {
		if (kind === 'container') {
			const r = await client.containerStatus(id, verbose);
			if (!r.status) throw new Error(`the runtime answered no status for container ${id}`);
			items.push({status: containerStatusJson(r.status), info: r.info});
			text.push(...containerTable(r.status, now));
		} else if (kind === 'pod') {
			const r = await client.podSandboxStatus(id, verbose);
			if (!r.status) throw new Error(`the runtime answered no status for pod ${id}`);
			const status = protoJsonAllFields('PodSandboxStatus', r.status);
			status.createdAt = rfc3339Nano(r.status.createdAt);
			items.push({status, info: r.info});
			text.push(...podTable(r.status));
		} else {
			const r = await client.imageStatus(id, verbose);
			if (!r.image) throw new Error(`no such image ${JSON.stringify(id)} present: see crisock-tui images`);
			items.push({status: protoJson('Image', r.image), info: r.info});
			text.push(`ID: ${r.image.id}`, ...r.image.repoTags.map(t => `Tag: ${t}`), ...r.image.repoDigests.map(d => `Digest: ${d}`), `Size: ${imageSize(r.image.size)}`);
		}
	}

	if (format === 'table') io.write(text.join('\n') + '\n');
	else io.write(renderStatusData(items, format));
	return 0;
}

export const inspect: CommandSpec = {
	name: 'inspect', usage: 'crisock-tui inspect CONTAINER-ID [CONTAINER-ID…] [-q] [-o json|yaml|table]',
	summary: 'Status of one or more containers', options, formats, args: [1, Infinity],
	run: ctx => inspectAll(ctx, inspect, 'container'),
};

export const inspectp: CommandSpec = {
	name: 'inspectp', usage: 'crisock-tui inspectp POD-ID [POD-ID…] [-q] [-o json|yaml|table]',
	summary: 'Status of one or more pods', options, formats, args: [1, Infinity],
	run: ctx => inspectAll(ctx, inspectp, 'pod'),
};

export const inspecti: CommandSpec = {
	name: 'inspecti', usage: 'crisock-tui inspecti IMAGE [IMAGE…] [-q] [-o json|yaml|table]',
	summary: 'Status of one or more images', options, formats, args: [1, Infinity],
	run: ctx => inspectAll(ctx, inspecti, 'image'),
};
