// Prints the readme's reliability table from the figures the reliability tests
// record (.tmp/reliability-figures.json, written by test/reliability/figures.ts),
// so the numbers in readme.md are the suite's own, not typed by hand.
//   node scripts/reliability-figures.mjs > /tmp/table.md
import {readFileSync} from 'node:fs';

const f = JSON.parse(readFileSync(new URL('../.tmp/reliability-figures.json', import.meta.url), 'utf8'));
const rows = [
	['runtime-restarts', r => [`runtime stopped and brought back (${r.gapMs} ms without a socket)`, `**${r.restartsSurvived}** restarts survived; keys answered while down **${r.keysCheckedWhileDown}/${r.keysCheckedWhileDown}**; fresh data **${r.reconnectMs.split(' ').join(', ')} ms** after the socket returned (target 2 s)`]],
	['slow-runtime-no-pile-up', r => ['slow runtime (answers slower than the refresh period)', `**${r.listContainersServed}** ListContainers for ${r.refreshTicks} refresh ticks in ${r.seconds} s; never more than **${r.maxInFlight}** in flight`]],
	['hung-runtime', r => ['hung runtime (every answer past the deadline)', `**${r.keyPresses}** keys pressed, slowest repaint **${r.worstKeyRepaintMs} ms**; ${r.listContainersServed} ListContainers in ${r.seconds} s (no pile-up); the header says Status timed out and each pane its own call, not "disconnected" (the socket is up)`]],
	['header-truth', r => ['one call past its deadline (ListContainers, 2 s) and a bad `-i` (a regular file, a missing path, a gRPC socket with no image service), the App over real gRPC', `**${r.deadlinePanes}** timed-out call named in its own pane, the other panes live **${r.otherPanesLive}/${r.deadlinePanes}**; **${r.imageSentencesNamingEndpoint}/${r.badImageEndpoints}** bad image endpoints said in a sentence naming them (header and images pane), containers and pods live; **${r.disconnectedBannersShown}** "disconnected" shown`]],
	['header-truth-tmux', r => ['the real bin in tmux on gRPC servers without `runtime.v1` (one offering v1alpha2, one not), a ListContainers past `-t 4s`, `-i` naming a regular file and a gRPC socket with no image service', `**${r.grpcServersTried - r.calledV1alpha2Wrongly}/${r.grpcServersTried}** servers named for what they are ("v1alpha2" only where v1alpha2 answered, else "not a CRI runtime"); **${r.slowCallPanes}** timed-out call and **${r.badImageEndpoints}** bad \`-i\` said in their panes; **${r.disconnectedShown}** "disconnected" shown`]],
	['streamed-100k', r => [`${r.containers.toLocaleString('en-US')} containers and ${r.pods.toLocaleString('en-US')} pods streamed to the real bin in tmux`, `both lists cut at **${r.kept.toLocaleString('en-US')}**, each pane saying so and how to narrow it; peak RSS **${r.peakRssMiB} MiB** (cap **${r.capMiB} MiB**, the test fails above it)`]],
	['one-rpc-refused', r => ['one RPC refused (UNIMPLEMENTED, INTERNAL)', `only that pane says so (**${r.panesChecked}** pane checks over ${r.statusCodesTried} codes)`]],
	['oversize-answer', r => [`a ${r.answerMiB} MiB answer (limit ${r.limitMiB} MiB)`, 'a sentence in that pane; the others keep working']],
	['malformed-answer', r => [`an answer that is not protobuf (${r.garbageBytes} bytes)`, `a sentence in that pane; polling went on (${r.listContainersServed} more calls)`]],
	['hostile-strings-property', r => ['hostile strings and bytes (property test)', `**${r.stringsTried}** strings in ${r.runs} runs, **${r.rowsChecked}** rendered rows: **0** control characters reached the terminal, every row as wide as the table`]],
	['terminal-ways-out', r => [`ways out of the real bin in tmux (${r.waysOut} kinds, twice each: Ctrl-C, q, SIGTERM, SIGHUP, SIGINT, uncaught exception, unhandled rejection)`, `**${r.exits}/${r.exits}** left the main screen, cursor, echo and line mode as they were; **${r.signalsSent}** signals; crash sentence visible after **${r.crashSentenceStillVisible}/${r.crashes}** crashes`]],
	['resizes', r => [`resizes of the real bin (down to ${r.smallest}, minimum ${r.minimum})`, `**${r.resizes}** resizes, no crash; "terminal too small" below the minimum`]],
	['read-only-app', r => ['`--read-only`: stop, remove, shell, exec keys', `**${r.refusalsShown}** refusals shown, **${r.mutatingCallsAtRuntime}** mutating calls at the runtime`]],
	['read-only-config-file', r => ['`read-only: true` in a config file (`-c`)', `**${r.refusalsShown}** refusals shown, **${r.mutatingCallsAtRuntime}** mutating calls at the runtime`]],
	['confirm-defaults-to-no', r => ['confirmation answered with anything but `y`', `**${r.keysThatCancelled}/${r.keysThatCancelled}** keys cancelled, **${r.stopsAtRuntime}** stops at the runtime`]],
	['paste-and-burst', r => ['pasted text and keys read in one burst, on the real containerd (bracketed pastes holding `x` and `y`, `xy` in one read)', `**${r.bracketedPastes}** pastes and **${r.oneReadBursts}** bursts: **${r.stopsFromPasteOrBurst}** stops at the runtime; a later, separate \`y\` stopped the container **${r.laterSeparateYStopped}/1**`]],
	['selection-gone', r => ['a selected container removed from outside, on the real containerd', `**${r.keysOnGoneObject}** keys on it (i, l, s, x) each said it is gone; **${r.actedOnOtherObjects}** other objects acted on; all **${r.otherContainersUnchanged}** other containers as they were`]],
	['hostile-log-paths', r => ['a hostile runtime naming a root-only file, a link to it, a `../` path under `--host-root`, a FIFO and a copy of the secret as log paths (real bin in tmux)', `**${r.pathsTried}** paths: the secret shown **${r.secretShown}** times; keys answered **${r.keysAnswered}/${r.pathsTried}**; \`q\` exited ${r.quitCode}`]],
	['shell-modes-reset', r => ['a shell that set mouse tracking, keypad, insert mode, no-wrap, origin mode, a scroll region and a title', `**${r.restoredOnDashboard}/${r.modesSetByShell}** modes reset on the dashboard and **${r.restoredAfterExit}/${r.modesSetByShell}** after exit (read back from tmux); title restored: ${r.titleRestored ? 'yes' : 'no'}`]],
	['hung-shell-escape', r => ['a shell whose stream never ends', `left with the escape (Ctrl-], Enter ~ .) **${r.leftWithEscape}/${r.escapesTried}**; **${r.sessionsLeftOpen}** sessions left open at the runtime`]],
	['start-up-inputs', r => ['start-up inputs (stdin not a terminal, a FIFO or /dev/zero as `-c`, a 391 KiB config, unknown keys)', `**${r.cases}** cases, each a sentence; slowest **${r.slowestMs} ms** (ceiling ${r.ceilingMs} ms)`]],
	['misspelled-read-only', r => ['a misspelled `read-only` in the config file (`read_only`, `Read-Only`, `readonly`, …)', `**${r.stopped}/${r.spellingsTried}** stopped the program; **${r.callsAtRuntime}** calls at the runtime`]],
	['confirm-targets-full-id', r => ['the list changes under an open confirmation', `**${r.listChangesUnderDialog}** changes, **${r.wrongObjectsStopped}** wrong objects stopped (the full ID confirmed is the one stopped)`]],
];

console.log('| what was tried | what held |\n| --- | --- |');
for (const [key, render] of rows) {
	if (!f[key]) throw new Error(`no figure "${key}" in .tmp/reliability-figures.json: run the reliability tests first`);
	const [what, held] = render(f[key]);
	console.log(`| ${what} | ${held} |`);
}
