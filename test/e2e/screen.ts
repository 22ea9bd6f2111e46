// Helpers for reading the dashboard off a tmux screen, shared by the e2e and integration suites.
import type {CriClient} from '../../source/wire/cri-client.js';
import type {ContainerState} from '../../source/model/cri-types.js';
import stringWidth from 'string-width';
import type {Rig} from './tmux-rig.js';
import {waitFor} from '../support/wait.js';

/** The 13-character ID prefix crictl prints (and the tables show). */
export function shortId(id: string): string {
	return id.replace(/^sha256:/, '').slice(0, 13);
}

/** The SGR codes in effect where a line starts drawing (before its first visible character). */
function leadingSgr(line: string): string {
	return /^(?:\x1b\[[0-9;:]*m)*/.exec(line)?.[0] ?? '';
}

/**
 * The selected table row (drawn in inverse video from its first column), as plain text, or
 * undefined. The pane tabs are inverse too, so the tab line is never taken for a row.
 */
export function selectedRow(escaped: string): string | undefined {
	const row = escaped.split('\n').find(line => /\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m/.test(leadingSgr(line)) && !/\d Pods .*\d Containers/.test(stripSgr(line)));
	return row === undefined ? undefined : stripSgr(row);
}

export function stripSgr(text: string): string {
	return text.replace(/\x1b\[[0-9;:]*m/g, '');
}

/** Moves the selection from the top (g, then j) until the row holding `text` is selected. */
export async function selectRow(rig: Rig, text: string, maxSteps = 60): Promise<void> {
	await rig.sendKeys('g');
	// The screen line of the selected row: it moves only when the selection does.
	const at = (s: string) => s.split('\n').findIndex(line => selectedRow(line) !== undefined);
	// Wait for g to land on the first row (the line under the table's header) before looking:
	// otherwise a selection already on the wanted row is taken while g is still in flight, and the
	// next key acts on the first row instead.
	const headerAt = (s: string) => s.split('\n').findIndex(line => /^\s?(CONTAINER|POD ID|IMAGE)\b/.test(stripSgr(line)));
	await rig.waitFor(s => headerAt(s) >= 0 && at(s) === headerAt(s) + 1, 5_000, {escaped: true}).catch(() => undefined);
	let previous = -1;
	for (let i = 0; i <= maxSteps; i++) {
		// Wait for the SELECTION to move, not for any change: the header's clock repaints
		// too, and a j sent on that repaint would be a second j in flight, overshooting.
		const escaped = await rig.waitFor(s => at(s) >= 0 && at(s) !== previous, 5_000, {escaped: true}).catch(() => undefined);
		const screen = escaped ?? (await rig.screenEscaped());
		if (selectedRow(screen)?.includes(text)) return;
		previous = at(screen);
		await rig.sendKeys('j');
	}
	throw new Error(`could not select the row with ${text}; screen:\n${await rig.screen()}`);
}

/** Polls the runtime until the container is in `state`. */
export async function waitForState(client: CriClient, id: string, state: ContainerState, timeoutMs = 20_000): Promise<void> {
	let last = '';
	await waitFor(async () => {
		last = (await client.containerStatus(id)).status?.state ?? 'gone';
		return last === state;
	}, {timeoutMs, intervalMs: 100}).catch(() => {
		throw new Error(`container ${id} did not reach ${state} within ${timeoutMs} ms (last: ${last})`);
	});
}

/**
 * The terminal cell each character of a captured line starts at, as tmux counts cells: one
 * code point at a time (wide East Asian and emoji: 2, combining and format characters: 0), which
 * is how tmux 3.3 lays text out (it does not join emoji sequences into one glyph).
 */
export function cellOffsets(line: string): Array<{text: string; cell: number}> {
	const out: Array<{text: string; cell: number}> = [];
	let cell = 0;
	for (const text of line) {
		out.push({text, cell});
		cell += codePointWidth(text);
	}
	return out;
}

/** The text of a captured line from terminal cell `from` (inclusive) to `to` (exclusive). */
export function cellSlice(line: string, from: number, to = Number.POSITIVE_INFINITY): string {
	return cellOffsets(line).filter(c => c.cell >= from && c.cell < to).map(c => c.text).join('');
}

/** The cell at which `needle` starts in a captured line, or -1. */
export function cellIndexOf(line: string, needle: string): number {
	const index = line.indexOf(needle);
	return index < 0 ? -1 : cellWidth(line.slice(0, index));
}

export function cellWidth(text: string): number {
	let width = 0;
	for (const ch of text) width += codePointWidth(ch);
	return width;
}

function codePointWidth(ch: string): number {
	if (/[\p{Mn}\p{Me}\p{Cf}]/u.test(ch)) return 0;
	return stringWidth(ch);
}
