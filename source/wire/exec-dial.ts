// The exec/attach stream of a container on a node over ssh: the runtime's streaming URL points at
// the node's loopback (127.0.0.1:PORT), so that port is forwarded over the node's ssh master to a
// local socket and the WebSocket is dialled there (ws's own ws+unix: form). Anything not on the
// node's loopback is refused with a sentence rather than dialled from here.
import {connectExec, type ExecConnectOptions, type ExecSession} from './exec-session.js';
import {completeExecUrl} from './exec-url.js';

/** Dials an exec URL through `forwardTcp` (the node's ssh: a loopback port → a local socket path). */
export function dialThroughNode(forwardTcp: (port: number) => Promise<string>, node: string): (url: string, options: ExecConnectOptions) => Promise<ExecSession> {
	return async (url, options) => {
		const target = new URL(completeExecUrl(url, options.endpoint));
		if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
			throw new Error(`cannot connect to the exec stream: it is at ${target.host}, not on node ${node}'s loopback, and only the loopback is forwarded over ssh`);
		}
		if (target.protocol !== 'ws:') throw new Error(`cannot connect to the exec stream on node ${node}: ${target.protocol} over ssh is not supported`);
		const local = await forwardTcp(Number(target.port || 80));
		return connectExec(`ws+unix://${local}:${target.pathname}${target.search}`, options);
	};
}
