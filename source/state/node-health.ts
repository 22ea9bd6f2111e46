// "What is wrong on this node?" — one ranked list: the runtime's conditions, containers by trouble
// (crash-looping, exited non-zero with the code explained, long in Created, unknown), pods not
// Ready, and the image filesystem. Pure: the hook feeds it what the poller and a few status
// calls know, the view draws it.
import {humanSize} from '../format/size.js';
import type {Container, ContainerStatus, FilesystemUsage, PodSandbox, RuntimeCondition} from '../model/cri-types.js';

export type HealthItem = {
	/** Higher first. */
	rank: number;
	severity: 'bad' | 'warn' | 'ok';
	/** One line: what is wrong. */
	title: string;
	/** Why, in words (the exit code explained). */
	detail: string;
	/** What Enter opens: a container's triage, a pod's inspect; none for node-wide lines. */
	target?: {kind: 'container' | 'pod'; id: string; name: string};
	/** crictl arguments that show it (after `crictl [-r …]`). */
	crictl: string[];
};

/** Exit codes as a person on a node reads them. `reason` is the runtime's (OOMKilled, Error, Completed). */
export function explainExit(code: number, reason = ''): string {
	if (/oom/i.test(reason)) return `${code}: killed by the kernel's OOM killer (out of memory: the runtime says ${reason})`;
	switch (code) {
		case 0: return '0: finished successfully';
		case 1: return '1: application error (the program exited with a general failure)';
		case 2: return '2: application error (often a usage or configuration mistake)';
		case 126: return '126: the command is not executable (permission or format)';
		case 127: return '127: the command was not found in the image';
		case 137: return '137: killed (SIGKILL) — by a stop past its grace period, or by the kernel; not marked OOM by the runtime';
		case 139: return '139: segmentation fault (SIGSEGV)';
		case 143: return '143: terminated (SIGTERM), usually a normal stop';
		default:
			if (code > 128 && code < 160) return `${code}: killed by signal ${code - 128}`;
			return `${code}: the application's own error code`;
	}
}

const nsToMs = (ns: string) => (/^\d+$/.test(ns) ? Number(BigInt(ns) / 1_000_000n) : 0);

export type HealthInput = {
	conditions: readonly RuntimeCondition[];
	containers: readonly Container[];
	pods: readonly PodSandbox[];
	/** ContainerStatus of exited and unknown containers, by ID (what ListContainers does not carry). */
	statuses: ReadonlyMap<string, ContainerStatus>;
	imageFilesystems?: readonly FilesystemUsage[];
	now: number;
	/** A container in Created longer than this is stuck. @default 60 000 */
	createdTooLongMs?: number;
};

const nameOf = (c: Container) => c.metadata?.name || c.id.slice(0, 13);
const podOf = (c: Container) => c.labels?.['io.kubernetes.pod.name'] ?? c.podSandboxId.slice(0, 13);

export function nodeHealth(input: HealthInput): HealthItem[] {
	const items: HealthItem[] = [];
	for (const c of input.conditions) {
		if (!c.status) {
			items.push({rank: 100, severity: 'bad', title: `runtime condition ${c.type} is false`, detail: [c.reason, c.message].filter(Boolean).join(': ') || 'no reason given', crictl: ['info']});
		}
	}

	// Every (pod, name) once: its latest attempt, and the newest exit among its attempts.
	const groups = new Map<string, Container[]>();
	for (const c of input.containers) {
		const key = `${c.podSandboxId}/${c.metadata?.name ?? c.id}`;
		groups.set(key, [...(groups.get(key) ?? []), c]);
	}

	for (const attempts of groups.values()) {
		attempts.sort((a, b) => (b.metadata?.attempt ?? 0) - (a.metadata?.attempt ?? 0));
		const c = attempts[0];
		const attempt = c.metadata?.attempt ?? 0;
		const lastExited = attempts.find(a => a.state === 'CONTAINER_EXITED' && input.statuses.has(a.id));
		const status = lastExited ? input.statuses.get(lastExited.id) : undefined;
		const exit = status?.exitCode;
		const oom = /oom/i.test(status?.reason ?? '');
		const target = {kind: 'container' as const, id: c.id, name: nameOf(c)};
		const where = `${nameOf(c)} in ${podOf(c)}`;
		const exitText = exit === undefined ? '' : explainExit(exit, status?.reason) + (status?.message ? ` — ${status.message}` : '');
		if (attempt >= 2) {
			items.push({rank: 90 + Math.min(attempt, 9), severity: 'bad', title: `${where} is crash-looping (attempt ${attempt}, ${c.state.replace('CONTAINER_', '').toLowerCase()} now)`,
				detail: exit === undefined ? 'restarted again and again' : `last exit ${exitText}`, target, crictl: ['logs', '-p', c.id.slice(0, 13)]});
		} else if (c.state === 'CONTAINER_EXITED' && exit !== undefined && exit !== 0 && lastExited === c) {
			items.push({rank: oom ? 85 : 80, severity: 'bad', title: `${where} exited with code ${exit}`, detail: exitText, target, crictl: ['inspect', c.id.slice(0, 13)]});
		} else if (attempt === 1 && exit !== undefined && exit !== 0) {
			items.push({rank: oom ? 75 : 70, severity: 'warn', title: `${where} restarted after exit code ${exit}`, detail: exitText, target, crictl: ['logs', '-p', c.id.slice(0, 13)]});
		} else if (c.state === 'CONTAINER_CREATED' && input.now - nsToMs(c.createdAt) > (input.createdTooLongMs ?? 60_000)) {
			const minutes = Math.round((input.now - nsToMs(c.createdAt)) / 60_000);
			items.push({rank: 60, severity: 'warn', title: `${where} has been Created for ${minutes} min without starting`,
				detail: 'the runtime made it but never started it: look at its pod and the runtime log', target, crictl: ['inspect', c.id.slice(0, 13)]});
		} else if (c.state === 'CONTAINER_UNKNOWN') {
			items.push({rank: 55, severity: 'warn', title: `${where} is in an unknown state`, detail: 'the runtime cannot say whether it runs', target, crictl: ['inspect', c.id.slice(0, 13)]});
		}
	}

	for (const p of input.pods) {
		if (p.state !== 'SANDBOX_READY') {
			items.push({rank: 50, severity: 'warn', title: `pod ${p.metadata?.name ?? p.id.slice(0, 13)} is not Ready`,
				detail: `namespace ${p.metadata?.namespace ?? '?'}: its sandbox is stopped or failed`,
				target: {kind: 'pod', id: p.id, name: p.metadata?.name ?? ''}, crictl: ['inspectp', p.id.slice(0, 13)]});
		}
	}

	for (const fs of input.imageFilesystems ?? []) {
		items.push({rank: 10, severity: 'ok', title: `image filesystem ${fs.fsId?.mountpoint ?? '?'}: ${humanSize(fs.usedBytes?.value ?? '0')} used, ${fs.inodesUsed?.value ?? '?'} inodes`,
			detail: 'from ImageFsInfo', crictl: ['imagefsinfo']});
	}

	return items.sort((a, b) => b.rank - a.rank);
}
