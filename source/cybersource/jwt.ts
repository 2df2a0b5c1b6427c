import {randomUUID} from 'node:crypto';
import {sha256Base64} from './digest.js';
import {hasDigest, type HttpMethod} from './http-method.js';
import {secretKeyBytes} from './secret-key.js';

/** Inputs of a JWT signed with the shared secret (PROTOCOL §4.1). */
export type JwtInput = {
	readonly method: HttpMethod;
	/** The real API host (`request-host`), also behind an intermediate host. */
	readonly host: string;
	readonly path: string;
	readonly body?: string | Uint8Array;
	readonly merchantId: string;
	readonly keyId: string;
	readonly secret: string;
	readonly portfolioId?: string;
	/** Epoch seconds. */
	readonly iat: number;
	readonly jti: string;
};

export type JwtHeader = {readonly typ: 'JWT'; readonly alg: 'HS256'; readonly kid: string};

export type JwtClaims = {
	readonly digest?: string;
	readonly 'digest-algorithm'?: 'SHA-256';
	readonly iat: number;
	readonly exp: number;
	readonly 'request-host': string;
	readonly 'request-resource-path': string;
	readonly 'request-method': string;
	readonly iss: string;
	readonly jti: string;
	readonly 'v-c-jwt-version': '2';
	readonly 'v-c-merchant-id': string;
};

export type SignedJwt = {
	readonly header: JwtHeader;
	readonly claims: JwtClaims;
	readonly headerJson: string;
	readonly payloadJson: string;
	readonly token: string;
	readonly headers: {readonly authorization: string};
};

/** Token lifetime the SDKs use: exp = iat + 120 (PROTOCOL §4.1). */
export const jwtLifetimeSeconds = 120;

/** The JOSE header, in the SDK's order. */
export function jwtHeader(keyId: string): JwtHeader {
	return {typ: 'JWT', alg: 'HS256', kid: keyId};
}

/** The claims, in the node SDK's insertion order (PROTOCOL §4.1). */
export function jwtClaims(input: Omit<JwtInput, 'keyId' | 'secret'>): JwtClaims {
	return {
		...(hasDigest(input.method)
			? {digest: sha256Base64(input.body ?? ''), 'digest-algorithm': 'SHA-256' as const}
			: {}),
		iat: input.iat,
		exp: input.iat + jwtLifetimeSeconds,
		'request-host': input.host,
		'request-resource-path': input.path,
		'request-method': input.method.toLowerCase(),
		iss: input.portfolioId ?? input.merchantId,
		jti: input.jti,
		'v-c-jwt-version': '2',
		'v-c-merchant-id': input.merchantId,
	};
}

let jose: Promise<typeof import('jose')> | undefined;

/** Signs a CyberSource JWT (HS256 keyed with the base64-decoded shared secret) with jose (loaded once, on first use). */
export async function signJwt(input: JwtInput): Promise<SignedJwt> {
	jose ??= import('jose');
	const {CompactSign} = await jose;
	const header = jwtHeader(input.keyId);
	const claims = jwtClaims(input);
	const headerJson = JSON.stringify(header);
	const payloadJson = JSON.stringify(claims);
	const token = await new CompactSign(new TextEncoder().encode(payloadJson))
		.setProtectedHeader(header)
		.sign(secretKeyBytes(input.secret));
	return {header, claims, headerJson, payloadJson, token, headers: {authorization: `Bearer ${token}`}};
}

/** Current epoch seconds and a fresh jti, for callers that do not fix them. */
export function freshJwtTiming(now: () => number = Date.now, uuid: () => string = randomUUID) {
	return {iat: Math.floor(now() / 1000), jti: uuid()};
}
