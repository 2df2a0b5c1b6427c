/**
 * JWT (HS256, keyed with the base64-decoded shared secret) verification, PROTOCOL §4.1.
 * Claims are checked against the request as received.
 */
import type {webcrypto} from 'node:crypto';
import {sha256Base64} from '../cybersource/digest.js';
import {hasDigest, parseHttpMethod} from '../cybersource/http-method.js';
import {refuse, type AuthContext, type AuthResult} from './auth-types.js';
import {describeSeconds} from './http-date.js';
import {keyEnvironmentProblem, merchantProblem, shownRequestValue, unknownKeyReason} from './key-checks.js';
import type {KeyEntry} from './key-store.js';
import {headerValue, type ReceivedRequest} from './received-request.js';
import {truncateSignature} from './signature-header.js';
import {isRecord} from '../is-record.js';

type Jose = typeof import('jose');
let josePromise: Promise<Jose> | undefined;
async function loadJose(): Promise<Jose> {
	josePromise ??= import('jose');
	return josePromise;
}

const decoder = new TextDecoder();

async function signatureValid(jose: Jose, token: string, key: webcrypto.CryptoKey | Uint8Array): Promise<Uint8Array | undefined> {
	try {
		const result = await jose.compactVerify(token, key, {algorithms: ['HS256']});
		return result.payload;
	} catch {
		return undefined;
	}
}

async function signatureMismatchReason(jose: Jose, token: string, entry: KeyEntry): Promise<string> {
	const signature = token.slice(token.lastIndexOf('.') + 1);
	const asText = await signatureValid(jose, token, new TextEncoder().encode(entry.record.secret));
	return asText === undefined
		? `the JWT signature "${truncateSignature(signature)}" does not verify with the shared secret of key ${entry.record.keyId}`
		: `the JWT was signed with the shared secret used as text (its UTF-8 bytes) instead of its base64-decoded bytes`;
}

function claimString(claims: Record<string, unknown>, name: string): string | undefined {
	const value = claims[name];
	return typeof value === 'string' ? value : undefined;
}

/** Verifies `Authorization: Bearer <token>`. Never throws. */
export async function verifyJwt(request: ReceivedRequest, token: string, context: AuthContext): Promise<AuthResult> {
	const jose = await loadJose();
	let protectedHeader: ReturnType<Jose['decodeProtectedHeader']>;
	try {
		protectedHeader = jose.decodeProtectedHeader(token);
	} catch {
		return refuse('the Bearer token is not a compact JWT (header.payload.signature, base64url)');
	}

	if (protectedHeader.alg !== 'HS256') {
		return refuse(`JWT header alg is ${JSON.stringify(protectedHeader.alg)}; with a shared secret key CyberSource's SDKs sign HS256`);
	}

	const kid = protectedHeader.kid;
	if (typeof kid !== 'string' || kid === '') return refuse('the JWT header has no kid (the key ID)');
	const entry = await context.lookup(kid);
	if (entry === undefined) return refuse(unknownKeyReason(kid, context));
	const environmentProblem = keyEnvironmentProblem(entry, context);
	if (environmentProblem !== undefined) return refuse(environmentProblem);

	const payload = await signatureValid(jose, token, await entry.hmacKey());
	if (payload === undefined) return refuse(await signatureMismatchReason(jose, token, entry));

	let claims: unknown;
	try {
		claims = JSON.parse(decoder.decode(payload));
	} catch {
		return refuse('the JWT payload is not JSON');
	}

	if (!isRecord(claims)) return refuse('the JWT payload is not a JSON object');
	return checkClaims(request, claims, entry, context);
}

