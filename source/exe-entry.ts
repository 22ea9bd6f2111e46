// Entry of the single executable (scripts/build-exe.mjs): the same launcher rule as
// bin/crisock-tui.js, then the CLI. The CLI is imported, not bundled in front of this
// code, so the environment is adjusted before ink is evaluated.
//
// ink treats any CI variable as "no live terminal"; a person at a real TTY gets the live
// screen even where CI is set.
if (process.stdout.isTTY && process.stdin.isTTY) {
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
}

void import('./cli.js');
