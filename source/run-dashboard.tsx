// The full-screen dashboard behind the terminal guard: render, wait for the way
// out, give the terminal back, say why it ended. The CLI imports this module
// only for the dashboard (the piped print loads neither ink nor React).
import React from 'react';
import {render} from 'ink';
import type {EndpointPlan, EndpointsChosen} from './choose-endpoint.js';
import {socketName, uniqueNames} from './format/endpoint-name.js';
import type {FleetEndpoint} from './state/use-fleet-data.js';
import type {ProbeFn} from './state/endpoints.js';
import type {LogOptions} from './state/logs-view-keys.js';
import type {NodeDataAction} from './state/node-data.js';
import {createTerminalGuard} from './terminal.js';
import {App} from './ui/app.js';
import {colorDisabled} from './ui/theme.js';
import type {Connect} from './warm-connect.js';

export type DashboardOptions = {
	chosen: EndpointsChosen;
	/** Already warmed up (warm-connect.ts) when the first endpoint is shown at once. */
	connect: Connect;
	/** The first endpoint's answers already in hand (warm-connect.ts): the first frame shows them. @default none */
	seed?: readonly NodeDataAction[];
	intervalMs: number;
	readOnly: boolean;
	/** --no-color given (NO_COLOR is honoured too). */
	noColorFlag: boolean;
	hostRoot?: string;
	/** --tail / --since: how logs views read. */
	logOptions?: LogOptions;
	probe: ProbeFn;
	/** The sentence for an error that ends the program (with its stack under --debug). */
	sentence: (error: unknown) => string;
	/** Runs after the terminal is restored, on every way out. */
	cleanup: () => Promise<void>;
};

/** The screen's endpoints from the chosen plans, each with its short name. */
export function fleetEndpoints(plans: readonly EndpointPlan[]): FleetEndpoint[] {
	const names = uniqueNames(plans.map(p => p.name ?? socketName(p.runtime)));
	return plans.map((p, i) => ({
		name: names[i], runtime: p.runtime, image: p.image, simulated: p.simulated, crictl: p.crictl, lost: p.lost, failed: p.failed, logs: p.logs, dialExec: p.dialExec,
	}));
}

/** Shows the dashboard until q, Ctrl-C, a signal or a fatal error; resolves with the exit code. */
export async function runDashboard(o: DashboardOptions): Promise<number> {
	// Every chosen endpoint on one screen; one is a list of one.
	const [plan] = o.chosen.endpoints;
	const endpoints = fleetEndpoints(o.chosen.endpoints);
	if (o.seed?.length) endpoints[0] = {...endpoints[0], seed: o.seed};
	const guard = createTerminalGuard();
	guard.enter();
	guard.installExitHandlers(o.cleanup);

	let exitCode = 0;
	let fatalMessage: string | undefined;
	const instance = render(
		<App
			connect={o.connect}
			runtimeEndpoint={plan.runtime}
			imageEndpoint={plan.image}
			endpoints={endpoints}
			intervalMs={o.intervalMs}
			readOnly={o.readOnly}
			noColor={colorDisabled(o.noColorFlag)}
			probe={o.probe}
			startInPicker={o.chosen.startInPicker}
			origin={plan.origin}
			simulated={plan.simulated}
			hostRoot={o.hostRoot}
			logOptions={o.logOptions}
			handOver={guard.handOver}
			registerRepaint={fn => guard.setRepaint(fn)}
			onFatal={plan.explicit ? error => {
				exitCode = 1;
				fatalMessage = o.sentence(error);
				instance.unmount();
			} : undefined}
		/>,
		// maxFps 60: ink holds a render that follows another within 1000/maxFps ms, which a key
		// press right after a refresh waited out (30 fps = 34 ms > the 16 ms key budget).
		// (incrementalRendering was tried: it left stale lines behind views in the tmux e2e.)
		{stdin: guard.inkStdin, stdout: guard.inkStdout, exitOnCtrlC: false, patchConsole: true, maxFps: 60},
	);

	try {
		await instance.waitUntilExit();
	} catch (error) {
		exitCode = 1;
		fatalMessage = o.sentence(error);
	}

	guard.restore();
	if (fatalMessage) process.stderr.write(`${fatalMessage}\n`);
	await o.cleanup();
	return exitCode;
}
