// Helpers for the simulator tests: sign a request the way a correct client does, then let a test
// change exactly one thing, and send the bytes with undici so every header is under the test's control.
import {request} from 'undici';
import {signHttpSignature} from '../../source/cybersource/http-signature.js';
import {signJwt} from '../../source/cybersource/jwt.js';
import {parseHttpMethod, type HttpMethod} from '../../source/cybersource/http-method.js';
import {samplePayment as productSamplePayment} from '../../source/cybersource/sample-payment.js';
import {randomUUID} from 'node:crypto';
import type {Simulator} from '../../source/simulator/index.js';

export type Creds = {merchantId: string; keyId: string; secret: string; portfolioId?: string};

export const sampleCreds: Creds = {
	merchantId: 'testrest',
	keyId: '08c94330-f618-42a3-b09d-e1e43be5efda',
	secret: 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=',
};

export function method(name: string): HttpMethod {
	const parsed = parseHttpMethod(name);
	if (!parsed) throw new Error(`unknown method ${name}`);
	return parsed;
}

/** The sample payment of PROTOCOL §5.1 with a unique code (so no DUPLICATE_REQUEST) and the given amount. */
export function samplePayment(overrides: {amount?: string; card?: string; code?: string; expirationYear?: string} = {}): string {
	const body = productSamplePayment({code: overrides.code ?? `T-${randomUUID()}`, amount: overrides.amount ?? '50.00'});
	const {card} = body.paymentInformation;
	return JSON.stringify({
		...body,
		paymentInformation: {card: {...card, number: overrides.card ?? card.number, expirationYear: overrides.expirationYear ?? card.expirationYear}},
	});
}

/** Anything with the simulator's base URL: a Simulator, or the URL a `simulator` command printed. */
export type Target = Pick<Simulator, 'url'>;

export function hostOf(sim: Target): string {
	return new URL(sim.url).host;
}

export type Outgoing = {method: string; path: string; headers: Record<string, string>; body?: string | Buffer};

/** Headers of a correctly HTTP-Signature-signed request (host = the simulator's host:port unless given). */
export function signedRequest(
	sim: Target,
	creds: Creds,
	options: {method?: string; path?: string; body?: string; host?: string; date?: string} = {},
): Outgoing {
	const verb = method(options.method ?? 'POST');
	const path = options.path ?? '/pts/v2/payments';
	const body = verb === 'GET' || verb === 'DELETE' ? undefined : (options.body ?? samplePayment());
	const signed = signHttpSignature({
		method: verb,
		host: options.host ?? hostOf(sim),
		path,
		body: body ?? '',
		date: options.date ?? new Date().toUTCString(),
		merchantId: creds.merchantId,
		keyId: creds.keyId,
		secret: creds.secret,
		...(creds.portfolioId === undefined ? {} : {portfolioId: creds.portfolioId}),
	});
	const headers: Record<string, string> = {
		host: signed.headers.host,
		date: signed.headers.date,
		'v-c-merchant-id': signed.headers['v-c-merchant-id'],
		signature: signed.headers.signature,
		accept: 'application/hal+json',
	};
	if (signed.headers.digest !== undefined) headers['digest'] = signed.headers.digest;
	if (body !== undefined) headers['content-type'] = 'application/json';
	return {method: verb, path, headers, ...(body === undefined ? {} : {body})};
}

/** Headers of a correctly JWT-signed request. */
export async function jwtRequest(
	sim: Target,
	creds: Creds,
	options: {method?: string; path?: string; body?: string; host?: string; iat?: number} = {},
): Promise<Outgoing> {
	const verb = method(options.method ?? 'POST');
	const path = options.path ?? '/pts/v2/payments';
	const body = verb === 'GET' || verb === 'DELETE' ? undefined : (options.body ?? samplePayment());
	const signed = await signJwt({
		method: verb,
		host: options.host ?? hostOf(sim),
		path,
		body: body ?? '',
		merchantId: creds.merchantId,
		keyId: creds.keyId,
		secret: creds.secret,
		...(creds.portfolioId === undefined ? {} : {portfolioId: creds.portfolioId}),
		iat: options.iat ?? Math.floor(Date.now() / 1000),
		jti: randomUUID(),
	});
	const headers: Record<string, string> = {authorization: signed.headers.authorization, accept: 'application/hal+json'};
	if (body !== undefined) headers['content-type'] = 'application/json';
	return {method: verb, path, headers, ...(body === undefined ? {} : {body})};
}

export type Received = {status: number; headers: Record<string, string | string[] | undefined>; text: string; json: unknown};

/** Sends exactly these headers and body bytes to the simulator. */
export async function send(sim: Target, outgoing: Outgoing): Promise<Received> {
	const response = await request(`${sim.url}${outgoing.path}`, {
		method: method(outgoing.method),
		headers: outgoing.headers,
		...(outgoing.body === undefined ? {} : {body: outgoing.body}),
	});
	const text = await response.body.text();
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}

	return {status: response.statusCode, headers: response.headers, text, json};
}

/** A field of a JSON value by dotted path, for assertions. */
export function field(value: unknown, path: string): unknown {
	let current: unknown = value;
	for (const part of path.split('.')) {
		if (typeof current !== 'object' || current === null) return undefined;
		current = Reflect.get(current, part);
	}

	return current;
}

/** Collects --explain lines. */
export function explainLog(): {lines: string[]; explain: (line: string) => void; text: () => string} {
	const lines: string[] = [];
	return {lines, explain: (line) => lines.push(line), text: () => lines.join('\n')};
}
