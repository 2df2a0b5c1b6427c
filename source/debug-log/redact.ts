/**
 * Pure redaction helpers shared by the debug log and the support report.
 * What they remove: the value of a `signature="…"` parameter, the signature part of a JWT
 * (three base64url segments starting with `eyJ`), credentials in URLs, and the shared secret in
 * every form it could appear in (as typed, base64, base64 without padding, base64url, hex, URL-encoded),
 * card numbers (13-19 digits, only the last 4 kept) and the CVV (`securityCode`) in request and response bodies.
 */

export const redactedMarker = '[REDACTED]';

/** Forms shorter than this are not searched for: replacing them would mangle ordinary text. */
export const minimumRedactableLength = 8;

export type SecretForm = {readonly name: string; readonly text: string; readonly caseInsensitive: boolean};

export type RedactOptions = {
	/** The shared secret (base64). Used only to remove it; never returned or stored. */
	readonly secret?: string;
};

/** Every textual form of the shared secret that could end up in output, longest first. */
export function secretForms(secret: string | undefined): SecretForm[] {
	if (secret === undefined || secret.length === 0) {
		return [];
	}

	const bytes = Buffer.from(secret, 'base64');
	const base64 = bytes.toString('base64');
	const base64Url = bytes.toString('base64url');
	const candidates: SecretForm[] = [
		{name: 'as entered', text: secret, caseInsensitive: false},
		{name: 'trimmed', text: secret.trim(), caseInsensitive: false},
		{name: 'URL-encoded', text: encodeURIComponent(secret), caseInsensitive: false},
		{name: 'base64', text: base64, caseInsensitive: false},
		{name: 'base64 without padding', text: base64.replace(/=+$/, ''), caseInsensitive: false},
		{name: 'base64url', text: base64Url, caseInsensitive: false},
		{name: 'base64url with padding', text: base64Url + '='.repeat((4 - (base64Url.length % 4)) % 4), caseInsensitive: false},
		{name: 'hex', text: bytes.toString('hex'), caseInsensitive: true},
	];
	const seen = new Set<string>();
	const forms: SecretForm[] = [];
	for (const form of candidates) {
		const key = form.caseInsensitive ? form.text.toLowerCase() : form.text;
		if (form.text.length >= minimumRedactableLength && !seen.has(key)) {
			seen.add(key);
			forms.push(form);
		}
	}

	return forms.sort((a, b) => b.text.length - a.text.length);
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}

function formPattern(form: SecretForm): RegExp {
	return new RegExp(escapeRegExp(form.text), form.caseInsensitive ? 'gi' : 'g');
}

/** Names of the secret's forms found in `text` (never the secret itself): empty when clean. */
export function findSecretLeaks(text: string, secret: string | undefined): string[] {
	return secretForms(secret)
		.filter((form) => formPattern(form).test(text))
		.map((form) => form.name);
}

