/** What `sign` prints: JSON in the exact shape, or text for a developer to diff against. Never the secret. */
import type {CredentialNote} from '../cybersource/credential-checks.js';
import {maskSecret} from '../cybersource/mask.js';
import type {HttpSignature} from '../cybersource/http-signature.js';
import type {SignedJwt} from '../cybersource/jwt.js';
import {hasDigest, type HttpMethod} from '../cybersource/http-method.js';

export type HttpSignatureJson = {
	readonly signingString: string;
	readonly headers: HttpSignature['headers'];
};

export type JwtJson = {
	readonly header: SignedJwt['header'];
	readonly claims: SignedJwt['claims'];
	readonly token: string;
	readonly headers: SignedJwt['headers'];
};

export function httpSignatureJson(signed: HttpSignature): HttpSignatureJson {
	return {signingString: signed.signingString, headers: signed.headers};
}

export function jwtJson(signed: SignedJwt): JwtJson {
	return {header: signed.header, claims: signed.claims, token: signed.token, headers: signed.headers};
}

/** Facts about the request shown under the signature, so the user can compare with their own client. */
export type SignContext = {
	readonly method: HttpMethod;
	readonly host: string;
	readonly path: string;
	readonly bodyLength: number;
	/** "body.json", "stdin", or undefined when no --body-file was given. */
	readonly bodySource?: string;
	readonly secret: string;
	readonly secretSource: string;
	readonly orgId: string;
	readonly portfolioId?: string;
	/** Warnings and info from the credential checks (never contain the secret). */
	readonly notes: readonly CredentialNote[];
};

function indent(lines: readonly string[]): string {
	return lines.map((line) => `  ${line}`).join('\n');
}

function requestLine(context: SignContext): string {
	return `${context.method} https://${context.host}${context.path}`;
}

function bodyLines(context: SignContext): string[] {
	if (!hasDigest(context.method)) return [`${context.method} has no body, so no digest is signed or sent.`];
	if (context.bodySource === undefined) {
		return [
			'Body: none given (--body-file), so this signs an EMPTY body (0 bytes). Pass the exact bytes your client sends,',
			'or your digest will differ.',
		];
	}

	return [`Body: ${context.bodyLength} bytes from ${context.bodySource}; the digest covers exactly these bytes.`];
}

function footer(context: SignContext, auth: 'http-signature' | 'jwt'): string[] {
	const lines = [
		`Shared secret: ${maskSecret(context.secret)} (from ${context.secretSource}); the HMAC key is its base64-decoded 32 bytes.`,
	];
	if (context.portfolioId !== undefined) {
		lines.push(
			auth === 'jwt'
				? `Meta key: iss carries the portfolio ID (${context.portfolioId}); the v-c-merchant-id claim carries the transacting merchant ID (${context.orgId}).`
				: `Meta key: the signed v-c-merchant-id line carries the portfolio ID (${context.portfolioId}); the v-c-merchant-id header carries the transacting merchant ID (${context.orgId}).`,
		);
	}

	for (const note of context.notes) lines.push(`Note: ${note.message}`);
	return lines;
}

export function httpSignatureText(signed: HttpSignature, context: SignContext): string {
	const signingLines = signed.signingString.split('\n');
	const headerLines = Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}`);
	if (hasDigest(context.method)) headerLines.push('content-type: application/json (not signed)');
	headerLines.push('accept: application/hal+json (not signed)');
	return [
		`HTTP Signature for ${requestLine(context)}`,
		'',
		`Signing string (${signingLines.length} lines joined by "\\n", no trailing newline; HMAC-SHA256, then base64):`,
		indent(signingLines),
		'',
		'Headers to send:',
		indent(headerLines),
		'',
		...bodyLines(context),
		...footer(context, 'http-signature'),
		'',
	].join('\n');
}

export function jwtText(signed: SignedJwt, context: SignContext): string {
	const claimLines = Object.entries(signed.claims).map(([name, value]) => `${name}: ${JSON.stringify(value)}`);
	const expires = new Date(signed.claims.exp * 1000).toISOString();
	const headerLines = [`authorization: ${signed.headers.authorization}`];
	if (hasDigest(context.method)) headerLines.push('content-type: application/json');
	headerLines.push('accept: application/hal+json');
	return [
		`JWT (shared secret, HS256) for ${requestLine(context)}`,
		'',
		'JOSE header (exact JSON signed):',
		indent([signed.headerJson]),
		'',
		'Claims, in order (exact JSON signed below):',
		indent(claimLines),
		indent([signed.payloadJson]),
		'',
		`Token (valid until ${expires}, iat + 120 s):`,
		indent([signed.token]),
		'',
		'Headers to send (no date, host, digest, signature or v-c-merchant-id headers with a JWT):',
		indent(headerLines),
		'',
		...bodyLines(context),
		...footer(context, 'jwt'),
		'',
	].join('\n');
}
