import {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../hooks/use-keys.js';
import {useDisplay} from './display.js';

export type Choice<T extends string> = {
	readonly value: T;
	/** One letter that picks this choice at once (shown as [x]). */
	readonly letter: string;
	readonly label: string;
	/** One dim line under the label. */
	readonly description?: string;
};

export type ChoiceListProps<T extends string> = {
	readonly choices: ReadonlyArray<Choice<T>>;
	/** Where the cursor starts (the value chosen earlier, or the default). */
	readonly initial?: T;
	readonly isActive?: boolean;
	readonly onSelect: (value: T) => void;
	/** Called as the cursor moves (e.g. to preview the highlighted choice). */
	readonly onHighlight?: (value: T) => void;
	/** Letters move the cursor instead of picking (Enter then picks): for choices that start something. */
	readonly highlightOnly?: boolean;
};

/**
 * A list of choices: ↑/↓ move, Enter picks the highlighted
 * one, a choice's letter picks it at once. The cursor starts on `initial`, so Enter keeps an earlier choice.
 */
export function ChoiceList<T extends string>({
	choices,
	initial,
	isActive = true,
	onSelect,
	onHighlight,
	highlightOnly = false,
}: ChoiceListProps<T>) {
	const start = Math.max(
		0,
		choices.findIndex((choice) => choice.value === initial),
	);
	const cursorRef = useRef(start);
	const [cursor, setCursor] = useState(start);
	const moveTo = (next: number) => {
		cursorRef.current = next;
		setCursor(next);
		const choice = choices[next];
		if (choice) onHighlight?.(choice.value);
	};

	const move = (delta: number) => {
		moveTo((cursorRef.current + delta + choices.length) % choices.length);
	};

	useKeys((input, key) => {
		if (key.upArrow) {
			move(-1);
			return;
		}

		if (key.downArrow) {
			move(1);
			return;
		}

		if (key.return) {
			const choice = choices[cursorRef.current];
			if (choice) onSelect(choice.value);
			return;
		}

		if (key.ctrl || key.meta || input.length !== 1) return;
		const index = choices.findIndex((choice) => choice.letter.toLowerCase() === input.toLowerCase());
		const byLetter = choices[index];
		if (!byLetter) return;
		if (highlightOnly) moveTo(index);
		else onSelect(byLetter.value);
	}, isActive);

	const {plain} = useDisplay();
	const pointer = plain ? '> ' : '❯ ';
	return (
		<Box flexDirection="column">
			{choices.map((choice, index) => {
				const highlighted = index === cursor;
				return (
					<Box key={choice.value} flexDirection="column">
						<Text>
							<Text color={highlighted ? 'cyan' : undefined}>{highlighted ? pointer : '  '}</Text>
							<Text bold={highlighted}>[{choice.letter}] </Text>
							<Text bold={highlighted} color={highlighted ? 'cyan' : undefined}>
								{choice.label}
							</Text>
						</Text>
						{choice.description ? (
							<Box paddingLeft={6}>
								<Text dimColor>{choice.description}</Text>
							</Box>
						) : null}
					</Box>
				);
			})}
		</Box>
	);
}
