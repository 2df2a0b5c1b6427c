// The simulator's request parsing under random and hostile input (10,000 generated inputs per
// property): parseSignatureHeader, authenticate, validatePayment and route never throw and give
// sensible answers; random signatures and tokens never authenticate, while a correctly signed request
// does (so "never" is not vacuous). Then a few hundred malformed raw requests over a socket: the real
// server answers 4xx or closes the connection, and still serves a signed payment afterwards.
import {connect} from 'node:net';
import {inspect, isDeepStrictEqual} from 'node:util';
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {digestHeader} from '../source/cybersource/digest.js';
import {environment} from '../source/cybersource/environments.js';
import {formatSignatureHeader, signHttpSignature} from '../source/cybersource/http-signature.js';
import {signJwt} from '../source/cybersource/jwt.js';
import type {AuthContext, AuthSuccess} from '../source/simulator/auth-types.js';
import {createIdSource} from '../source/simulator/ids.js';
import {authenticate, parseSignatureHeader, startSimulator, validatePayment, type ReceivedRequest, type Simulator} from '../source/simulator/index.js';
import {KeyStore} from '../source/simulator/key-store.js';
import {route} from '../source/simulator/routes.js';
import {TransactionStore} from '../source/simulator/transaction-store.js';
import {explainLog, hostOf, sampleCreds, send, signedRequest} from './helpers/simulator-helpers.js';

const numRuns = 10_000;
const nowMs = Date.UTC(2026, 0, 5, 9, 7, 3, 250);
const apiHost = environment('test').apiHost;
const host = '127.0.0.1:4000';
const keys = new KeyStore({env: 'test', acceptSampleCredentials: true});
const context: AuthContext = {env: 'test', apiHost, nowMs, maxSkewSeconds: 300, lookup: async (keyId) => keys.lookup(keyId)};
const encoder = new TextEncoder();

/**
 * The check inside a 10,000-run property: vitest's expect costs ~100 µs a call, 10× the code under
 * test. fast-check reports the failing input with this message.
 */
function ensure(condition: boolean, what: string, actual?: unknown): asserts condition {
	if (!condition) throw new Error(actual === undefined ? what : `${what}; got ${inspect(actual, {depth: 4, maxStringLength: 200})}`);
}

// ---- generators ------------------------------------------------------------------------------

/** Pieces that matter to the parsers: quotes, separators, parameter names, CR/LF, NUL, BOM, lone surrogates. */
const fragments = [
	'keyid', 'keyId', 'kid', 'algorithm', 'headers', 'signature', '=', ':', '"', "'", ',', ', ', ';', ' ', '\t', '\r\n', '\n',
	'\u0000', '\uFEFF', '\u200B', '\uD800', '\uDFFF', '\uFFFD', 'é', '😀', 'HmacSHA256', 'host date request-target digest v-c-merchant-id',
	sampleCreds.keyId, 'Bearer ', 'eyJ', '.', '{', '}', '[', ']', '\\', '%00', '../', '?', '#', '/pts/v2/payments', '/tss/v2/transactions/',
];

const hostileText = fc.oneof(
	{weight: 4, arbitrary: fc.string({unit: 'binary', maxLength: 120})},
	{weight: 2, arbitrary: fc.string({unit: 'grapheme', maxLength: 60})},
	{weight: 4, arbitrary: fc.string({unit: fc.constantFrom(...fragments), maxLength: 30})},
	// Long repeats, with or without a separator: long runs of letters and hyphens once made the
	// Signature parser quadratic.
	{weight: 1, arbitrary: fc.tuple(fc.constantFrom(...fragments), fc.constantFrom('', ' ', '"', ',', '=', '\u0000', '😀', '%', '-'), fc.integer({min: 500, max: 5000})).map(([piece, separator, count]) => `${piece}${separator}`.repeat(count))},
);

