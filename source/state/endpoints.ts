// What the endpoint picker lists. The CLI fills it from the wire layer's probe;
// the shape is kept here so the UI does not depend on how probing is done.

export type EndpointChoice = {
	/** Socket path (local, under --host-root when given). */
	socketPath: string;
	/** Known name of the path, e.g. "containerd", "CRI-O". */
	label?: string;
	runtimeName?: string;
	runtimeVersion?: string;
	/** RuntimeReady condition, when Status answered. */
	ready?: boolean;
	/** Why it cannot be used (sentence), when it did not answer. */
	error?: string;
};

export type ProbeFn = () => Promise<EndpointChoice[]>;

/**
 * The probed choices plus the endpoint in use when the probe did not list it
 * (a `-r` socket at a path no one probes): it comes first, described from the
 * live connection, so the picker never says "none found" while connected.
 */
export function withCurrentEndpoint(choices: readonly EndpointChoice[], current: EndpointChoice | null): EndpointChoice[] {
	if (!current || choices.some(c => c.socketPath === current.socketPath)) return [...choices];
	return [{label: 'in use', ...current}, ...choices];
}
