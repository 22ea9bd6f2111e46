// The dashboard's flags, in meow's form. Its own module so that the one-shot commands' split of
// the command line (commands/argv.ts, which imports nothing) can be held to it by a test.
export const flagTable = {
	// Repeatable: several endpoints on one screen.
	runtimeEndpoint: {type: 'string', shortFlag: 'r', isMultiple: true},
	imageEndpoint: {type: 'string', shortFlag: 'i'},
	timeout: {type: 'string', shortFlag: 't'},
	config: {type: 'string', shortFlag: 'c'},
	interval: {type: 'string', default: '2s'},
	demo: {type: 'boolean', default: false},
	demoFallback: {type: 'boolean', default: false},
	flavor: {type: 'string'},
	hostRoot: {type: 'string'},
	// Nodes over ssh (several endpoints on one screen): ssh://[user@]host[:port][/socket].
	node: {type: 'string', isMultiple: true},
	nodes: {type: 'string'},
	sshConfig: {type: 'string'},
	logRoot: {type: 'string', isMultiple: true},
	readOnly: {type: 'boolean', default: false},
	color: {type: 'boolean', default: true},
	debug: {type: 'boolean', default: false},
	tail: {type: 'string'},
	since: {type: 'string'},
} as const;
