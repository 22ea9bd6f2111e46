// `version`: crictl version (its four lines; -o json|yaml gives the VersionResponse).
import {renderData} from './output.js';
import {protoJson} from './protojson.js';
import {formatOf, outputOption, type CommandSpec} from './spec.js';

declare const __CRISOCK_VERSION__: string | undefined;

export const version: CommandSpec = {
	name: 'version', usage: 'crisock-tui version [-o json|yaml|table]', summary: 'Runtime version',
	options: outputOption, formats: ['table', 'json', 'yaml'],
	async run({client, values, io}) {
		const r = await client.version();
		const format = formatOf(version, values);
		if (format !== 'table') {
			io.write(renderData(protoJson('VersionResponse', r), format));
			return 0;
		}

		// crictl prints its own version on the first line (with fmt.Println's double space).
		const own = typeof __CRISOCK_VERSION__ === 'undefined' ? r.version : __CRISOCK_VERSION__;
		const lines = [['Version', own], ['RuntimeName', r.runtimeName], ['RuntimeVersion', r.runtimeVersion], ['RuntimeApiVersion', r.runtimeApiVersion]];
		io.write(lines.map(([k, v]) => `${k}:  ${v}`).join('\n') + '\n');
		return 0;
	},
};
