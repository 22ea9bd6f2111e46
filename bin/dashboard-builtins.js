// The built-in modules the dashboard loads before its first live frame, loaded by the launchers
// (bin/crisock-tui.js, source/exe-entry.ts) BEFORE they set their V8 flag. Node's built-ins come
// with a code cache made under V8's default flags; a flag set at run time changes V8's flag hash,
// and every built-in loaded after it is compiled from source instead: about twice the CPU
// (measured: http2, tls, crypto, zlib, dns … ~40 CPU-ms more on Node 20, 50 → 100 on Node 24). One
// missing from this list only costs its compile; one listed but not needed costs its evaluation
// (child_process, dgram: not before the first frame since ink's terminal-size loads them lazily).
// Node 24's globalThis.navigator loads its module on the first read (ink's environment check reads
// it before the first frame), so it is read here too.
'use strict';

const dashboardBuiltins = ['http2', 'tls', 'crypto', 'zlib', 'dns', 'http', 'assert', 'os', 'vm', 'tty', 'fs/promises', 'process', 'perf_hooks'];

/** Loads the list and `more` (what one Node.js version loads besides). */
function loadDashboardBuiltins(more = []) {
	for (const id of [...dashboardBuiltins, ...more]) require(`node:${id}`);
	void globalThis.navigator;
}

// CommonJS, as the bin (bin/package.json); the exe's launcher and the test import it by name.
exports.dashboardBuiltins = dashboardBuiltins;
exports.loadDashboardBuiltins = loadDashboardBuiltins;
