/** Reads and parses a Business Center key file; I/O failures become codes that name the path. */
import {resolve} from 'node:path';
import {type KeyFileResult, maxKeyFileBytes, parseKeyFile} from './key-file.js';
import {decodeText, readSmallFile} from './read-small-file.js';
import {shownPath} from './secret-like.js';

/** `path` is resolved against `cwd` (default: the process's working directory). */
export async function readKeyFile(path: string, cwd?: string): Promise<KeyFileResult> {
	const read = await readSmallFile(cwd === undefined ? path : resolve(cwd, path), maxKeyFileBytes);
	if (!read.ok) {
		switch (read.failure) {
			case 'not-found': {
				return {ok: false, code: 'KEY_FILE_NOT_FOUND', message: `Key file ${shownPath(path)} not found. Give the path of the file you downloaded from Business Center (Key Management > Download key).`};
			}

			case 'too-large': {
				return {ok: false, code: 'KEY_FILE_TOO_LARGE', message: `Key file ${shownPath(path)} is larger than 64 KiB (${read.detail}), so it is not a key file. Give the file downloaded from Business Center (Key Management > Download key).`};
			}

			case 'is-directory':
			case 'unreadable': {
				return {ok: false, code: 'KEY_FILE_UNREADABLE', message: `Cannot read key file ${shownPath(path)}: ${read.detail}. Check the path and its permissions.`};
			}
		}
	}

	const parsed = parseKeyFile(decodeText(read.bytes));
	return parsed.ok ? parsed : {...parsed, message: `Key file ${shownPath(path)}: ${parsed.message}`};
}
