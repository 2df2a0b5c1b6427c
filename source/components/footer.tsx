import {Box, Text} from 'ink';
import {useDisplay} from './display.js';

/** One key and what it does right now, e.g. {key: 'Esc', action: 'back'}. */
export type KeyHint = {readonly key: string; readonly action: string};

export const quitHint: KeyHint = {key: 'Ctrl+C', action: 'quit'};
export const backHint: KeyHint = {key: 'Esc', action: 'back'};

/** The keys that work right now; Ctrl+C is always last. Plain: one "Keys: …" line, no rule. */
export function Footer({hints}: {readonly hints: readonly KeyHint[]}) {
	const {plain} = useDisplay();
	const all = [...hints, quitHint];
	if (plain) return <Text>{`Keys: ${all.map((hint) => `${hint.key} ${hint.action}`).join('; ')}`}</Text>;
	return (
		<Box flexWrap="wrap" columnGap={2} borderStyle="single" borderBottom={false} borderLeft={false} borderRight={false}>
			{all.map((hint) => (
				<Text key={`${hint.key} ${hint.action}`}>
					<Text bold>{hint.key}</Text> <Text dimColor>{hint.action}</Text>
				</Text>
			))}
		</Box>
	);
}
