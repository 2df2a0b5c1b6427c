import {basename} from 'node:path';
import {cleanInput} from './clean-input.js';
import {isSharedSecret, looksLikeSecret} from './credential-shapes.js';

/**
 * The one test of "may this text be the shared secret?": a valid secret, or a damaged copy of one
 * (after surrounding whitespace, quotes and invisible characters are dropped). A value given where
 * something else was asked for (a path, a key ID, a profile name) that passes it is never echoed in a
 * message, and the credential checks use it to spot the secret in the wrong field.
 */
export function mayBeSecret(value: string): boolean {
	const cleaned = cleanInput(value).value;
	return isSharedSecret(cleaned) || looksLikeSecret(cleaned);
}

/**
 * A file path as it may appear in a message. People sometimes paste the shared secret where a
 * path is asked for (`--secret-file`, `--key-file`, the wizard's key-file field); such a "path"
 * is never echoed.
 */
export function shownPath(path: string): string {
	return mayBeSecret(path) ? 'given (not shown: it looks like the shared secret itself, not a file name)' : path;
}

/**
 * Whether a path to write to (a report, a log, an export folder) is the shared secret pasted in the
 * wrong place: writing there would put the secret on disk as a file name. Ordinary names never match
 * (a secret-like last part has 40+ base64 characters and no ".", "-" or "_").
 */
export function outputPathMayBeSecret(path: string): boolean {
	const cleaned = cleanInput(path).value;
	return isSharedSecret(cleaned) || mayBeSecret(basename(cleaned));
}
