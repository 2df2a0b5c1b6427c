// The endpoints and their answers: payments, triggers, duplicates, validation, reversals, transaction
// details with the search delay (an injected clock: no sleeping), 404, 413, malformed JSON.
import {randomUUID} from 'node:crypto';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {startSimulator, paymentTriggers, maxBodyBytes, type Simulator} from '../source/simulator/index.js';
import {field, sampleCreds, samplePayment, send as rawSend, signedRequest, jwtRequest, type Creds, type Outgoing, type Received} from './helpers/simulator-helpers.js';

let sim: Simulator;
let now = Date.parse('2026-06-01T12:00:00Z');
const searchDelayMs = 3000;
const responses: Received[] = [];
const otherMerchant: Creds = {
	merchantId: 'testrest_cpctv',
	keyId: '964f2ecc-96f0-4432-a742-db0b44e6a73a',
	secret: 'zXKpCqMQPmOR/JRldSlkQUtvvIzOewUVqsUP0sBHpxQ=',
};

beforeAll(async () => {
	sim = await startSimulator({clock: () => now, searchDelayMs});
});

afterAll(async () => {
	await sim.close();
});

async function send(outgoing: Outgoing): Promise<Received> {
	const response = await rawSend(sim, outgoing);
	responses.push(response);
	return response;
}

/** A request signed at the simulator's (injected) time. */
function signed(options: {method?: string; path?: string; body?: string} = {}, creds: Creds = sampleCreds): Outgoing {
	return signedRequest(sim, creds, {...options, date: new Date(now).toUTCString()});
}

async function pay(body = samplePayment(), creds: Creds = sampleCreds): Promise<Received> {
	return send(signed({body}, creds));
}

async function lookup(id: string, creds: Creds = sampleCreds): Promise<Received> {
	return send(signed({method: 'GET', path: `/tss/v2/transactions/${id}`}, creds));
}

async function reverse(id: string, amount = '50.00', creds: Creds = sampleCreds): Promise<Received> {
	const body = JSON.stringify({clientReferenceInformation: {code: 'REV-1'}, reversalInformation: {amountDetails: {totalAmount: amount}, reason: 'testing'}});
	return send(signed({path: `/pts/v2/payments/${id}/reversals`, body}, creds));
}

function idOf(response: Received): string {
	const id = field(response.json, 'id');
	if (typeof id !== 'string') throw new Error(`no id in ${response.text}`);
	return id;
}

