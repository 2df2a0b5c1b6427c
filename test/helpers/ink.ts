/**
 * Waiting primitives for Ink tests (see /work/shared/ink-notes.md): never sleep, wait for a frame.
 * Works with ink-testing-library's `render` and with ./render.ts.
 */

export const keys = {
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	tab: '\t',
	shiftTab: '\u001B[Z',
	backspace: '\u007F',
	ctrlC: '\u0003',
	ctrlU: '\u0015',
} as const;

type Frames = {readonly frames: readonly string[]};
type Writable = {readonly stdin: {write(data: string): void}};

/** One macrotask: React re-runs effects (useInput re-subscribes), Ink flushes a pending ESC. */
export const tick = async () =>
	new Promise<void>((resolve) => {
		setImmediate(() => setTimeout(resolve, 0));
	});

/** The frame on screen now, skipping the bare '\n' Ink writes on unmount when CI is set. */
export const currentFrame = (i: Frames): string => i.frames.findLast((f) => f !== '\n') ?? '';

export async function waitFor(i: Frames, predicate: (frame: string) => boolean, what: string, timeout = 5000) {
	const started = Date.now();
	while (!predicate(currentFrame(i))) {
		if (Date.now() - started > timeout) throw new Error(`Timed out waiting for ${what}:\n${currentFrame(i)}`);
		await tick();
	}
}

export async function waitForText(i: Frames, text: string, timeout = 5000) {
	await waitFor(i, (frame) => frame.includes(text), `"${text}"`, timeout);
}

/** Waits until `text` is no longer on screen. */
export async function waitForNoText(i: Frames, text: string, timeout = 5000) {
	await waitFor(i, (frame) => !frame.includes(text), `"${text}" to disappear`, timeout);
}

/** Yields BEFORE each write (handlers from the last render are attached and fresh) and after it. */
export async function press(i: Writable, ...chunks: string[]) {
	for (const chunk of chunks) {
		await tick();
		i.stdin.write(chunk);
		await tick();
	}
}

/** Types text, then presses Enter in a separate write (one write of 'abc\r' is a single input event). */
export async function typeAndEnter(i: Writable, text: string) {
	await press(i, text, keys.enter);
}
