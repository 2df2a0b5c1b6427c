import {createHmac} from 'node:crypto';
import {digestHeader} from './digest.js';
import {hasDigest, type HttpMethod} from './http-method.js';
import {secretKeyBytes} from './secret-key.js';

/** Inputs of one HTTP Signature (PROTOCOL §1.1). */
export type HttpSignatureInput = {
	readonly method: HttpMethod;
	/** Bare host name, as sent in the Host header, e.g. `apitest.cybersource.com`. */
	readonly host: string;
	/** Path plus query, exactly as sent. */
	readonly path: string;
	/** Exact body bytes sent; ignored for GET and DELETE. */
	readonly body?: string | Uint8Array;
	/** RFC 7231 date, computed once per request (`new Date().toUTCString()`). */
	readonly date: string;
	/** Transacting merchant ID: always the `v-c-merchant-id` header. */
	readonly merchantId: string;
	readonly keyId: string;
	readonly secret: string;
	/** Meta key: the portfolio ID goes into the signed `v-c-merchant-id` line (PROTOCOL §2). */
	readonly portfolioId?: string;
};

export type SignedHttpHeaders = {
	readonly host: string;
	readonly date: string;
	readonly digest?: string;
	readonly 'v-c-merchant-id': string;
	readonly signature: string;
};

export type HttpSignature = {
	readonly signingString: string;
	readonly signedHeaderList: string;
	/** The bare base64 HMAC. */
	readonly signature: string;
	readonly headers: SignedHttpHeaders;
};

export type SigningLine = {readonly name: string; readonly value: string};

/** The signed header names in the SDK's order (PROTOCOL §1.6). */
export function signedHeaderNames(method: HttpMethod): readonly string[] {
	return hasDigest(method)
		? ['host', 'date', 'request-target', 'digest', 'v-c-merchant-id']
		: ['host', 'date', 'request-target', 'v-c-merchant-id'];
}

/** The request-target value: lower-case method, a space, path with query. */
export function requestTarget(method: string, path: string): string {
	return `${method.toLowerCase()} ${path}`;
}

/** `name: value` lines joined by `\n`, no trailing newline (PROTOCOL §1.4). */
export function joinSigningLines(lines: readonly SigningLine[]): string {
	return lines.map((line) => `${line.name}: ${line.value}`).join('\n');
}

/** base64 HMAC-SHA256 of the UTF-8 signing string under the given key bytes. */
export function hmacSha256Base64(key: Uint8Array, signingString: string): string {
	return createHmac('sha256', key).update(signingString, 'utf8').digest('base64');
}

/** The `Signature` header in the SDK's exact format (PROTOCOL §1.6). */
export function formatSignatureHeader(keyId: string, signedHeaderList: string, signature: string): string {
	return `keyid="${keyId}", algorithm="HmacSHA256", headers="${signedHeaderList}", signature="${signature}"`;
}

/** The lines of the signing string for a request, in order. */
export function signingLines(input: Omit<HttpSignatureInput, 'keyId' | 'secret'>): SigningLine[] {
	const lines: SigningLine[] = [
		{name: 'host', value: input.host},
		{name: 'date', value: input.date},
		{name: 'request-target', value: requestTarget(input.method, input.path)},
	];
	if (hasDigest(input.method)) {
		lines.push({name: 'digest', value: digestHeader(input.body ?? '')});
	}

	lines.push({name: 'v-c-merchant-id', value: input.portfolioId ?? input.merchantId});
	return lines;
}

/** Signs one request with HTTP Signature, exactly as the official SDK does. */
export function signHttpSignature(input: HttpSignatureInput): HttpSignature {
	const lines = signingLines(input);
	const signingString = joinSigningLines(lines);
	const signedHeaderList = signedHeaderNames(input.method).join(' ');
	const signature = hmacSha256Base64(secretKeyBytes(input.secret), signingString);
	const digest = lines.find((line) => line.name === 'digest')?.value;
	return {
		signingString,
		signedHeaderList,
		signature,
		headers: {
			host: input.host,
			date: input.date,
			...(digest === undefined ? {} : {digest}),
			'v-c-merchant-id': input.merchantId,
			signature: formatSignatureHeader(input.keyId, signedHeaderList, signature),
		},
	};
}
