// The URL an Exec/Attach answer carries, completed the way crictl completes it before dialling:
// a missing scheme is `http:` (cri-dockerd answers `//127.0.0.1:PORT/cri/exec/TOKEN`, whatever its
// flags), and a missing host is the endpoint's (a tcp:// endpoint's host; over a unix socket the
// runtime's streaming server is on the loopback). A strict URL parser given the raw string fails
// on every cri-dockerd node.

/** Thrown with a sentence naming the URL when it cannot be made into one to dial. */
export class ExecUrlError extends Error {}

/** The host a host-less streaming URL is on, from the CRI endpoint (`tcp://h:p`, `unix:///…`). */
export function endpointHost(endpoint: string | undefined): string {
	const tcp = /^(?:tcp|http|https):\/\/([^/]+)/.exec(endpoint ?? '');
	return tcp ? tcp[1].replace(/:\d+$/, '') : '127.0.0.1';
}

/** `//h:p/x` → `http://h:p/x`; `/x` → `http://HOST/x`; `h:p/x` → `http://h:p/x`; then http(s) → ws(s). */
export function completeExecUrl(raw: string, endpoint?: string): string {
	let text = raw.trim();
	// Already made to dial through a local socket (a node over ssh: exec-dial.ts), not a runtime's URL.
	if (text.startsWith('ws+unix:///')) return text;
	if (text.startsWith('//')) text = `http:${text}`;
	else if (text.startsWith('/')) text = `http://${endpointHost(endpoint)}${text}`;
	else if (!/^[a-z][a-z\d+.-]*:\/\//i.test(text)) text = `http://${text}`;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw new ExecUrlError(`the runtime's exec URL ${JSON.stringify(raw)} is not a URL crictl could dial either`);
	}
	if (!url.hostname) url.hostname = endpointHost(endpoint);
	if (url.protocol === 'http:') url.protocol = 'ws:';
	else if (url.protocol === 'https:') url.protocol = 'wss:';
	else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new ExecUrlError(`the runtime's exec URL ${JSON.stringify(raw)} has scheme ${url.protocol} (expected http or https)`);
	return url.toString();
}
