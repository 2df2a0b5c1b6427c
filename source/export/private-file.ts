/**
 * Files only the user can read (mode 0600), never silently replacing an existing file.
 */
import {randomBytes} from 'node:crypto';
import {chmod, open, rename, rm} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';

export const privateFileMode = 0o600;

function hasErrnoCode(error: unknown): error is {code: string} {
	return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

/** True when the error says the file already exists. */
export function isAlreadyExists(error: unknown): boolean {
	return hasErrnoCode(error) && error.code === 'EEXIST';
}

/**
 * Creates `path` with mode 0600; fails with EEXIST if anything (a file, a symlink) is there already.
 * The check and the creation are one system call (O_CREAT|O_EXCL), so nothing can slip in between.
 */
export async function createPrivateFile(path: string, contents: string): Promise<void> {
	const handle = await open(path, 'wx', privateFileMode);
	try {
		await handle.chmod(privateFileMode);
		await handle.writeFile(contents, 'utf8');
	} finally {
		await handle.close();
	}
}

/**
 * Replaces `path` (the caller has the user's consent) with a new 0600 file: written next to it under
 * a temporary name, then renamed over it, so the old file's permissions do not carry over and a
 * failure leaves the old file intact.
 */
export async function replacePrivateFile(path: string, contents: string): Promise<void> {
	const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
	try {
		await createPrivateFile(temporary, contents);
		await chmod(temporary, privateFileMode);
		await rename(temporary, path);
	} catch (error) {
		await rm(temporary, {force: true});
		throw error;
	}
}