const anyBytes = fc.oneof(
	{weight: 20, arbitrary: fc.uint8Array({maxLength: 512})},
	{weight: 10, arbitrary: hostileText.map((text) => encoder.encode(text))},
	{weight: 1, arbitrary: fc.tuple(fc.integer({min: 0, max: 255}), fc.integer({min: 50_000, max: 1_100_000})).map(([byte, size]) => new Uint8Array(size).fill(byte))},
);

const methodName = fc.oneof(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'post', 'Get', 'HEAD', 'OPTIONS', 'TRACE', ''), hostileText);
const target = fc.oneof(
	fc.constantFrom('/pts/v2/payments', '/pts/v2/payments/', '/tss/v2/transactions/1234', '/pts/v2/payments/1234/reversals', '*', 'http://x/pts/v2/payments'),
	fc.tuple(fc.constantFrom('/pts/v2/payments/', '/tss/v2/transactions/', '/'), hostileText).map(([prefix, rest]) => `${prefix}${rest}`),
	hostileText,
);
const headerName = fc.oneof(
	fc.constantFrom('signature', 'authorization', 'host', 'date', 'digest', 'v-c-merchant-id', 'content-type', 'content-length'),
	fc.string({unit: 'binary-ascii', maxLength: 20}),
);
const headerValue = fc.oneof(hostileText, fc.array(hostileText, {minLength: 1, maxLength: 3}));
const headers = fc.dictionary(headerName, headerValue, {maxKeys: 8});

const randomRequest = fc.record({method: methodName, target, headers, body: anyBytes});

const base64Of = (length: number) => fc.uint8Array({minLength: length, maxLength: length}).map((bytes) => Buffer.from(bytes).toString('base64'));
const base64urlJson = fc.jsonValue({maxDepth: 3}).map((value) => Buffer.from(JSON.stringify(value) ?? 'null').toString('base64url'));

/** A request that is right in every respect except, possibly, the signature. */
function wellFormedPost(body: Uint8Array, signatureHeader: string): ReceivedRequest {
	return {
		method: 'POST',
		target: '/pts/v2/payments',
		headers: {
			host,
			date: new Date(nowMs).toUTCString(),
			digest: digestHeader(body),
			'v-c-merchant-id': sampleCreds.merchantId,
			signature: signatureHeader,
			'content-type': 'application/json',
		},
		body,
	};
}

const validPaymentJson = fc
	.record({
		amount: fc.tuple(fc.integer({min: 1, max: 999_999}), fc.constantFrom('', '.5', '.05', '.99', '.10')).map(([whole, fraction]) => `${whole}${fraction}`),
		currency: fc.constantFrom('USD', 'eur', 'GBP', 'Jpy'),
		country: fc.constantFrom('US', 'CA', 'GB', 'de'),
		card: fc.constantFrom('4111111111111111', '5555555555554444', '378282246310005', '6011111111111117'),
		month: fc.constantFrom('1', '01', '9', '12'),
		code: fc.option(fc.string({unit: 'grapheme-ascii', minLength: 1, maxLength: 50}), {nil: undefined}),
		capture: fc.constantFrom(undefined, true, false, 'true', 'false'),
		name: fc.string({unit: 'grapheme', minLength: 1, maxLength: 20}).filter((name) => name.trim() !== '' && name.length <= 60),
	})
	.map(({amount, currency, country, card, month, code, capture, name}) => ({
		...(code === undefined ? {} : {clientReferenceInformation: {code}}),
		...(capture === undefined ? {} : {processingInformation: {capture}}),
		paymentInformation: {card: {number: card, expirationMonth: month, expirationYear: '2031'}},
		orderInformation: {
			amountDetails: {totalAmount: amount, currency},
			billTo: {
				firstName: name,
				lastName: 'Doe',
				address1: '1 Market St',
				locality: 'san francisco',
				administrativeArea: 'CA',
				postalCode: '94105',
				country,
				email: 'test@cybs.com',
			},
		},
	}));

