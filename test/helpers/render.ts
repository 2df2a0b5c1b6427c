/**
 * Like ink-testing-library's render, plus what it lacks: a configurable width (60/80 columns),
 * `waitUntilExit` (exit codes, Ctrl+C) and the exit value. Ink runs with debug: true (every frame
 * is written, no throttling), exitOnCtrlC: false and patchConsole: false.
 */
import {EventEmitter} from 'node:events';
import type {ReactElement} from 'react';
import {render as inkRender} from 'ink';

class FakeStdout extends EventEmitter {
	readonly frames: string[] = [];
	readonly isTTY = true;
	constructor(
		readonly columns: number,
		readonly rows: number,
	) {
		super();
	}

	write = (frame: string) => {
		this.frames.push(frame);
		return true;
	};
}

class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null; // eslint-disable-line @typescript-eslint/no-restricted-types
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};

	// Ink loops `while ((chunk = stdin.read()) !== null)`: must be null, not undefined.
	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};

	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

export type TestInstance = {
	readonly frames: string[];
	readonly stdin: {write(data: string): void};
	/** Resolves with the value given to exit(), or with the Error it was given (never rejects). */
	readonly exited: Promise<unknown>;
	unmount(): void;
};

const live: Array<{unmount(): void}> = [];

/**
 * Ink's render() wants NodeJS.WriteStream/ReadStream; the fakes implement only what Ink calls.
 * This is the one place the fakes are presented as those types.
 */
function asStream<T>(fake: object): T {
	// eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
	return fake as T;
}

export function renderApp(tree: ReactElement, options: {columns?: number; rows?: number} = {}): TestInstance {
	const stdout = new FakeStdout(options.columns ?? 80, options.rows ?? 24);
	const stderr = new FakeStdout(options.columns ?? 80, options.rows ?? 24);
	const stdin = new FakeStdin();
	const instance = inkRender(tree, {
		stdout: asStream<NodeJS.WriteStream>(stdout),
		stderr: asStream<NodeJS.WriteStream>(stderr),
		stdin: asStream<NodeJS.ReadStream>(stdin),
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	// Attach the handler at once so a rejection is never reported as unhandled.
	const exited = instance.waitUntilExit().then(
		(value: unknown) => value,
		(error: unknown) => error,
	);
	const handle = {
		unmount() {
			instance.unmount();
			instance.cleanup();
		},
	};
	live.push(handle);
	return {frames: stdout.frames, stdin, exited, unmount: handle.unmount};
}

/** Unmounts every instance rendered by renderApp (call in afterEach). */
export function cleanupApps() {
	for (const handle of live.splice(0)) handle.unmount();
}
