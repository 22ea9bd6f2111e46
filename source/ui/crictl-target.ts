import {endpointUri, type CrictlTarget} from '../format/crictl.js';
import {memberOf} from '../state/fleet-merge.js';
import type {NodeData} from '../state/node-data.js';
import type {Target} from '../state/ui-state.js';

/**
 * The endpoints crictl needs to reach what this screen shows: the endpoint that
 * owns `target` when several are shown, else the screen's (first) endpoint; for
 * a node over ssh the line runs there (`ssh node crictl …`).
 */
export function crictlTargetOf(data: Pick<NodeData, 'runtimeEndpoint' | 'imageEndpoint' | 'fleet'>, target?: Pick<Target, 'endpoint'>): CrictlTarget {
	const member = memberOf(data, target?.endpoint) ?? data.fleet?.members[0];
	if (member) return member.crictl;
	return {endpoint: endpointUri(data.runtimeEndpoint), imageEndpoint: endpointUri(data.imageEndpoint)};
}
