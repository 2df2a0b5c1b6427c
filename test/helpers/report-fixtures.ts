// Realistic inputs for the report / export / debug-log tests: a random 32-byte shared secret and
// requests really signed with it (HTTP Signature and JWT), plus independent ways to search for it.
import {randomBytes, randomUUID} from 'node:crypto';
import {signHttpSignature, type HttpSignature} from '../../source/cybersource/http-signature.js';
import {signJwt, type SignedJwt} from '../../source/cybersource/jwt.js';
import {environment} from '../../source/cybersource/environments.js';
import type {KeyTestReport} from '../../source/cybersource/key-test-types.js';
import type {Credentials} from '../../source/cybersource/types.js';

export const paymentBody =
	'{"clientReferenceInformation":{"code":"TC50171_3"},"processingInformation":{"commerceIndicator":"internet"},"paymentInformation":{"card":{"number":"4111111111111111","expirationMonth":"12","expirationYear":"2031","securityCode":"123"}},"orderInformation":{"amountDetails":{"totalAmount":"102.21","currency":"USD"}}}';

export type SignedFixture = {
	readonly credentials: Credentials;
	readonly date: string;
	readonly http: HttpSignature;
	readonly jwt: SignedJwt;
	readonly transactionPath: string;
	readonly report: KeyTestReport;
};

export async function signedFixture(options: {portfolioId?: string} = {}): Promise<SignedFixture> {
	const credentials: Credentials = {
		orgId: 'acme_corp_001',
		keyId: randomUUID(),
		secret: randomBytes(32).toString('base64'),
		...(options.portfolioId === undefined ? {} : {portfolioId: options.portfolioId}),
	};
	const date = 'Wed, 01 Jul 2026 12:00:00 GMT';
	const host = 'apitest.cybersource.com';
	const http = signHttpSignature({
		method: 'POST',
		host,
		path: '/pts/v2/payments',
		body: paymentBody,
		date,
		merchantId: credentials.orgId,
		keyId: credentials.keyId,
		secret: credentials.secret,
		...(credentials.portfolioId === undefined ? {} : {portfolioId: credentials.portfolioId}),
	});
	const transactionPath = '/tss/v2/transactions/0000000000000000000000';
	const jwt = await signJwt({
		method: 'GET',
		host,
		path: transactionPath,
		merchantId: credentials.orgId,
		keyId: credentials.keyId,
		secret: credentials.secret,
		iat: 1_782_907_200,
		jti: randomUUID(),
		...(credentials.portfolioId === undefined ? {} : {portfolioId: credentials.portfolioId}),
	});
	const report: KeyTestReport = {
		ok: false,
		environment: environment('test'),
		mode: 'payment',
		durationMs: 1234,
		attempts: [
			{
				auth: 'http-signature',
				endpoint: 'POST /pts/v2/payments',
				url: `https://${host}/pts/v2/payments`,
				outcome: 'works',
				code: 'OK',
				message: 'The key authenticated and the test payment was authorized.',
				httpStatus: 201,
				correlationId: '3f0e6b3a-0c9e-4c1b-9a53-6f1f0c2d1e77',
				requestId: '7829072001234567890123',
				paymentStatus: 'AUTHORIZED',
				cybersourceMessage: 'Request was processed successfully.',
				responseDate: date,
				signed: {headerList: http.signedHeaderList, signingString: http.signingString},
				durationMs: 412,
			},
			{
				auth: 'jwt',
				endpoint: `GET ${transactionPath}`,
				url: `https://${host}${transactionPath}`,
				outcome: 'rejected',
				code: 'AUTHENTICATION_FAILED',
				message: 'CyberSource did not accept the JWT: the key pair did not authenticate.',
				httpStatus: 401,
				correlationId: '9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
				cybersourceMessage: 'Authentication Failed',
				signed: {headerList: 'JWT header and claims', signingString: `${jwt.headerJson}\n${jwt.payloadJson}`},
				durationMs: 388,
			},
		],
		diagnosis: [
			{code: 'JWT_REJECTED_HTTP_SIGNATURE_WORKS', message: 'HTTP Signature works with this key but JWT does not.'},
		],
	};
	return {credentials, date, http, jwt, transactionPath, report};
}

/** The secret's forms, computed here independently of the code under test. */
export function secretNeedles(secret: string): Array<{name: string; text: string}> {
	const bytes = Buffer.from(secret, 'base64');
	return [
		{name: 'base64', text: bytes.toString('base64')},
		{name: 'base64 unpadded', text: bytes.toString('base64').replace(/=+$/, '')},
		{name: 'base64url', text: bytes.toString('base64url')},
		{name: 'hex', text: bytes.toString('hex')},
		{name: 'HEX', text: bytes.toString('hex').toUpperCase()},
	];
}

/** Every sensitive string of a fixture: secret forms, the whole HMAC signature, the whole JWT and its signature. */
export function sensitiveNeedles(fixture: SignedFixture): Array<{name: string; text: string}> {
	const jwtSignature = fixture.jwt.token.split('.')[2] ?? '';
	return [
		...secretNeedles(fixture.credentials.secret),
		{name: 'HMAC signature', text: fixture.http.signature},
		{name: 'whole JWT', text: fixture.jwt.token},
		{name: 'JWT signature', text: jwtSignature},
	];
}

/** Needles found in `text` (case-insensitive for hex): [] when clean. */
export function leaks(text: string, needles: ReadonlyArray<{name: string; text: string}>): string[] {
	return needles.filter((needle) => text.includes(needle.text)).map((needle) => needle.name);
}