function checkClaims(
	request: ReceivedRequest,
	claims: Record<string, unknown>,
	entry: KeyEntry,
	context: AuthContext,
): AuthResult {
	const nowSeconds = context.nowMs / 1000;
	const {iat, exp} = claims;
	if (typeof iat !== 'number' || !Number.isFinite(iat)) return refuse('the JWT has no numeric iat claim');
	if (typeof exp !== 'number' || !Number.isFinite(exp)) return refuse('the JWT has no numeric exp claim');
	if (exp <= nowSeconds) {
		return refuse(
			`the JWT expired ${describeSeconds(nowSeconds - exp)} ago (exp ${new Date(exp * 1000).toISOString()}, simulator clock ${new Date(context.nowMs).toISOString()}): sign a fresh token for every request`,
		);
	}

	const skew = iat - nowSeconds;
	if (Math.abs(skew) > context.maxSkewSeconds) {
		return refuse(
			`JWT iat ${new Date(iat * 1000).toISOString()} is ${describeSeconds(skew)} ${skew < 0 ? 'behind' : 'ahead of'} the simulator clock (${new Date(context.nowMs).toISOString()}); at most ${describeSeconds(context.maxSkewSeconds)} is accepted: check the system clock`,
		);
	}

	const host = headerValue(request, 'host') ?? '';
	const requestHost = claimString(claims, 'request-host');
	if (requestHost !== host && requestHost !== context.apiHost) {
		return refuse(
			`JWT claim request-host is ${JSON.stringify(requestHost)}; expected the Host header received ("${host}") or the real API host "${context.apiHost}"`,
		);
	}

	const path = claimString(claims, 'request-resource-path');
	if (path !== request.target) {
		return refuse(`JWT claim request-resource-path is ${JSON.stringify(path)} but the request was for "${request.target}"`);
	}

	const method = claimString(claims, 'request-method');
	if (method === undefined || method.toLowerCase() !== request.method.toLowerCase()) {
		return refuse(`JWT claim request-method is ${JSON.stringify(method)} but the request method is ${request.method}`);
	}

	const merchantId = claimString(claims, 'v-c-merchant-id');
	if (merchantId === undefined || merchantId === '') return refuse('the JWT has no v-c-merchant-id claim');
	const headerMerchant = headerValue(request, 'v-c-merchant-id');
	if (headerMerchant !== undefined && headerMerchant !== merchantId) {
		return refuse(`the v-c-merchant-id header ${shownRequestValue(headerMerchant)} differs from the JWT claim v-c-merchant-id ${shownRequestValue(merchantId)}`);
	}

	const ownershipProblem = merchantProblem(entry, merchantId);
	if (ownershipProblem !== undefined) return refuse(ownershipProblem);
	const iss = claimString(claims, 'iss');
	const portfolioId = entry.record.metaKey?.portfolioId;
	const expectedIss = portfolioId ?? merchantId;
	if (iss !== expectedIss) {
		return refuse(
			portfolioId === undefined
				? `JWT claim iss is ${JSON.stringify(iss)}; it must be the merchant ID "${merchantId}"`
				: `JWT claim iss is ${JSON.stringify(iss)}; with meta key ${entry.record.keyId} it must be the portfolio ID "${portfolioId}"`,
		);
	}

	const parsedMethod = parseHttpMethod(request.method);
	if (parsedMethod !== undefined && hasDigest(parsedMethod)) {
		const digest = claimString(claims, 'digest');
		const computed = sha256Base64(request.body);
		if (digest === undefined) return refuse(`the JWT of a ${request.method} request has no digest claim (expected "${computed}")`);
		if (digest !== computed) {
			return refuse(
				`JWT claim digest differs: SHA-256 of the received body (${request.body.length} bytes) is ${computed}, the claim says ${digest}${digest === `SHA-256=${computed}` ? ' (the JWT digest claim has no "SHA-256=" prefix)' : ''}`,
			);
		}

		const algorithm = claimString(claims, 'digest-algorithm') ?? claimString(claims, 'digestAlgorithm');
		if (algorithm !== undefined && algorithm !== 'SHA-256') {
			return refuse(`JWT claim digest-algorithm is "${algorithm}"; expected "SHA-256"`);
		}
	}

	return {
		ok: true,
		scheme: 'jwt',
		keyId: entry.record.keyId,
		merchantId,
		...(portfolioId === undefined ? {} : {portfolioId}),
	};
}

/** The token of `Authorization: Bearer <token>`, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
	if (authorization === undefined) return undefined;
	const match = /^Bearer (\S+)$/.exec(authorization.trim());
	return match?.[1];
}
