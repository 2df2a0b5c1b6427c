import {Text} from 'ink';
import {Spinner} from './spinner.js';
import {useDisplay} from './display.js';
import {useTranscriptLine} from './transcript.js';

/** Work in progress: a spinner, or under --plain a still line (printed once to the transcript). */
export function Busy({label}: {readonly label: string}) {
	const {plain} = useDisplay();
	useTranscriptLine(label);
	if (plain) return <Text>{label}</Text>;
	return <Spinner label={label} />;
}