const paymentFields = [
	'paymentInformation.card.number',
	'paymentInformation.card.expirationMonth',
	'paymentInformation.card.expirationYear',
	'orderInformation.amountDetails.totalAmount',
	'orderInformation.amountDetails.currency',
	'orderInformation.billTo.firstName',
	'orderInformation.billTo.lastName',
	'orderInformation.billTo.address1',
	'orderInformation.billTo.locality',
	'orderInformation.billTo.country',
	'orderInformation.billTo.email',
	'orderInformation.billTo.administrativeArea',
	'orderInformation.billTo.postalCode',
	'clientReferenceInformation.code',
	'processingInformation.capture',
];

/** A copy of `root` with the value at the dotted `path` replaced (objects on the way are created). */
function withValueAt(root: unknown, path: string, value: unknown): unknown {
	const copy: unknown = structuredClone(root);
	let current: unknown = copy;
	const parts = path.split('.');
	for (const [index, part] of parts.entries()) {
		if (typeof current !== 'object' || current === null) return copy;
		if (index === parts.length - 1) Reflect.set(current, part, value);
		else {
			const next: unknown = Reflect.get(current, part);
			if (typeof next !== 'object' || next === null) Reflect.set(current, part, {});
			current = Reflect.get(current, part);
		}
	}

	return copy;
}

function expectSensibleValidation(value: unknown): void {
	const result = validatePayment(value);
	if (result.ok) {
		const {payment} = result;
		ensure(/^\d{12,19}$/.test(payment.card.number), 'card number of 12-19 digits', payment);
		ensure(/^(?:0[1-9]|1[0-2])$/.test(payment.card.expirationMonth), 'expiration month 01-12', payment);
		ensure(/^\d{4}$/.test(payment.card.expirationYear), 'expiration year of 4 digits', payment);
		ensure(/^(?:0|[1-9]\d*)\.\d{2}$/.test(payment.amount) && Number(payment.amount) > 0, 'a positive amount with 2 decimals', payment);
		ensure(/^[A-Z]{3}$/.test(payment.currency), 'a 3-letter upper-case currency', payment);
	} else {
		ensure(result.details.length > 0, 'a refusal names at least one field', result);
		ensure(result.details.every((detail) => paymentFields.includes(detail.field)), 'only payment fields are named', result);
		const reason = result.details.some((detail) => detail.reason === 'MISSING_FIELD') ? 'MISSING_FIELD' : 'INVALID_DATA';
		ensure(result.reason === reason, `reason ${reason}`, result);
	}
}

// ---- parseSignatureHeader ----------------------------------------------------------------------

describe('parseSignatureHeader', () => {
	test('any text: never throws; a success is exactly the canonical form, a failure says why', () => {
		fc.assert(
			fc.property(hostileText, (text) => {
				const result = parseSignatureHeader(text);
				if (result.ok) {
					const {keyId, algorithm, headers: list, signature} = result.value;
					const canonical = `keyid="${keyId}", algorithm="${algorithm}", headers="${list}", signature="${signature}"`;
					ensure(canonical === text, 'a parsed header is exactly its canonical form', result.value);
				} else {
					ensure(result.reason.startsWith('the Signature header '), 'a reason about the Signature header', result.reason);
				}
			}),
			{numRuns},
		);
	});

	const parameter = fc.record({
		name: fc.constantFrom('keyid', 'algorithm', 'headers', 'signature', 'kid', 'KeyId', 'realm'),
		assign: fc.constantFrom('=', '=', '=', ':', ' = '),
		quote: fc.constantFrom('"', '"', '"', "'", ''),
		value: fc.oneof(fc.string({unit: 'grapheme-ascii', maxLength: 20}), hostileText),
	});

	test('assembled parameters: accepted exactly when canonical (order, quoting, ", "), with the values sent', () => {
		fc.assert(
			fc.property(fc.array(parameter, {minLength: 0, maxLength: 6}), fc.constantFrom(', ', ', ', ',', ' ', '; ', ',  '), (parameters, separator) => {
				const text = parameters.map((p) => `${p.name}${p.assign}${p.quote}${p.value}${p.quote}`).join(separator);
				const result = parseSignatureHeader(text);
				const canonical =
					separator === ', ' &&
					parameters.map((p) => p.name).join(',') === 'keyid,algorithm,headers,signature' &&
					parameters.every((p) => p.assign === '=' && p.quote === '"' && !p.value.includes('"'));
				if (canonical) {
					const value = {keyId: parameters[0]?.value, algorithm: parameters[1]?.value, headers: parameters[2]?.value, signature: parameters[3]?.value};
					ensure(isDeepStrictEqual(result, {ok: true, value}), 'the canonical header is parsed into the values sent', result);
				} else if (!text.includes('"')) {
					ensure(!result.ok, 'a header without double quotes is refused', result);
				}

				if (!result.ok) ensure(result.reason.startsWith('the Signature header '), 'a reason about the Signature header', result.reason);
			}),
			{numRuns},
		);
	});
});

