import {useState} from 'react';
import {Box, Text} from 'ink';
import {Screen} from '../components/screen.js';
import {useIdView} from '../components/ids.js';
import {useDisplay} from '../components/display.js';
import {useTranscriptLines} from '../components/transcript.js';
import {useBackKey, useKeys} from '../hooks/use-keys.js';
import {useColumns, useRows} from '../hooks/use-columns.js';
import type {KeyTestReport} from '../cybersource/key-test-types.js';
import {detailLines, detailSections} from '../wizard/diagnosis-text.js';
import type {Mode} from '../wizard/state.js';

/** Rows the frame takes around the text: header (2), margins (2), position line (1), footer (2-3). */
const frameRows = 8;

/** The first line shown after a scroll of `delta` lines, kept within the text. */
export function scrolledTo(top: number, delta: number, total: number, height: number): number {
	return Math.max(0, Math.min(top + delta, Math.max(0, total - height)));
}

/**
 * The result's details (key `d`): the ranked causes with their steps, every probe with its outcome and
 * message, the Business Center checklist, the lookup and its manual steps, the reversal, information
 * (HTTP Signature's retirement) and the correlation IDs. Longer than a screen, so it scrolls.
 */
export function ResultDetails({mode, report, onDone}: {readonly mode: Mode; readonly report: KeyTestReport; readonly onDone: () => void}) {
	const {plain} = useDisplay();
	const ids = useIdView();
	const columns = useColumns();
	const rows = useRows();
	const lines = detailLines(detailSections(report, mode === 'practice'), Math.max(20, columns - 1)).map((line) => ({
		...line,
		text: ids.text(line.text),
	}));
	const height = plain ? lines.length : Math.max(5, rows - frameRows);
	const [top, setTop] = useState(0);
	const scroll = (delta: number) => {
		setTop((current) => scrolledTo(current, delta, lines.length, height));
	};

	useBackKey(onDone);
	useKeys((input, key) => {
		if (key.return || input === 'd' || input === 'q') onDone();
		else if (key.downArrow || input === 'j') scroll(1);
		else if (key.upArrow || input === 'k') scroll(-1);
		else if (key.pageDown || input === ' ') scroll(height - 1);
		else if (key.pageUp) scroll(-(height - 1));
	});
	useTranscriptLines(plain ? lines.map((line) => line.text).filter((text) => text !== '') : []);
	const shown = lines.slice(top, top + height);
	const scrolls = lines.length > height;
	return (
		<Screen
			idToggle
			step="result"
			mode={mode}
			subtitle="Details"
			hints={[...(scrolls ? [{key: '↑↓ Space', action: 'scroll'}] : []), {key: 'Esc/Enter', action: 'back to the result'}]}
		>
			<Box flexDirection="column">
				{shown.map((line, index) => (
					// eslint-disable-next-line react/no-array-index-key
					<Text key={`${top + index}`} bold={line.bold} color={line.color} wrap="truncate-end">
						{line.text === '' ? ' ' : line.text}
					</Text>
				))}
				{scrolls ? (
					<Text dimColor>
						Lines {top + 1}–{Math.min(lines.length, top + height)} of {lines.length}
						{top + height < lines.length ? ' · ↓ for more' : ' · end'}
					</Text>
				) : null}
			</Box>
		</Screen>
	);
}
