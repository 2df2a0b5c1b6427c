/** A fake CommandIo for driving `check` and `profiles` in-process: collected output, env object, stdin, abort. */
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import type {CommandIo} from '../../source/commands/command-io.js';

export type FakeIo = CommandIo & {
	readonly out: () => string;
	readonly err: () => string;
	readonly controller: AbortController;
};

export type FakeIoOptions = {
	readonly argv: readonly string[];
	readonly env?: Record<string, string | undefined>;
	/** Text on stdin (ends after it); none = an empty stream. */
	readonly stdin?: string;
	readonly cwd?: string;
	/** Called with each chunk written to stderr (to react to progress without sleeping). */
	readonly onStderr?: (text: string) => void;
};

export function fakeIo(options: FakeIoOptions): FakeIo {
	const stdout: string[] = [];
	const stderr: string[] = [];
	const controller = new AbortController();
	return {
		argv: options.argv,
		env: options.env ?? {},
		stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
		stdout: {
			write(text: string) {
				stdout.push(text);
				return true;
			},
		},
		stderr: {
			write(text: string) {
				stderr.push(text);
				options.onStderr?.(text);
				return true;
			},
		},
		cwd: options.cwd ?? process.cwd(),
		signal: controller.signal,
		controller,
		out: () => stdout.join(''),
		err: () => stderr.join(''),
	};
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function temporaryDirectory(prefix: string): Promise<{dir: string; cleanup: () => Promise<void>}> {
	const dir = await mkdtemp(path.join(tmpdir(), prefix));
	return {dir, cleanup: async () => rm(dir, {recursive: true, force: true})};
}
