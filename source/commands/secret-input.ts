/**
 * Where `sign` and `check` get the shared secret: --secret-file PATH, --secret-file - (stdin), or
 * CYBERSOURCE_SHARED_SECRET. Errors name the path, never the content. The secret is returned as read
 * (uncleaned); checkSecret cleans and validates it.
 */
import {resolve} from 'node:path';
import type {Readable} from 'node:stream';
import {looksLikeKeyFileText} from '../cybersource/credential-shapes.js';
import {parseKeyFile} from '../cybersource/key-file.js';
import {decodeText, readSmallFile} from '../cybersource/read-small-file.js';
import {readStdin} from './read-stdin.js';
import {shownPath} from '../cybersource/secret-like.js';

export const secretEnvVariable = 'CYBERSOURCE_SHARED_SECRET';

/** A secret file is tiny; anything larger is the wrong file. */
export const maxSecretFileBytes = 64 * 1024;

export type SecretSource = 'file' | 'stdin' | 'env';

export type SecretInputError = {readonly ok: false; readonly code: string; readonly message: string};

export type SecretInput = {readonly ok: true; readonly secret: string; readonly source: SecretSource} | SecretInputError;

export type SecretFromText = {readonly ok: true; readonly secret: string; readonly fromKeyFile: boolean} | SecretInputError;

/**
 * The secret in a secret file's text. A whole Business Center key file (a "Shared Secret" line, or
 * a UUID line and a secret line) is accepted too: its Shared Secret value is used.
 */
export function secretFromText(text: string): SecretFromText {
	const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim().length > 0);
	if (!looksLikeKeyFileText(text) && lines.length <= 1) return {ok: true, secret: text, fromKeyFile: false};
	const parsed = parseKeyFile(text);
	if (parsed.ok) return {ok: true, secret: parsed.secret, fromKeyFile: true};
	if (lines.length <= 1) {
		// A lone "Shared Secret: …" line: its value.
		const labelled = /^\s*shared[\s_-]*secret(?:[\s_-]*key)?\s*[:=](.*)$/is.exec(lines[0] ?? '');
		return {ok: true, secret: labelled?.[1] ?? text, fromKeyFile: labelled !== null};
	}

	return {
		ok: false,
		code: 'SECRET_FILE_UNRECOGNISED',
		message: `it has ${lines.length} lines but is not a usable key file. ${parsed.message}`,
	};
}

export type ReadSecretOptions = {
	/** --secret-file: a path, or "-" for stdin. */
	readonly secretFile?: string;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly stdin: Readable & {readonly isTTY?: boolean};
	/** Relative paths are resolved against this (default: the process's working directory). */
	readonly cwd?: string;
	readonly signal?: AbortSignal;
};

function fromText(text: string, source: SecretSource, where: string): SecretInput {
	const result = secretFromText(text);
	if (!result.ok) return {ok: false, code: result.code, message: `The shared secret ${where}: ${result.message}`};
	return {ok: true, secret: result.secret, source};
}

export async function readSecret(options: ReadSecretOptions): Promise<SecretInput> {
	const {secretFile} = options;
	if (secretFile === '-') {
		if (options.stdin.isTTY) {
			return {
				ok: false,
				code: 'SECRET_STDIN_IS_TERMINAL',
				message: '--secret-file - reads the shared secret from a pipe, not from the terminal (typing it would show it). Pipe it in, or use --secret-file PATH.',
			};
		}

		const read = await readStdin(options.stdin, maxSecretFileBytes, options.signal);
		if (!read.ok) {
			if (read.reason === 'aborted') return {ok: false, code: 'INTERRUPTED', message: 'Interrupted while reading the shared secret from stdin.'};
			return read.reason === 'too-large'
				? {ok: false, code: 'SECRET_FILE_TOO_LARGE', message: 'The shared secret on stdin is larger than 64 KiB; pipe in only the secret.'}
				: {ok: false, code: 'SECRET_FILE_UNREADABLE', message: 'Cannot read the shared secret from stdin.'};
		}

		return fromText(decodeText(read.bytes), 'stdin', 'on stdin');
	}

	if (secretFile !== undefined) {
		if (secretFile.length === 0) {
			return {ok: false, code: 'SECRET_FILE_NOT_FOUND', message: '--secret-file needs a path (or - for stdin).'};
		}

		const read = await readSmallFile(options.cwd === undefined ? secretFile : resolve(options.cwd, secretFile), maxSecretFileBytes);
		if (!read.ok) {
			switch (read.failure) {
				case 'not-found': {
					return {ok: false, code: 'SECRET_FILE_NOT_FOUND', message: `Secret file ${shownPath(secretFile)} not found. Check the path given to --secret-file: it names a file that holds the secret (or - for stdin), not the secret itself.`};
				}

				case 'too-large': {
					return {ok: false, code: 'SECRET_FILE_TOO_LARGE', message: `Secret file ${shownPath(secretFile)} is larger than 64 KiB (${read.detail}); it should hold only the shared secret.`};
				}

				case 'is-directory':
				case 'unreadable': {
					return {ok: false, code: 'SECRET_FILE_UNREADABLE', message: `Cannot read secret file ${shownPath(secretFile)}: ${read.detail}. Check the path and its permissions.`};
				}
			}
		}

		return fromText(decodeText(read.bytes), 'file', `in ${shownPath(secretFile)}`);
	}

	const fromEnv = options.env[secretEnvVariable];
	if (fromEnv !== undefined && fromEnv.length > 0) return fromText(fromEnv, 'env', `in ${secretEnvVariable}`);
	return {
		ok: false,
		code: 'SECRET_NOT_GIVEN',
		message: `No shared secret: pass --secret-file PATH (- reads stdin) or set ${secretEnvVariable}.`,
	};
}
