// The terminal's size, following resizes; a fixed size (tests) wins.
import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export function useTerminalSize(fixed?: {columns: number; rows: number}): {columns: number; rows: number} {
	const {stdout} = useStdout();
	const read = () => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (fixed) return;
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
		// `read` reads stdout, which is a dependency.
	}, [stdout, fixed]);
	return fixed ?? size;
}