// ---- authenticate ------------------------------------------------------------------------------

describe('authenticate', () => {
	test('random requests (method, target, headers, binary/huge/unicode body): never throws, never authenticates', async () => {
		await fc.assert(
			fc.asyncProperty(randomRequest, async (request) => {
				const result = await authenticate(request, context);
				ensure(!result.ok && result.reason.length > 0, 'refused with a reason', result);
			}),
			{numRuns},
		);
	});

	test('a random Signature for the real key on an otherwise correct request never authenticates', async () => {
		const list = 'host date request-target digest v-c-merchant-id';
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({maxLength: 2048}), fc.oneof(base64Of(32), hostileText), async (body, signature) => {
				const result = await authenticate(wellFormedPost(body, formatSignatureHeader(sampleCreds.keyId, list, signature)), context);
				ensure(!result.ok && /signature/i.test(result.reason), 'refused because of the signature', result);
			}),
			{numRuns},
		);
	});

	test('a random Bearer token naming the real key never authenticates', async () => {
		const header = Buffer.from(JSON.stringify({typ: 'JWT', alg: 'HS256', kid: sampleCreds.keyId})).toString('base64url');
		const token = fc.oneof(
			fc.tuple(base64urlJson, fc.uint8Array({minLength: 32, maxLength: 32})).map(([claims, mac]) => `${header}.${claims}.${Buffer.from(mac).toString('base64url')}`),
			fc.tuple(base64urlJson, base64urlJson, hostileText).map(([first, second, third]) => `${first}.${second}.${third}`),
			hostileText,
		);
		await fc.assert(
			fc.asyncProperty(token, fc.uint8Array({maxLength: 2048}), async (jwt, body) => {
				const request: ReceivedRequest = {method: 'POST', target: '/pts/v2/payments', headers: {host, authorization: `Bearer ${jwt}`}, body};
				const result = await authenticate(request, context);
				ensure(!result.ok, 'refused', result);
			}),
			{numRuns},
		);
	});

	test('control: a correctly signed request authenticates, and one changed body byte makes it fail', async () => {
		await fc.assert(
			fc.asyncProperty(fc.uint8Array({minLength: 1, maxLength: 2048}), fc.nat(), fc.integer({min: 1, max: 255}), async (body, at, flip) => {
				const date = new Date(nowMs).toUTCString();
				const signed = signHttpSignature({method: 'POST', host, path: '/pts/v2/payments', body, date, merchantId: sampleCreds.merchantId, keyId: sampleCreds.keyId, secret: sampleCreds.secret});
				const request = wellFormedPost(body, signed.headers.signature);
				const result = await authenticate(request, context);
				ensure(result.ok && result.scheme === 'http-signature' && result.merchantId === sampleCreds.merchantId, 'authenticated', result);
				const tampered = Uint8Array.from(body);
				const index = at % tampered.length;
				tampered[index] = (tampered[index] ?? 0) ^ flip;
				const refused = await authenticate({...request, body: tampered}, context);
				ensure(!refused.ok && refused.reason.includes('digest'), 'a changed body is refused (digest)', refused);
			}),
			{numRuns},
		);
	});

	test('control: a correctly signed JWT authenticates, and a changed body fails', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({unit: 'binary', maxLength: 200}), async (text) => {
				const body = encoder.encode(text);
				const jwt = await signJwt({method: 'POST', host, path: '/pts/v2/payments', body, merchantId: sampleCreds.merchantId, keyId: sampleCreds.keyId, secret: sampleCreds.secret, iat: Math.floor(nowMs / 1000), jti: 'c0ffee00-0000-4000-8000-000000000000'});
				const request: ReceivedRequest = {method: 'POST', target: '/pts/v2/payments', headers: {host, authorization: jwt.headers.authorization}, body};
				const result = await authenticate(request, context);
				ensure(result.ok && result.scheme === 'jwt', 'authenticated', result);
				const refused = await authenticate({...request, body: encoder.encode(`${text} `)}, context);
				ensure(!refused.ok && refused.reason.includes('digest'), 'a changed body is refused (digest claim)', refused);
			}),
			{numRuns: 2000},
		);
	});
});

