import {cleanInput} from './clean-input.js';
import {isSharedSecret, looksLikeSecret} from './credential-shapes.js';

/**
 * A file path as it may appear in a message. People sometimes paste the shared secret where a
 * path is asked for (`--secret-file`, `--key-file`, the wizard's key-file field); such a "path"
 * is never echoed.
 */
export function shownPath(path: string): string {
	const cleaned = cleanInput(path).value;
	return isSharedSecret(cleaned) || looksLikeSecret(cleaned)
		? 'given (not shown: it looks like the shared secret itself, not a file name)'
		: path;
}
