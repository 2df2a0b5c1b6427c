import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

/** The terminal's width in columns (80 when unknown), updated when the terminal is resized. */
export function useColumns(): number {
	const {stdout} = useStdout();
	const read = () => (typeof stdout.columns === 'number' && stdout.columns > 0 ? stdout.columns : 80);
	const [columns, setColumns] = useState(read);
	useEffect(() => {
		const update = () => {
			setColumns(read());
		};

		stdout.on('resize', update);
		return () => {
			stdout.off('resize', update);
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [stdout]);
	return columns;
}

/** The terminal's height in rows (24 when unknown). */
export function useRows(): number {
	const {stdout} = useStdout();
	return typeof stdout.rows === 'number' && stdout.rows > 0 ? stdout.rows : 24;
}

/** Narrower than 80 columns: screens drop borders and move the less important lines behind a key. */
export const compactBelowColumns = 80;
