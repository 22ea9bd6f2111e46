// Test-only preload (node --import) for the real bin: SIGUSR2 makes the program crash the way a
// bug would, with an uncaught exception or (CRISOCK_REL_CRASH=rejection) an unhandled rejection,
// so the suite can check the terminal guard without any hook in the product's code.
process.on('SIGUSR2', () => {
	if (process.env.CRISOCK_REL_CRASH === 'rejection') void Promise.reject(new Error('reliability test: unhandled rejection'));
	else setImmediate(() => {
		throw new Error('reliability test: uncaught exception');
	});
});
