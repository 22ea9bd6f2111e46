// `imagefsinfo`: the image (and container) filesystems' usage, as crictl imagefsinfo.
import {humanSize} from '../format/size.js';
import type {FilesystemUsage} from '../model/cri-types.js';
import {protoJson} from './protojson.js';
import {formatOf, outputOption, type CommandSpec} from './spec.js';
import {renderStatusData} from './status-data.js';

function tableOf(label: string, list: readonly FilesystemUsage[]): string[] {
	return [`${label} Filesystem `, ...list.flatMap((fs, i) => [
		`TimeStamp[${i}]: ${fs.timestamp}`,
		`Disk[${i}]: ${humanSize(fs.usedBytes?.value ?? '0')}`,
		`Inodes[${i}]: ${fs.inodesUsed?.value ?? '0'}`,
		`Mountpoint[${i}]: ${fs.fsId?.mountpoint ?? ''}`,
	])];
}

export const imagefsinfo: CommandSpec = {
	name: 'imagefsinfo', usage: 'crisock-tui imagefsinfo [-o json|yaml|table]', summary: 'Image filesystem usage',
	options: outputOption, formats: ['json', 'yaml', 'table'],
	async run({client, values, io}) {
		const r = await client.imageFsInfo();
		const format = formatOf(imagefsinfo, values);
		if (format === 'table') io.write([...tableOf('Container', r.containerFilesystems), ...tableOf('Image', r.imageFilesystems)].join('\n') + '\n');
		else io.write(renderStatusData([{status: protoJson('ImageFsInfoResponse', r)}], format));
		return 0;
	},
};
