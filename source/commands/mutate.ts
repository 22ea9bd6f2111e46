// stop, stopp, rm, rmp, rmi: crictl's mutating commands. On a terminal each asks first, naming
// every object by its full ID; without one, --yes is the answer (a script must say so). The
// client refuses them in read-only mode before any bytes are sent.
import type {CriClient} from '../wire/cri-client.js';
import {resolveIds, type IdKind} from './resolve-id.js';
import {UsageError, type CommandContext, type CommandSpec} from './spec.js';

type Action = {verb: string; kind: IdKind; call: (client: CriClient, id: string, ctx: CommandContext) => Promise<void>};

function mutating(name: string, summary: string, action: Action, extra: CommandSpec['options'] = {}): CommandSpec {
	const noun = action.kind === 'image' ? 'IMAGE' : action.kind === 'pod' ? 'POD-ID' : 'CONTAINER-ID';
	const spec: CommandSpec = {
		name, summary, args: [1, Infinity],
		usage: `crisock-tui ${name} ${noun} [${noun}…] [--yes]`,
		options: {yes: {type: 'boolean', short: 'y'}, ...extra},
		async run(ctx) {
			const {client, positionals, values, io} = ctx;
			// The client refuses too; saying it before asking spares a pointless question.
			if (ctx.readOnly) throw new Error(`read-only mode: refusing to ${action.verb} ${action.kind} ${positionals.join(' ')}; run without --read-only (and read-only: true in the config file) to allow it`);

			const ids = await resolveIds(client, action.kind, positionals);
			if (!values.yes) {
				if (!io.interactive) throw new UsageError(`crisock-tui ${name} changes the node and there is no terminal to ask on: add --yes to ${action.verb} ${ids.join(' ')}`);
				const ok = await io.ask(`${action.verb} ${action.kind} ${ids.join(', ')}? [y/N] `);
				if (!ok) {
					io.warn('cancelled: nothing was changed\n');
					return 1;
				}
			}

			let failures = 0;
			for (const id of ids) {
				try {
					await action.call(client, id, ctx);
					io.write(`${id}\n`);
				} catch (error) {
					failures++;
					io.warn(`${(error as Error).message}\n`);
				}
			}

			return failures === 0 ? 0 : 1;
		},
	};
	return spec;
}

export const stop = mutating('stop', 'Stop one or more running containers', {
	verb: 'stop', kind: 'container',
	async call(client, id, ctx) {
		const text = (ctx.values.timeout as string | undefined) ?? '0';
		if (!/^\d+$/.test(text)) throw new UsageError(`crisock-tui stop: --timeout ${JSON.stringify(text)} is not a whole number of seconds`);
		await client.stopContainer(id, Number(text));
	},
}, {timeout: {type: 'string', short: 't'}});

export const stopp = mutating('stopp', 'Stop one or more pods', {verb: 'stop', kind: 'pod', call: (client, id) => client.stopPodSandbox(id)});
export const rm = mutating('rm', 'Remove one or more containers', {verb: 'remove', kind: 'container', call: (client, id) => client.removeContainer(id)});
export const rmp = mutating('rmp', 'Remove one or more pods', {verb: 'remove', kind: 'pod', call: (client, id) => client.removePodSandbox(id)});
export const rmi = mutating('rmi', 'Remove one or more images', {verb: 'remove', kind: 'image', call: (client, id) => client.removeImage(id)});
