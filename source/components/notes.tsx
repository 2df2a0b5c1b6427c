import {Box, Text} from 'ink';
import {useIdView} from './ids.js';

type Note = {readonly severity: 'error' | 'warning' | 'info'; readonly code: string; readonly message: string};

const marks = {error: '✖', warning: '⚠', info: 'ℹ'} as const;
const colors = {error: 'red', warning: 'yellow', info: 'blue'} as const;

/** Findings of the credential checks, one per line, worst first. */
export function Notes({notes}: {readonly notes: readonly Note[]}) {
	const ids = useIdView();
	if (notes.length === 0) return null;
	const order = {error: 0, warning: 1, info: 2} as const;
	const sorted = [...notes].sort((a, b) => order[a.severity] - order[b.severity]);
	return (
		<Box flexDirection="column">
			{sorted.map((note) => (
				<Text key={`${note.code} ${note.message}`} color={colors[note.severity]}>
					{marks[note.severity]} {ids.text(note.message)}
				</Text>
			))}
		</Box>
	);
}
