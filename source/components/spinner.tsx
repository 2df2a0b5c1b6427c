import {memo, useEffect, useState} from 'react';
import {Text} from 'ink';

const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** How often the spinner turns: slow enough that a long wait redraws little (each turn redraws the screen). */
export const spinnerIntervalMs = 250;

/**
 * A spinner and its label. Only this line re-renders as it turns; the rest of the screen stays as it
 * was.
 */
export const Spinner = memo(function Spinner({label}: {readonly label: string}) {
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => {
			setFrame((current) => (current + 1) % frames.length);
		}, spinnerIntervalMs);
		return () => {
			clearInterval(timer);
		};
	}, []);
	return (
		<Text>
			<Text color="cyan">{frames[frame]}</Text> {label}
		</Text>
	);
});
