import {createContext, useContext, useEffect, useLayoutEffect} from 'react';
import {useDisplay} from './display.js';

/** Appends one line to the plain-mode transcript (printed once, above the live screen). */
export type TranscriptWriter = (line: string) => void;

export const TranscriptContext = createContext<TranscriptWriter>(() => {});

/**
 * --plain: prints `line` once as a line of its own when it first appears and again whenever it changes,
 * so a screen reader or a log gets one line per event. Does nothing otherwise (or for undefined).
 */
export function useTranscriptLine(line: string | undefined): void {
	const {plain} = useDisplay();
	const write = useContext(TranscriptContext);
	useEffect(() => {
		if (plain && line !== undefined) write(line);
	}, [plain, line, write]);
}

/** Several lines, each printed once (in order) as it first appears. */
export function useTranscriptLines(lines: readonly string[]): void {
	const {plain} = useDisplay();
	const write = useContext(TranscriptContext);
	const joined = lines.join('\n');
	useEffect(() => {
		if (!plain || joined === '') return;
		for (const line of joined.split('\n')) write(line);
	}, [plain, joined, write]);
}

/**
 * Like useTranscriptLine, but printed before any line of the components inside (a layout effect runs
 * before every passive effect of the same commit): for a screen's title.
 */
export function useTranscriptHeading(line: string): void {
	const {plain} = useDisplay();
	const write = useContext(TranscriptContext);
	useLayoutEffect(() => {
		if (plain) write(line);
	}, [plain, line, write]);
}