describe('POST /pts/v2/payments', () => {
	test('201 with the shape of a real sandbox authorization', async () => {
		const code = `SHAPE-${randomUUID()}`;
		const response = await pay(samplePayment({code}));
		expect(response.status).toBe(201);
		expect(response.headers['content-type']).toBe('application/hal+json');
		const id = idOf(response);
		expect(id).toMatch(/^\d{22}$/);
		expect(response.json).toMatchObject({
			status: 'AUTHORIZED',
			submitTimeUtc: '2026-06-01T12:00:00Z',
			clientReferenceInformation: {code},
			orderInformation: {amountDetails: {authorizedAmount: '50.00', currency: 'USD'}},
			processorInformation: {approvalCode: '888888', responseCode: '100'},
			_links: {
				self: {method: 'GET', href: `/pts/v2/payments/${id}`},
				authReversal: {method: 'POST', href: `/pts/v2/payments/${id}/reversals`},
				capture: {method: 'POST', href: `/pts/v2/payments/${id}/captures`},
			},
		});
		expect(field(response.json, 'processorInformation.transactionId')).toMatch(/^\d{15}$/);
		expect(field(response.json, 'processorInformation.networkTransactionId')).toMatch(/^\d{15}$/);
		expect(field(response.json, 'reconciliationId')).toMatch(/^[A-Z\d]{16}$/);
		expect(sim.transactions().find((t) => t.id === id)).toMatchObject({status: 'AUTHORIZED', merchantId: 'testrest', amount: '50.00'});
	});

	for (const trigger of paymentTriggers) {
		test(`trigger: ${trigger.when}`, async () => {
			const response = await pay(samplePayment({...(trigger.amount ? {amount: trigger.amount} : {}), ...(trigger.card ? {card: trigger.card} : {})}));
			const {outcome} = trigger;
			if (outcome.kind === 'server-error') {
				expect(response.status).toBe(502);
				expect(response.json).toMatchObject({status: 'SERVER_ERROR', reason: 'SYSTEM_ERROR'});
			} else if (outcome.kind === 'declined') {
				expect(response.status).toBe(201);
				expect(response.json).toMatchObject({status: 'DECLINED', errorInformation: {reason: outcome.reason}});
				expect(field(response.json, '_links.authReversal')).toBeUndefined();
			} else {
				expect(response.status).toBe(201);
				expect(response.json).toMatchObject({status: 'AUTHORIZED_PENDING_REVIEW', errorInformation: {reason: 'AVS_FAILED'}});
			}
		});
	}

	test('an expired card: 201 DECLINED EXPIRED_CARD', async () => {
		const response = await pay(samplePayment({expirationYear: '2025'}));
		expect(response.status).toBe(201);
		expect(response.json).toMatchObject({status: 'DECLINED', errorInformation: {reason: 'EXPIRED_CARD'}});
	});

	test('the same clientReferenceInformation.code within 15 minutes: 400 DUPLICATE_REQUEST; later or another merchant: 201', async () => {
		const code = `DUP-${randomUUID()}`;
		expect((await pay(samplePayment({code}))).status).toBe(201);
		now += 14 * 60 * 1000;
		const duplicate = await pay(samplePayment({code}));
		expect(duplicate.status).toBe(400);
		expect(duplicate.json).toMatchObject({status: 'INVALID_REQUEST', reason: 'DUPLICATE_REQUEST'});
		expect((await pay(samplePayment({code}), otherMerchant)).status).toBe(201);
		now += 61 * 1000;
		expect((await pay(samplePayment({code}))).status).toBe(201);
	});

	test('a missing required field: 400 MISSING_FIELD with details', async () => {
		const body = JSON.parse(samplePayment());
		delete body.paymentInformation.card.number;
		delete body.orderInformation.billTo.email;
		const response = await pay(JSON.stringify(body));
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({
			status: 'INVALID_REQUEST',
			reason: 'MISSING_FIELD',
			message: 'Declined - The request is missing one or more fields',
			details: [
				{field: 'paymentInformation.card.number', reason: 'MISSING_FIELD'},
				{field: 'orderInformation.billTo.email', reason: 'MISSING_FIELD'},
			],
		});
		expect(typeof field(response.json, 'submitTimeUtc')).toBe('string');
	});

	test('malformed values: 400 INVALID_DATA with details', async () => {
		const body = JSON.parse(samplePayment());
		body.paymentInformation.card.expirationMonth = '13';
		body.orderInformation.amountDetails.totalAmount = 'fifty';
		const response = await pay(JSON.stringify(body));
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({
			reason: 'INVALID_DATA',
			details: [
				{field: 'paymentInformation.card.expirationMonth', reason: 'INVALID_DATA'},
				{field: 'orderInformation.amountDetails.totalAmount', reason: 'INVALID_DATA'},
			],
		});
	});

	test('malformed JSON: 400', async () => {
		const response = await pay('{"clientReferenceInformation":');
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({status: 'INVALID_REQUEST', reason: 'INVALID_DATA'});
	});

	test('a body over 1 MB: 413', async () => {
		const body = JSON.stringify({padding: 'x'.repeat(maxBodyBytes)});
		const response = await pay(body);
		expect(response.status).toBe(413);
	});

	test('JWT-authenticated payments work the same', async () => {
		const response = await send(await jwtRequest(sim, sampleCreds, {iat: Math.floor(now / 1000)}));
		expect(response.status).toBe(201);
	});
});

