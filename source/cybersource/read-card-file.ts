/** Reads and parses a card file (check --card-file); I/O failures become codes. Never echoes the file. */
import {resolve} from 'node:path';
import {redactCardNumbers} from '../debug-log/redact.js';
import {type CardFileResult, maxCardFileBytes, parseCardFile} from './card-file.js';
import {decodeText, readSmallFile} from './read-small-file.js';
import {shownPath} from './secret-like.js';

/**
 * The path as it may appear in a message: not at all when it holds a card number (the number typed
 * where the file name goes) or looks like the shared secret.
 */
export function shownCardFilePath(path: string): string {
	if (redactCardNumbers(path) !== path) return 'given (not shown: it looks like a card number, not a file name)';
	return shownPath(path);
}

export type ReadCardFileOptions = {
	/** `path` is resolved against it (default: the process's working directory). */
	readonly cwd?: string;
	/** Decides whether the card has expired. */
	readonly now: () => number;
};

export async function readCardFile(path: string, options: ReadCardFileOptions): Promise<CardFileResult> {
	const shown = shownCardFilePath(path);
	const read = await readSmallFile(options.cwd === undefined ? path : resolve(options.cwd, path), maxCardFileBytes);
	if (!read.ok) {
		switch (read.failure) {
			case 'not-found': {
				return {ok: false, code: 'CARD_FILE_NOT_FOUND', message: `Card file ${shown} not found. Give the path of a file holding the real card for the 1.00 authorization (see check --help, --card-file). Nothing was sent.`};
			}

			case 'too-large': {
				return {ok: false, code: 'CARD_FILE_TOO_LARGE', message: `Card file ${shown} is larger than ${maxCardFileBytes} bytes (${read.detail}), so it is not a card file. Nothing was sent.`};
			}

			case 'is-directory':
			case 'unreadable': {
				return {ok: false, code: 'CARD_FILE_UNREADABLE', message: `Cannot read card file ${shown}: ${read.detail}. Check the path and its permissions. Nothing was sent.`};
			}
		}
	}

	const parsed = parseCardFile(decodeText(read.bytes), options.now());
	return parsed.ok ? parsed : {...parsed, message: `Card file ${shown}: ${parsed.message} Nothing was sent.`};
}