/** Also matches the JSON-escaped form (signature=\"…\") of a header echoed inside a body. */
const signatureParameter = /(\bsignature\s*=\s*\\?")[^"\\]*(\\?")/gi;
/** A compact JWS/JWT: base64url JSON header (always starts `eyJ`), payload, signature. */
const jwtPattern = /\b(eyJ[\w-]{5,})\.([\w-]{2,})\.([\w-]{10,})/g;
const urlCredentials = /\b([a-z][a-z\d+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi;

/**
 * A card number (PAN): 13-19 digits, contiguous or in groups joined by single spaces or dashes, not
 * touching another letter or digit, nor joined by a dash to one (a 22-digit request ID, a base64 blob
 * and the last groups of a key ID's UUID, such as `…-8738-492798329410`, are left alone).
 */
const cardNumberPattern = /(?<![\w.]-?)\d(?:[ -]?\d){12,18}(?!\w|-\w)/g;

/** What a card number becomes: only its last 4 digits stay (as Business Center shows cards). */
export function maskedCardNumber(digits: string): string {
	return `[REDACTED card number ending ${digits.slice(-4)}]`;
}

/** Masks every card number (13-19 digits) except its last 4 digits. */
export function redactCardNumbers(text: string): string {
	return text.replace(cardNumberPattern, (match) => {
		const digits = match.replaceAll(/[ -]/g, '');
		return digits.length >= 13 && digits.length <= 19 ? maskedCardNumber(digits) : match;
	});
}

/**
 * The card's CVV in a JSON body: the value of every `securityCode` member, as a string or a number,
 * also JSON-escaped inside another string (`\"securityCode\":\"123\"` becomes `\"securityCode\":\"[REDACTED]\"`).
 */
const securityCodePattern = /(\\?"securityCode\\?"\s*:\s*)(?:(\\?")[^"\\]*\\?"|\d+)/gi;

/** Replaces the value of every `securityCode` member (the card's CVV) with the redaction marker. */
export function redactSecurityCodes(text: string): string {
	return text.replace(securityCodePattern, (_match, member: string, quote: string | undefined) => {
		const mark = quote ?? '"';
		return `${member}${mark}${redactedMarker}${mark}`;
	});
}

/** Replaces the value of every `signature="…"` parameter. */
export function redactSignatureParameters(text: string): string {
	return text.replace(signatureParameter, `$1${redactedMarker}$2`);
}

/**
 * Replaces the signature segment of every JWT. The header and claims stay: they carry no secret
 * and are what a support person needs (kid, iat, exp, request-host, digest); without its signature
 * the token cannot be replayed.
 */
export function redactJwts(text: string): string {
	return text.replace(jwtPattern, `$1.$2.${redactedMarker}`);
}

/** Removes the secret in each of its forms. */
export function redactSecret(text: string, secret: string | undefined): string {
	let result = text;
	for (const form of secretForms(secret)) {
		result = result.replace(formPattern(form), `${redactedMarker} (shared secret)`);
	}

	return result;
}

/** Everything above, in one pass over a piece of text. */
export function redactText(text: string, options: RedactOptions = {}): string {
	const withoutSecret = redactSecret(text, options.secret);
	return redactSecurityCodes(redactCardNumbers(redactJwts(redactSignatureParameters(withoutSecret)).replace(urlCredentials, `$1${redactedMarker}@`)));
}

/** Header values that are credentials as a whole (not only CyberSource's). */
const wholeValueHeaders = new Set(['proxy-authorization', 'cookie', 'set-cookie']);

/** `Authorization`: keeps the scheme, and for a JWT its header and claims; drops anything that proves identity. */
export function redactAuthorization(value: string, options: RedactOptions = {}): string {
	const match = /^(\s*)(\S+)(\s+)(.*)$/s.exec(value);
	if (match === null) {
		return redactedMarker;
	}

	const [, lead = '', scheme = '', space = ' ', credential = ''] = match;
	const jwt = /^(eyJ[\w-]{5,})\.([\w-]{2,})\.[\w-]+$/.exec(credential.trim());
	const kept = jwt === null ? redactedMarker : `${jwt[1] ?? ''}.${jwt[2] ?? ''}.${redactedMarker}`;
	return redactText(`${lead}${scheme}${space}${kept}`, options);
}

export type HeaderValue = string | number | readonly string[] | undefined;
/** A plain header record or anything iterable as [name, value] pairs (a fetch/undici `Headers`). */
export type HeaderInput = Readonly<Record<string, HeaderValue>> | Iterable<readonly [string, string]>;
export type HeaderLine = {readonly name: string; readonly value: string};

function isPairIterable(headers: HeaderInput): headers is Iterable<readonly [string, string]> {
	return Symbol.iterator in headers && typeof headers[Symbol.iterator] === 'function';
}

/** Flattens header input to name/value lines in the order given; array values become one line each. */
export function headerLines(headers: HeaderInput | undefined): HeaderLine[] {
	if (headers === undefined) {
		return [];
	}

	const lines: HeaderLine[] = [];
	if (isPairIterable(headers)) {
		for (const [name, value] of headers) {
			lines.push({name, value});
		}

		return lines;
	}

	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined) {
			continue;
		}

		if (typeof value === 'string' || typeof value === 'number') {
			lines.push({name, value: String(value)});
		} else {
			for (const item of value) {
				lines.push({name, value: item});
			}
		}
	}

	return lines;
}

/** Redacts one header value according to its name. */
export function redactHeaderValue(name: string, value: string, options: RedactOptions = {}): string {
	const lower = name.toLowerCase();
	if (lower === 'authorization') {
		return redactAuthorization(value, options);
	}

	if (wholeValueHeaders.has(lower)) {
		return redactedMarker;
	}

	if (lower === 'signature' && !/\bsignature\s*=\s*"/i.test(value)) {
		// Not in the documented keyid/algorithm/headers/signature form: nothing in it can be shown safely.
		return redactedMarker;
	}

	// A well-formed `signature` header loses its signature="…" value here, like any other text.
	return redactText(value, options);
}

/** Headers with `Signature`'s signature value, `Authorization`'s credential and the secret removed. */
export function redactHeaders(headers: HeaderInput | undefined, options: RedactOptions = {}): HeaderLine[] {
	return headerLines(headers).map(({name, value}) => ({name, value: redactHeaderValue(name, value, options)}));
}
