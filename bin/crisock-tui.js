#!/usr/bin/env node
// Launcher for the bundled build. Kept tiny and unbundled so it can adjust the
// environment before ink is evaluated.
//
// ink treats any CI variable as "no live terminal" and then paints nothing until
// exit. A person (or a tmux test) looking at a real TTY must get the live screen
// even where CI is set, so the flag is cleared for interactive runs only.
//
// CommonJS (bin/package.json): Node 20 starts a CommonJS main ~15-20 CPU-ms sooner than an ES
// module one, which goes through the asynchronous module loader.
'use strict';
const {setFlagsFromString} = require('node:v8');
const {loadDashboardBuiltins} = require('./dashboard-builtins.js');

// V8 grows its young generation to 2×16 MiB in a burst of allocation (decoding a 10,000-container
// answer) and keeps it: a third of the resident memory at 10,000 containers. With growth off it
// stays at 2×1 MiB and a scavenge runs each MiB allocated, each cheap (measured at 10,000: peak
// RSS −40 MiB for +7 % CPU). This flag is read whenever V8 considers growing, so setting it here
// works; --max-semi-space-size is fixed at start-up and would need node's command line.
// Not for a one-shot print (stdout or stdin not a terminal): it exits at once, and there the
// extra scavenges were ~7 % of its CPU.
//
// The built-ins the dashboard loads before its first frame are loaded first, so they keep Node's
// code cache, which a flag set at run time makes V8 reject (dashboard-builtins.js).
if (process.stdout.isTTY && process.stdin.isTTY) {
	loadDashboardBuiltins();
	setFlagsFromString('--semi-space-growth-factor=1');
}

if (process.stdout.isTTY && process.stdin.isTTY) {
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
}

// The CLI with its code cache (run-bundle.js).
require('./run-bundle.js').runBundle();
