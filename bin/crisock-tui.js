#!/usr/bin/env node
// Launcher for the bundled build. Kept tiny and unbundled so it can adjust the
// environment before ink is evaluated.
//
// ink treats any CI variable as "no live terminal" and then paints nothing until
// exit. A person (or a tmux test) looking at a real TTY must get the live screen
// even where CI is set, so the flag is cleared for interactive runs only.
if (process.stdout.isTTY && process.stdin.isTTY) {
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
}

await import('../dist/cli.js');
