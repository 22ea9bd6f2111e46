// The figures of one size, each either measured (a summary of its samples) or "not measured" with
// the reason. A step that runs out of its size's time budget, or fails, records why for every
// figure it would have given; nothing is ever reported as a miss without a measurement.
import {performance} from 'node:perf_hooks';
import {summarise, type Summary} from './stats.js';

export type Figures = {
	/** name → summary of the samples (one sample for CPU % and RSS). */
	measured: Record<string, Summary>;
	/** name → why it was not measured. */
	notMeasured: Record<string, string>;
};

export class Recorder {
	readonly figures: Figures = {measured: {}, notMeasured: {}};

	constructor(private readonly deadline: number, private readonly budgetText: string, private readonly log: (line: string) => void) {}

	/** Samples of one figure; none is recorded as not measured with `why`. */
	samples(name: string, samples: readonly number[], why = 'no sample was taken'): void {
		if (samples.length > 0) this.figures.measured[name] = summarise(samples);
		else this.figures.notMeasured[name] = why;
	}

	value(name: string, value: number): void {
		if (Number.isFinite(value)) this.figures.measured[name] = summarise([value]);
		else this.figures.notMeasured[name] = 'no finite value';
	}

	skip(names: readonly string[], why: string): void {
		for (const name of names) if (!(name in this.figures.measured) && !(name in this.figures.notMeasured)) this.figures.notMeasured[name] = why;
	}

	get timeLeft(): boolean {
		return performance.now() < this.deadline;
	}

	/** Runs a step unless the budget is spent; a failure is logged and its figures marked not measured. */
	async step(names: readonly string[], run: () => Promise<void>): Promise<void> {
		if (!this.timeLeft) {
			this.skip(names, `the time budget of this size (${this.budgetText}) ran out before this step`);
			return;
		}
		try {
			await run();
		} catch (error) {
			const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
			this.log(`step failed (${names.join(', ')}): ${message}`);
			this.skip(names, `the step failed: ${message}`);
		}
		this.skip(names, 'the time budget ran out during this step');
	}
}
