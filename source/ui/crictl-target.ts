import {endpointUri, type CrictlTarget} from '../format/crictl.js';
import type {NodeData} from '../state/node-data.js';

/** The endpoints crictl needs to reach what this screen shows. */
export function crictlTargetOf(data: Pick<NodeData, 'runtimeEndpoint' | 'imageEndpoint'>): CrictlTarget {
	return {endpoint: endpointUri(data.runtimeEndpoint), imageEndpoint: endpointUri(data.imageEndpoint)};
}
