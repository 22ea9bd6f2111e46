// Test-only preload (node --import) for the real bin: says on stderr, at exit, whether V8 took the
// code cache the bin gave a script (bin/run-bundle.js), without any hook in the product's code.
import vm from 'node:vm';

const Script = vm.Script;
vm.Script = class extends Script {
	constructor(code, options) {
		super(code, options);
		if (options?.cachedData) process.on('exit', () => process.stderr.write(`code cache ${this.cachedDataRejected ? 'rejected' : 'accepted'}\n`));
	}
};