// ---- validatePayment ---------------------------------------------------------------------------

describe('validatePayment', () => {
	test('any JSON value or JavaScript value: never throws; sensible result', () => {
		const value = fc.oneof(
			fc.jsonValue({maxDepth: 6}),
			fc.json({maxDepth: 6}).map((text): unknown => JSON.parse(text)),
			fc.anything({maxDepth: 3, maxKeys: 6, withBigInt: true, withMap: true, withSet: true, withNullPrototype: true, withTypedArray: true, withSparseArray: true}),
		);
		fc.assert(
			fc.property(value, (json) => {
				expectSensibleValidation(json);
			}),
			{numRuns},
		);
	});

	test('a valid payment is accepted and normalised; one field replaced by a random value never throws', () => {
		fc.assert(
			fc.property(validPaymentJson, fc.constantFrom(...paymentFields), fc.jsonValue({maxDepth: 2}), (payment, field, replacement) => {
				const accepted = validatePayment(payment);
				ensure(accepted.ok && Number(accepted.payment.amount) === Number(payment.orderInformation.amountDetails.totalAmount), 'accepted with its amount', accepted);
				const mutated = withValueAt(payment, field, replacement);
				expectSensibleValidation(mutated);
				const result = validatePayment(mutated);
				const required = !['clientReferenceInformation.code', 'processingInformation.capture', 'orderInformation.billTo.administrativeArea', 'orderInformation.billTo.postalCode'].includes(field);
				if (required && replacement !== null && typeof replacement !== 'string') {
					ensure(!result.ok && result.details.some((detail) => isDeepStrictEqual(detail, {field, reason: 'INVALID_DATA'})), `${field} INVALID_DATA`, result);
				}
			}),
			{numRuns},
		);
	});
});

// ---- route -------------------------------------------------------------------------------------

