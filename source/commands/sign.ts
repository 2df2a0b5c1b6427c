/**
 * `cybs-key-wizard sign`: the signature explainer. Shows what a correct client signs and sends for
 * one request, to diff against a client that gets 401. Never prints the secret.
 */
import {randomUUID} from 'node:crypto';
import {resolve} from 'node:path';
import {checkCredentials, type CredentialNote} from '../cybersource/credential-checks.js';
import {signHttpSignature} from '../cybersource/http-signature.js';
import {signJwt} from '../cybersource/jwt.js';
import {readSmallFile} from '../cybersource/read-small-file.js';
import {exitCodes} from '../exit-codes.js';
import type {CommandIo, CommandMain} from './command-io.js';
import {readStdin} from './read-stdin.js';
import {readSecret} from './secret-input.js';
import {parseSignOptions, type SignOptions} from './sign-options.js';
import {httpSignatureJson, httpSignatureText, jwtJson, jwtText, type SignContext} from './sign-output.js';

export type SignDependencies = {
	/** Epoch milliseconds; default Date.now. */
	readonly now?: () => number;
	/** A fresh jti; default crypto.randomUUID. */
	readonly uuid?: () => string;
};

/** Request bodies up to this size are signed. */
export const maxBodyBytes = 16 * 1024 * 1024;

type Failure = {readonly ok: false; readonly code: string; readonly message: string; readonly exitCode?: number};

type Body = {readonly ok: true; readonly bytes: Uint8Array; readonly source?: string} | Failure;

async function readBody(options: SignOptions, io: CommandIo): Promise<Body> {
	const {bodyFile} = options;
	if (bodyFile === undefined) return {ok: true, bytes: new Uint8Array()};
	if (bodyFile === '-') {
		const read = await readStdin(io.stdin, maxBodyBytes, io.signal);
		if (read.ok) return {ok: true, bytes: read.bytes, source: 'stdin'};
		if (read.reason === 'aborted') return {ok: false, code: 'INTERRUPTED', message: 'Interrupted.', exitCode: exitCodes.interrupted};
		return read.reason === 'too-large'
			? {ok: false, code: 'BODY_FILE_TOO_LARGE', message: 'The body on stdin is larger than 16 MiB.'}
			: {ok: false, code: 'BODY_FILE_UNREADABLE', message: 'Cannot read the body from stdin.'};
	}

	const read = await readSmallFile(resolve(io.cwd, bodyFile), maxBodyBytes);
	if (read.ok) return {ok: true, bytes: read.bytes, source: bodyFile};
	switch (read.failure) {
		case 'not-found': {
			return {ok: false, code: 'BODY_FILE_NOT_FOUND', message: `Body file ${bodyFile} not found. Check the path given to --body-file.`};
		}

		case 'too-large': {
			return {ok: false, code: 'BODY_FILE_TOO_LARGE', message: `Body file ${bodyFile} is larger than 16 MiB (${read.detail}).`};
		}

		case 'is-directory':
		case 'unreadable': {
			return {ok: false, code: 'BODY_FILE_UNREADABLE', message: `Cannot read body file ${bodyFile}: ${read.detail}. Check the path and its permissions.`};
		}
	}
}

function fromEnv(io: CommandIo, name: string): string | undefined {
	const value = io.env[name];
	return value === undefined || value.length === 0 ? undefined : value;
}

function fail(io: CommandIo, failure: {code: string; message: string; exitCode?: number}): number {
	io.stderr.write(`Error [${failure.code}]: ${failure.message.replaceAll(/\s*\n\s*/g, ' ')}\n`);
	return failure.exitCode ?? exitCodes.usage;
}

async function run(io: CommandIo, dependencies: SignDependencies): Promise<number> {
	const parsed = parseSignOptions(io.argv);
	if (!parsed.ok) return fail(io, parsed);
	const {options} = parsed;
	const orgId = options.orgId ?? fromEnv(io, 'CYBERSOURCE_MERCHANT_ID');
	if (orgId === undefined) {
		return fail(io, {code: 'ORG_ID_MISSING', message: 'No organization ID: pass --org-id or set CYBERSOURCE_MERCHANT_ID.'});
	}

	const keyId = options.keyId ?? fromEnv(io, 'CYBERSOURCE_KEY_ID');
	if (keyId === undefined) {
		return fail(io, {code: 'KEY_ID_MISSING', message: 'No key ID: pass --key-id or set CYBERSOURCE_KEY_ID.'});
	}

	const secretInput = await readSecret({
		...(options.secretFile === undefined ? {} : {secretFile: options.secretFile}),
		env: io.env,
		stdin: io.stdin,
		cwd: io.cwd,
		signal: io.signal,
	});
	if (!secretInput.ok) {
		return fail(io, {...secretInput, ...(secretInput.code === 'INTERRUPTED' ? {exitCode: exitCodes.interrupted} : {})});
	}

	const checked = checkCredentials({
		orgId,
		keyId,
		secret: secretInput.secret,
		...(options.portfolioId === undefined ? {} : {portfolioId: options.portfolioId}),
	});
	const firstError = checked.notes.find((note) => note.severity === 'error');
	if (!checked.credentials || firstError) {
		return fail(io, firstError ?? {code: 'CREDENTIALS_INVALID', message: 'The credentials are not valid.'});
	}

	const body = await readBody(options, io);
	if (!body.ok) return fail(io, body);
	if (io.signal.aborted) return exitCodes.interrupted;
	const {credentials} = checked;
	const now = dependencies.now ?? Date.now;
	const common = {
		method: options.method,
		host: options.host,
		path: options.path,
		body: body.bytes,
		merchantId: credentials.orgId,
		keyId: credentials.keyId,
		secret: credentials.secret,
		...(credentials.portfolioId === undefined ? {} : {portfolioId: credentials.portfolioId}),
	};
	const notes: CredentialNote[] = checked.notes.filter((note) => note.severity !== 'error');
	const context: SignContext = {
		method: options.method,
		host: options.host,
		path: options.path,
		bodyLength: body.bytes.length,
		...(body.source === undefined ? {} : {bodySource: body.source}),
		secret: credentials.secret,
		secretSource: {file: options.secretFile ?? 'file', stdin: 'stdin', env: 'CYBERSOURCE_SHARED_SECRET'}[secretInput.source],
		orgId: credentials.orgId,
		...(credentials.portfolioId === undefined ? {} : {portfolioId: credentials.portfolioId}),
		notes,
	};
	if (options.auth === 'http-signature') {
		const signed = signHttpSignature({...common, date: options.date ?? new Date(now()).toUTCString()});
		io.stdout.write(options.json ? `${JSON.stringify(httpSignatureJson(signed), null, 2)}\n` : httpSignatureText(signed, context));
		return exitCodes.ok;
	}

	const signed = await signJwt({
		...common,
		iat: options.iat ?? Math.floor(now() / 1000),
		jti: options.jti ?? (dependencies.uuid ?? randomUUID)(),
	});
	io.stdout.write(options.json ? `${JSON.stringify(jwtJson(signed), null, 2)}\n` : jwtText(signed, context));
	return exitCodes.ok;
}

/** A `sign` command with its clock and UUID source injected (tests); `main` uses the real ones. */
export function createSignMain(dependencies: SignDependencies = {}): CommandMain {
	return async (io) => run(io, dependencies);
}

export const main: CommandMain = createSignMain();