describe('POST /pts/v2/payments/{id}/reversals', () => {
	test('201 REVERSED, then AUTH_ALREADY_REVERSED', async () => {
		const id = idOf(await pay());
		const first = await reverse(id);
		expect(first.status).toBe(201);
		expect(first.json).toMatchObject({
			status: 'REVERSED',
			clientReferenceInformation: {code: 'REV-1'},
			reversalAmountDetails: {reversedAmount: '50.00', originalTransactionAmount: '50.00', currency: 'USD'},
			processorInformation: {responseCode: '100'},
		});
		expect(idOf(first)).toMatch(/^\d{22}$/);
		const second = await reverse(id);
		expect(second.status).toBe(400);
		expect(second.json).toMatchObject({status: 'INVALID_REQUEST', reason: 'AUTH_ALREADY_REVERSED'});
	});

	test('an unknown payment: the pts 404 shape', async () => {
		const response = await reverse('1234567890123456789012');
		expect(response.status).toBe(404);
		expect(response.json).toMatchObject({status: '404', errorInformation: {reason: 'NOT_FOUND ', message: 'The requested resource does not exist.'}});
	});

	test("another merchant's payment: 404", async () => {
		const id = idOf(await pay());
		expect((await reverse(id, '50.00', otherMerchant)).status).toBe(404);
	});

	test('a declined payment cannot be reversed: 400 MISSING_AUTH', async () => {
		const id = idOf(await pay(samplePayment({amount: '1500.00'})));
		const response = await reverse(id, '1500.00');
		expect(response.status).toBe(400);
		expect(field(response.json, 'reason')).toBe('MISSING_AUTH');
	});

	test('a reversal without an amount: 400 MISSING_FIELD', async () => {
		const id = idOf(await pay());
		const response = await send(signed({path: `/pts/v2/payments/${id}/reversals`, body: '{"reversalInformation":{"reason":"testing"}}'}));
		expect(response.status).toBe(400);
		expect(response.json).toMatchObject({reason: 'MISSING_FIELD', details: [{field: 'reversalInformation.amountDetails.totalAmount', reason: 'MISSING_FIELD'}]});
	});
});

describe('GET /tss/v2/transactions/{id}', () => {
	test('404 until the search delay has passed, then 200 with ics_auth', async () => {
		const id = idOf(await pay());
		const early = await lookup(id);
		expect(early.status).toBe(404);
		expect(early.json).toEqual({message: 'The requested resource does not exist'});
		now += searchDelayMs - 1;
		expect((await lookup(id)).status).toBe(404);
		now += 1;
		const found = await lookup(id);
		expect(found.status).toBe(200);
		expect(found.json).toMatchObject({
			id,
			merchantId: 'testrest',
			status: 'AUTHORIZED',
			orderInformation: {amountDetails: {totalAmount: '50.00', currency: 'USD'}},
			applicationInformation: {
				applications: [{name: 'ics_auth', status: 'AUTHORIZED', rCode: '1', rFlag: 'SOK', rMessage: 'Request was processed successfully.'}],
			},
			_links: {self: {href: `/tss/v2/transactions/${id}`}},
		});
		expect(field(found.json, 'submitTimeUTC')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	});

	test('after a reversal: ics_auth and ics_auth_reversal', async () => {
		const id = idOf(await pay());
		expect((await reverse(id)).status).toBe(201);
		now += searchDelayMs;
		const found = await lookup(id);
		expect(found.status).toBe(200);
		const applications = field(found.json, 'applicationInformation.applications');
		expect(Array.isArray(applications) ? applications.map((a: unknown) => field(a, 'name')) : []).toEqual(['ics_auth', 'ics_auth_reversal']);
	});

	test('an id that never existed: 404 with good credentials, 401 with bad ones (the no-charge probe)', async () => {
		expect((await lookup('0000000000000000000001')).status).toBe(404);
		const bad = await lookup('0000000000000000000001', {...sampleCreds, secret: otherMerchant.secret});
		expect(bad.status).toBe(401);
		expect(bad.json).toEqual({response: {rmsg: 'Authentication Failed'}});
	});

	test("another merchant's transaction: 404", async () => {
		const id = idOf(await pay());
		now += searchDelayMs;
		expect((await lookup(id)).status).toBe(200);
		expect((await lookup(id, otherMerchant)).status).toBe(404);
	});
});

describe('everything else', () => {
	test('an unknown path: 404', async () => {
		expect((await send(signed({method: 'GET', path: '/pts/v2/unknown'}))).status).toBe(404);
		expect((await send(signed({method: 'GET', path: '/pts/v2/payments'}))).status).toBe(404);
	});

	test('every response carried a v-c-correlation-id (a UUID)', () => {
		expect(responses.length).toBeGreaterThan(30);
		for (const response of responses) {
			expect(response.headers['v-c-correlation-id']).toMatch(/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/);
		}

		expect(new Set(responses.map((r) => r.headers['v-c-correlation-id'])).size).toBe(responses.length);
	});
});