describe('route', () => {
	const auth: AuthSuccess = {ok: true, scheme: 'http-signature', keyId: sampleCreds.keyId, merchantId: sampleCreds.merchantId};

	test('random method, target and body: never throws; a CyberSource status with a JSON body', () => {
		const routeContext = {nowMs, searchDelayMs: 0, store: new TransactionStore(), ids: createIdSource()};
		fc.assert(
			fc.property(fc.record({method: methodName, target, body: anyBytes}), (request) => {
				const answer = route({...request, headers: {}}, auth, routeContext);
				ensure([200, 201, 400, 404, 502].includes(answer.status), 'a status CyberSource uses', answer.status);
				ensure(typeof JSON.stringify(answer.body) === 'string' && answer.note.length > 0, 'a JSON body and a note', answer);
				if (answer.status === 201) {
					const json: unknown = JSON.parse(new TextDecoder().decode(request.body));
					ensure(request.method === 'POST' && validatePayment(json).ok, 'only a valid payment POST is created', request.method);
				}
			}),
			{numRuns},
		);
	});

	test('a payment answered 201 is found by its merchant (search delay 0) and by no other merchant', () => {
		const routeContext = {nowMs, searchDelayMs: 0, store: new TransactionStore(), ids: createIdSource()};
		fc.assert(
			fc.property(validPaymentJson, fc.string({unit: 'grapheme-ascii', minLength: 1, maxLength: 30}), (payment, otherMerchant) => {
				const body = encoder.encode(JSON.stringify({...payment, clientReferenceInformation: {code: undefined}}));
				const created = route({method: 'POST', target: '/pts/v2/payments', headers: {}, body}, auth, routeContext);
				// Amount 2000.00 is the SYSTEM_ERROR test trigger: 502, nothing stored.
				const expected = payment.orderInformation.amountDetails.totalAmount === '2000' ? 502 : 201;
				ensure(created.status === expected, `status ${expected}`, created);
				if (created.status === 502) return;
				const id: unknown = Reflect.get(Object(created.body), 'id');
				ensure(typeof id === 'string' && /^\d{22}$/.test(id), 'a 22-digit request ID', id);
				const lookup = {method: 'GET', target: `/tss/v2/transactions/${String(id)}`, headers: {}, body: new Uint8Array()};
				const found = route(lookup, auth, routeContext);
				ensure(found.status === 200, 'found by its merchant', found);
				if (otherMerchant !== auth.merchantId) {
					const foreign = route(lookup, {...auth, merchantId: otherMerchant}, routeContext);
					ensure(foreign.status === 404, 'not found by another merchant', foreign);
				}
			}),
			{numRuns},
		);
	});
});

// ---- the HTTP server ---------------------------------------------------------------------------

