/** `sign` flags: parsed strictly, validated, with defaults. Error messages never echo a value that could be a secret. */
import {parseArgs} from 'node:util';
import {parseHttpMethod, type HttpMethod} from '../cybersource/http-method.js';
import type {AuthMethod} from '../cybersource/types.js';
import {describeParseError, quotedWord} from './parse-error.js';

export type SignOptions = {
	readonly auth: AuthMethod;
	readonly method: HttpMethod;
	readonly host: string;
	readonly path: string;
	/** A path, or "-" for stdin; undefined: an empty body. */
	readonly bodyFile?: string;
	/** HTTP Signature only. */
	readonly date?: string;
	/** JWT only. */
	readonly iat?: number;
	readonly jti?: string;
	readonly orgId?: string;
	readonly keyId?: string;
	readonly secretFile?: string;
	readonly portfolioId?: string;
	readonly json: boolean;
};

export type SignOptionsResult = {readonly ok: true; readonly options: SignOptions} | {readonly ok: false; readonly code: string; readonly message: string};

export const defaultSignHost = 'apitest.cybersource.com';
export const defaultSignPath = '/pts/v2/payments';

const flagDefinitions = {
	auth: {type: 'string'},
	method: {type: 'string'},
	host: {type: 'string'},
	path: {type: 'string'},
	'body-file': {type: 'string'},
	date: {type: 'string'},
	iat: {type: 'string'},
	jti: {type: 'string'},
	'org-id': {type: 'string'},
	'key-id': {type: 'string'},
	'secret-file': {type: 'string'},
	'portfolio-id': {type: 'string'},
	json: {type: 'boolean'},
} as const;

const seeHelp = 'Run cybs-key-wizard sign --help.';

/** RFC 7231 IMF-fixdate, what `Date.prototype.toUTCString()` produces. */
const imfFixdate = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function usage(code: string, message: string): SignOptionsResult {
	return {ok: false, code, message};
}

function isBareHost(host: string): boolean {
	return /^(?:[A-Za-z\d](?:[A-Za-z\d-]{0,61}[A-Za-z\d])?(?:\.[A-Za-z\d](?:[A-Za-z\d-]{0,61}[A-Za-z\d])?)*|\[[\da-fA-F:.]+\])(?::\d{1,5})?$/.test(host);
}

export function parseSignOptions(argv: readonly string[]): SignOptionsResult {
	let values;
	try {
		({values} = parseArgs({args: [...argv], options: flagDefinitions, strict: true, allowPositionals: false}));
	} catch (error: unknown) {
		return usage('USAGE', describeParseError(error, 'sign', seeHelp));
	}

	const auth = values.auth ?? 'http-signature';
	if (auth !== 'http-signature' && auth !== 'jwt') {
		return usage('USAGE', `--auth must be http-signature or jwt. ${seeHelp}`);
	}

	const methodText = values.method ?? 'POST';
	const method = parseHttpMethod(methodText);
	if (!method) {
		const quoted = quotedWord(methodText);
		const shown = quoted === undefined ? '' : `${quoted} `;
		return usage('SIGN_UNKNOWN_METHOD', `Unknown method ${shown}for --method: use GET, POST, PUT, PATCH or DELETE.`);
	}

	const host = values.host ?? defaultSignHost;
	if (!isBareHost(host)) {
		return usage(
			'SIGN_BAD_HOST',
			`--host takes a bare host name as sent in the Host header, such as ${defaultSignHost} (no https:// and no path).`,
		);
	}

	const path = values.path ?? defaultSignPath;
	if (!path.startsWith('/') || /[\s\u0000-\u001F\u007F]/.test(path)) {
		return usage('SIGN_BAD_PATH', `--path takes the path and query exactly as sent, starting with "/" and without spaces, such as ${defaultSignPath}.`);
	}

	if (values['body-file'] !== undefined && (method === 'GET' || method === 'DELETE')) {
		return usage('SIGN_BODY_NOT_ALLOWED', `${method} requests carry no body and no digest; drop --body-file or use POST, PUT or PATCH.`);
	}

	if (values['body-file'] === '-' && values['secret-file'] === '-') {
		return usage('SIGN_STDIN_TWICE', 'Only one of --body-file and --secret-file can read stdin (-).');
	}

	if (auth === 'jwt' && values.date !== undefined) {
		return usage('USAGE', '--date is for HTTP Signature; a JWT carries its time in iat (--iat SECONDS).');
	}

	if (auth === 'http-signature' && (values.iat !== undefined || values.jti !== undefined)) {
		return usage('USAGE', `${values.iat === undefined ? '--jti' : '--iat'} is for JWT (--auth jwt); HTTP Signature uses --date.`);
	}

	if (values.date !== undefined && !imfFixdate.test(values.date)) {
		return usage('SIGN_BAD_DATE', '--date must be an RFC 7231 date in GMT, such as "Mon, 05 Jan 2026 09:07:03 GMT".');
	}

	let iat: number | undefined;
	if (values.iat !== undefined) {
		iat = /^\d{1,12}$/.test(values.iat) ? Number(values.iat) : Number.NaN;
		if (!Number.isSafeInteger(iat)) {
			return usage('SIGN_BAD_IAT', '--iat takes whole seconds since 1970 (epoch seconds), such as 1767604023.');
		}
	}

	if (values.jti !== undefined && !/^[\x21-\x7E]{1,200}$/.test(values.jti)) {
		return usage('SIGN_BAD_JTI', '--jti takes a unique token ID without spaces, normally a UUID.');
	}

	return {
		ok: true,
		options: {
			auth,
			method,
			host,
			path,
			...(values['body-file'] === undefined ? {} : {bodyFile: values['body-file']}),
			...(values.date === undefined ? {} : {date: values.date}),
			...(iat === undefined ? {} : {iat}),
			...(values.jti === undefined ? {} : {jti: values.jti}),
			...(values['org-id'] === undefined ? {} : {orgId: values['org-id']}),
			...(values['key-id'] === undefined ? {} : {keyId: values['key-id']}),
			...(values['secret-file'] === undefined ? {} : {secretFile: values['secret-file']}),
			...(values['portfolio-id'] === undefined ? {} : {portfolioId: values['portfolio-id']}),
			json: values.json ?? false,
		},
	};
}
