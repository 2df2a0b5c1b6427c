import {useRef, useState} from 'react';
import {Box, Text} from 'ink';
import {useKeys} from '../hooks/use-keys.js';
import {useDisplay} from './display.js';
import {useIdView} from './ids.js';

export type TextFieldProps = {
	readonly label: string;
	/** Shown dimmed while the field is empty. */
	readonly placeholder?: string;
	/** How the value given earlier is shown ("Enter keeps …"); Enter on an empty field keeps it. */
	readonly keep?: string;
	/** Hide what is typed: always (true) or when the value looks like it needs hiding. */
	readonly mask?: boolean | ((value: string) => boolean);
	readonly isActive?: boolean;
	/** The value is an organization/key/portfolio ID: under --redact-ids what is typed and `keep` show masked. */
	readonly idField?: boolean;
	/** Called with exactly what was typed or pasted ('' when empty); the screen checks it. */
	readonly onSubmit: (raw: string) => void;
	/** Called on every change (e.g. to clear an error shown under the field). */
	readonly onChange?: (raw: string) => void;
};

const bullet = '•';

/** Drops terminal control characters but keeps spaces, tabs and line breaks: the checks report those. */
function printable(input: string): string {
	return input.replaceAll(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
}

/** How a value is drawn: line breaks as ⏎, masked values as one bullet per character. */
export function displayValue(value: string, masked: boolean): string {
	if (masked) return bullet.repeat([...value].length);
	return value.replaceAll(/\r\n|\r|\n/g, '⏎');
}

/**
 * A one-line text input with its own key handling, so the submitted value is always the latest
 * (kept in a ref, not read from a render's closure). Editing is at the end: type, paste,
 * Backspace, Ctrl+U clears. Esc is left to the screen (it means "back").
 */
export function TextField({label, placeholder, keep, mask = false, isActive = true, idField = false, onSubmit, onChange}: TextFieldProps) {
	const valueRef = useRef('');
	const [value, setValue] = useState('');
	const update = (next: string) => {
		valueRef.current = next;
		setValue(next);
		onChange?.(next);
	};

	useKeys((input, key) => {
		if (key.return) {
			onSubmit(valueRef.current);
			return;
		}

		if (key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
		if (key.backspace || key.delete) {
			update([...valueRef.current].slice(0, -1).join(''));
			return;
		}

		if (key.ctrl && input === 'u') {
			update('');
			return;
		}

		if (key.ctrl || key.meta) return;
		const text = printable(input);
		if (text !== '') update(valueRef.current + text);
	}, isActive, {text: true});

	const {noColor} = useDisplay();
	const ids = useIdView();
	const masked = typeof mask === 'function' ? mask(value) : mask;
	const asId = (text: string) => (idField && text !== '' ? ids.id(text) : text);
	return (
		<Box flexDirection="column">
			<Text bold>{label}</Text>
			<Box>
				<Text color={isActive ? 'cyan' : undefined}>{'› '}</Text>
				{value === '' && placeholder && !keep ? <Text dimColor>{placeholder}</Text> : null}
				<Text>{masked ? displayValue(value, true) : asId(displayValue(value, false))}</Text>
				{isActive ? noColor ? <Text>_</Text> : <Text inverse> </Text> : null}
			</Box>
			{value === '' && keep ? (
				<Text dimColor>
					Enter keeps {asId(keep)}
				</Text>
			) : null}
			{masked && value !== '' ? <Text dimColor>Hidden as you type ({[...value].length} characters)</Text> : null}
		</Box>
	);
}