describe('the HTTP server with malformed raw requests', () => {
	let simulator: Simulator;
	const log = explainLog();

	beforeAll(async () => {
		simulator = await startSimulator({explain: log.explain});
	});

	afterAll(async () => {
		await simulator?.close();
	});

	/** Writes the bytes, half-closes, and collects everything until the server closes (bounded wait). */
	async function exchange(bytes: Uint8Array): Promise<string> {
		return new Promise((resolve, reject) => {
			const socket = connect(simulator.port, '127.0.0.1');
			const chunks: Buffer[] = [];
			const timer = setTimeout(() => {
				socket.destroy();
				reject(new Error('the server neither answered nor closed the connection within 5 s'));
			}, 5000);
			socket.on('data', (chunk: Buffer) => chunks.push(chunk));
			socket.on('error', () => {
				// A reset is a close.
			});
			socket.on('close', () => {
				clearTimeout(timer);
				resolve(Buffer.concat(chunks).toString('latin1'));
			});
			socket.end(bytes);
		});
	}

	const line = fc.oneof(
		fc.tuple(fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'BREW', 'get', ''), fc.constantFrom(' ', '  ', '\t'), target, fc.constantFrom(' HTTP/1.1', ' HTTP/1.0', ' HTTP/2.0', ' HTTP/1.1 extra', '', ' http/1.1')).map(
			([verb, gap, path, version]) => `${verb}${gap}${path}${version}`,
		),
		hostileText,
	);
	const rawHeader = fc.oneof(
		fc.tuple(headerName, hostileText).map(([name, value]) => `${name}: ${value}`),
		fc.constantFrom(
			'Content-Length: 5',
			'Content-Length: -1',
			'Content-Length: 99999999999999999999',
			'Content-Length: 5\r\nContent-Length: 6',
			'Transfer-Encoding: chunked',
			'Transfer-Encoding: chunked\r\nContent-Length: 3',
			'Expect: 100-continue',
			' folded: continuation',
			'NoColonHere',
			'Host:',
			`X-Big: ${'a'.repeat(20_000)}`,
			`Signature: keyid="${sampleCreds.keyId}", algorithm="HmacSHA256", headers="host date request-target digest v-c-merchant-id", signature="AAAA"`,
			'Authorization: Bearer a.b.c',
			'Connection: close',
			'Connection: keep-alive',
		),
	);
	/** Visible ASCII kept (stray % included), every other UTF-8 byte percent-encoded. */
	const asRequestTarget = (text: string) =>
		[...Buffer.from(text, 'utf8')].map((byte) => (byte > 0x20 && byte < 0x7f && byte !== 0x23 ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, '0')}`)).join('');

	/** Requests node's parser accepts, so they reach authentication and routing with hostile values. */
	const printable = fc.string({unit: fc.integer({min: 0x20, max: 0x7e}).map((code) => String.fromCharCode(code)), maxLength: 200});
	const parseable = fc
		.tuple(
			fc.constantFrom('POST', 'GET', 'PUT', 'DELETE', 'PATCH'),
			fc.oneof(target, printable).map((path) => `/${asRequestTarget(path.replace(/^\/+/, ''))}`),
			fc.dictionary(fc.constantFrom('signature', 'authorization', 'date', 'digest', 'v-c-merchant-id', 'host', 'content-type', 'x-extra'), fc.oneof(printable, fc.constant(`Bearer ${'e'.repeat(40)}.${'f'.repeat(40)}.${'g'.repeat(43)}`)), {maxKeys: 6}),
			anyBytes.filter((bytes) => bytes.length < 70_000),
		)
		.map(([verb, path, fields, body]) => {
			const lines = Object.entries({host: '127.0.0.1', ...fields}).map(([name, value]) => `${name}: ${value.trim()}`);
			return Buffer.concat([Buffer.from(`${verb} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\ncontent-length: ${body.length}\r\n\r\n`, 'latin1'), body]);
		});
	const rawRequest = fc.oneof(
		{weight: 5, arbitrary: parseable},
		{
			weight: 8,
			arbitrary: fc
				.tuple(line, fc.array(rawHeader, {maxLength: 6}), fc.constantFrom('\r\n', '\n', '\r', ''), fc.constantFrom('\r\n\r\n', '\n\n', '\r\n', ''), anyBytes.filter((bytes) => bytes.length < 70_000))
				.map(([requestLine, lines, eol, end, body]) => Buffer.concat([Buffer.from(`${requestLine}${eol}${lines.join(eol)}${end}`, 'utf8'), body])),
		},
		{weight: 2, arbitrary: fc.uint8Array({maxLength: 4096}).map((bytes) => Buffer.from(bytes))},
	);

	test('a few hundred malformed requests: each answered 4xx (after any 100 Continue) or closed; the server stays up', async () => {
		await fc.assert(
			fc.asyncProperty(rawRequest, async (bytes) => {
				const answer = await exchange(bytes);
				const statuses = [...answer.matchAll(/(?:^|\r\n)HTTP\/1\.[01] (\d{3}) /g)].map((match) => Number(match[1]));
				ensure(answer === '' || statuses.length > 0, 'an HTTP answer or a closed connection', answer.slice(0, 120));
				ensure(statuses.every((code) => code === 100 || (code >= 400 && code < 500)), 'only 4xx answers (after 100 Continue)', statuses);
			}),
			{numRuns: 300},
		);

		expect(log.lines.filter((entry) => / → 500/.test(entry))).toEqual([]);
		const healthy = await send(simulator, signedRequest(simulator, sampleCreds));
		expect(healthy.status).toBe(201);
		expect(hostOf(simulator)).toBe(`127.0.0.1:${simulator.port}`);
	}, 60_000);
});
