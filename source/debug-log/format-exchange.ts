/**
 * One HTTP exchange as a readable, redacted block of the debug log (curl -v style):
 *
 *   #1 2026-07-01T12:00:00.000Z POST https://apitest.cybersource.com/pts/v2/payments
 *   > host: apitest.cybersource.com
 *   > signature: keyid="…", algorithm="HmacSHA256", headers="…", signature="[REDACTED]"
 *   >
 *   {"clientReferenceInformation":…}
 *   < HTTP 201 (312 ms)
 *   < v-c-correlation-id: …
 *   <
 *   {"id":"…","status":"AUTHORIZED"}
 */
import {redactHeaders, redactText, type HeaderInput, type RedactOptions} from './redact.js';

/**
 * What the debug log needs from one request/response. The HTTP client's `onExchange` report fits it
 * structurally; headers may be a plain record or a fetch/undici `Headers`.
 */
export type DebugExchange = {
	readonly method: string;
	readonly url: string;
	readonly requestHeaders?: HeaderInput;
	readonly requestBody?: string | Uint8Array;
	/** Absent when no response arrived. */
	readonly status?: number;
	readonly responseHeaders?: HeaderInput;
	readonly responseBody?: string | Uint8Array;
	/** Why no (complete) response arrived: an Error, a string, or anything with a message. */
	readonly error?: unknown;
	readonly durationMs?: number;
	/** Epoch ms when the request started; the log's clock is used when absent. */
	readonly startedAt?: number;
};

/** Bodies longer than this are cut, with a note saying how much was left out. */
export const maximumBodyCharacters = 64 * 1024;

function bodyText(body: string | Uint8Array | undefined): string | undefined {
	if (body === undefined) {
		return undefined;
	}

	return typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
}

function formatBody(body: string | Uint8Array | undefined, options: RedactOptions): string[] {
	const text = bodyText(body);
	if (text === undefined || text.length === 0) {
		return ['(no body)'];
	}

	const cut = text.length > maximumBodyCharacters;
	const shown = redactText(cut ? text.slice(0, maximumBodyCharacters) : text, options);
	return cut ? [shown, `(… ${text.length - maximumBodyCharacters} more characters not logged)`] : [shown];
}

function hasMessage(value: unknown): value is {message: unknown} {
	return typeof value === 'object' && value !== null && 'message' in value;
}

function hasCode(value: unknown): value is {code: unknown} {
	return typeof value === 'object' && value !== null && 'code' in value;
}

/** A one-line description of a transport error, with its cause chain (undici wraps the real one). */
export function describeError(error: unknown): string {
	const parts: string[] = [];
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
		if (typeof current === 'string') {
			parts.push(current);
			break;
		}

		const name = current instanceof Error ? current.name : 'Error';
		const code = hasCode(current) && typeof current.code === 'string' ? ` [${current.code}]` : '';
		const message = hasMessage(current) ? String(current.message) : String(current);
		parts.push(`${name}${code}: ${message}`);
		current = current instanceof Error ? current.cause : undefined;
	}

	return parts.join(' <- caused by ');
}

/** The JSON header and claims of a (signature-redacted) Bearer JWT, for people to read; undefined if it is not one. */
export function decodeJwt(authorization: string): {header: string; claims: string} | undefined {
	const match = /^\s*Bearer\s+(eyJ[\w-]+)\.([\w-]+)\./i.exec(authorization);
	if (match === null) {
		return undefined;
	}

	const header = Buffer.from(match[1] ?? '', 'base64url').toString('utf8');
	const claims = Buffer.from(match[2] ?? '', 'base64url').toString('utf8');
	return header.startsWith('{') && claims.startsWith('{') ? {header, claims} : undefined;
}

function duration(ms: number | undefined): string {
	return ms === undefined ? '' : ` (${Math.round(ms)} ms)`;
}

/** The whole block for one exchange, every part redacted. Ends with a blank line. */
export function formatExchange(exchange: DebugExchange, index: number, startedAt: number, options: RedactOptions = {}): string {
	const lines: string[] = [
		`#${index} ${new Date(exchange.startedAt ?? startedAt).toISOString()} ${redactText(exchange.method, options)} ${redactText(exchange.url, options)}`,
	];
	for (const header of redactHeaders(exchange.requestHeaders, options)) {
		lines.push(`> ${header.name}: ${header.value}`);
		const decoded = header.name.toLowerCase() === 'authorization' ? decodeJwt(header.value) : undefined;
		if (decoded !== undefined) {
			lines.push(`>   (JWT header ${redactText(decoded.header, options)}, claims ${redactText(decoded.claims, options)})`);
		}
	}

	lines.push('>', ...formatBody(exchange.requestBody, options));
	if (exchange.status === undefined) {
		const why = exchange.error === undefined ? 'no response recorded' : redactText(describeError(exchange.error), options);
		lines.push(`< no response${duration(exchange.durationMs)}: ${why}`);
	} else {
		lines.push(`< HTTP ${exchange.status}${duration(exchange.durationMs)}`);
		for (const header of redactHeaders(exchange.responseHeaders, options)) {
			lines.push(`< ${header.name}: ${header.value}`);
		}

		lines.push('<', ...formatBody(exchange.responseBody, options));
		if (exchange.error !== undefined) {
			lines.push(`< error after the response started: ${redactText(describeError(exchange.error), options)}`);
		}
	}

	return `${lines.join('\n')}\n\n`;
}

/** The first lines of a debug-log session. */
export function formatSessionHeader(toolVersion: string, startedAt: number): string {
	return [
		`=== cybs-key-wizard ${toolVersion} debug log, session started ${new Date(startedAt).toISOString()} ===`,
		'=== Signature values, Authorization credentials and the shared secret are redacted. ===',
		'',
		'',
	].join('\n');
}
