// Production safety: the no-charge probe by default, no payment without explicit confirmation, a
// confirmed charge reversed at once, a failed reversal surfaced with the void steps, and a payment
// that got no answer never retried. Simulator instances with production and test identities.
import {afterEach, describe, expect, it} from 'vitest';
import {runKeyTest} from '../source/cybersource/key-test.js';
import {chargeBody, productionChargeAmount} from '../source/cybersource/production-charge.js';
import {startSimulator, type Simulator, type SimulatorOptions} from '../source/simulator/index.js';
import {credentialsOf, explainLines, fakeClock, productionEnvironment, stageRecorder, testEnvironment} from './helpers/diagnosis-helpers.js';

const simulators: Simulator[] = [];

afterEach(async () => {
	await Promise.all(simulators.splice(0).map(async (simulator) => simulator.close()));
});

async function simulator(options: SimulatorOptions) {
	const log = explainLines();
	const started = await startSimulator({...options, explain: log.explain});
	simulators.push(started);
	return {sim: started, log};
}

describe('production: nothing moves without confirmation', () => {
	it('the default no-charge probe sends no payment: 404 proves the key', async () => {
		const {sim, log} = await simulator({env: 'production'});
		const key = sim.generateKey({orgId: 'live_merchant'});
		const report = await runKeyTest({environment: productionEnvironment(sim), credentials: credentialsOf(key), auth: 'both', mode: 'probe'}, {env: {}});
		expect(report.ok).toBe(true);
		expect(report.attempts.map((attempt) => attempt.code)).toEqual(['PROBE_OK', 'PROBE_OK']);
		expect(report.attempts[0]?.message).toContain('no payment was sent');
		expect(sim.transactions()).toEqual([]);
		expect(log.requests('POST')).toEqual([]);
		expect(report.charge).toBeUndefined();
	});

	it.each([undefined, false])('a production payment with productionChargeConfirmed %s is refused by the engine: nothing is sent', async (confirmed) => {
		const {sim, log} = await simulator({env: 'production'});
		const key = sim.generateKey({orgId: 'live_merchant'});
		const report = await runKeyTest(
			{
				environment: productionEnvironment(sim),
				credentials: credentialsOf(key),
				auth: 'both',
				mode: 'payment',
				...(confirmed === undefined ? {} : {productionChargeConfirmed: confirmed}),
			},
			{env: {}},
		);
		expect(report.ok).toBe(false);
		expect(report.attempts.map((attempt) => [attempt.code, attempt.outcome])).toEqual([
			['PRODUCTION_CHARGE_NOT_CONFIRMED', 'no-verdict'],
			['PRODUCTION_CHARGE_NOT_CONFIRMED', 'no-verdict'],
		]);
		expect(report.attempts[0]?.message).toMatch(/^Nothing was sent: a payment in Production .* moves real money/);
		expect(report.diagnosis.map((item) => item.code)).toEqual(['PRODUCTION_CHARGE_NOT_CONFIRMED']);
		expect(log.lines).toEqual([]);
		expect(sim.transactions()).toEqual([]);
	});
});

describe('production: a confirmed charge is reversed at once', () => {
	it('one 1.00 authorization (the other method uses the probe), reversed; the lookup shows ics_auth_reversal', async () => {
		const clock = fakeClock();
		const {sim, log} = await simulator({env: 'production', clock: clock.now, searchDelayMs: 0});
		const key = sim.generateKey({orgId: 'live_merchant'});
		const stages = stageRecorder();
		const report = await runKeyTest(
			{
				environment: productionEnvironment(sim),
				credentials: credentialsOf(key),
				auth: 'both',
				mode: 'payment',
				productionChargeConfirmed: true,
				lookupTimeoutMs: 60_000,
			},
			{env: {}, now: clock.now, sleep: clock.sleep, onStage: stages.onStage},
		);
		expect(report.ok).toBe(true);
		expect(report.charge).toEqual({amount: '1.00', currency: 'USD'});
		expect(report.attempts.map((attempt) => [attempt.auth, attempt.endpoint.split(' ')[0], attempt.code])).toEqual([
			['http-signature', 'POST', 'OK'],
			['jwt', 'GET', 'PROBE_OK'],
		]);
		expect(log.requests('POST /pts/v2/payments')).toHaveLength(2); // the payment and its reversal
		const paymentId = report.attempts[0]?.requestId ?? 'missing';
		const [payment, reversal, ...rest] = sim.transactions();
		expect(rest).toEqual([]);
		expect(payment).toMatchObject({id: paymentId, kind: 'payment', amount: '1.00', currency: 'USD', merchantId: 'live_merchant'});
		expect(reversal).toMatchObject({kind: 'reversal', status: 'REVERSED', amount: '1.00', relatedId: paymentId});
		expect(payment?.relatedId).toBe(reversal?.id);

		expect(report.reversal).toBe(report.attempts[0]?.reversal);
		expect(report.reversal).toMatchObject({
			status: 'reversed',
			code: 'REVERSAL_OK',
			httpStatus: 201,
			requestId: reversal?.id,
			paymentRequestId: paymentId,
			amount: '1.00',
			currency: 'USD',
		});
		expect(report.reversal?.message).toContain('reversed automatically');
		expect(stages.events.filter((event) => event.type.startsWith('reversal')).map((event) => event.type)).toEqual(['reversal-start', 'reversal-done']);

		// What Business Center shows afterwards: the authorization and its reversal.
		expect(report.lookup?.status).toBe('found');
		expect(report.lookup?.transaction?.status).toBe('REVERSED');
		expect(report.lookup?.transaction?.applications.map((application) => [application.name, application.status])).toEqual([
			['ics_auth', 'AUTHORIZED'],
			['ics_auth_reversal', 'REVERSED'],
		]);
	});

	it('a failed reversal is reported prominently with the request ID and how to void it in Business Center', async () => {
		const {sim} = await simulator({env: 'production'});
		const key = sim.generateKey({orgId: 'live_merchant'});
		const report = await runKeyTest(
			{environment: productionEnvironment(sim), credentials: credentialsOf(key), auth: 'jwt', mode: 'payment', productionChargeConfirmed: true},
			{
				env: {},
				onStage(event) {
					// The payment went through; CyberSource fails the reversal.
					if (event.type === 'reversal-start') sim.setFaults({status502: true});
				},
			},
		);
		const paymentId = report.attempts[0]?.requestId ?? 'missing';
		expect(report.attempts[0]?.code).toBe('OK');
		expect(report.ok).toBe(false);
		expect(report.reversal).toMatchObject({status: 'failed', code: 'REVERSAL_FAILED', httpStatus: 502, paymentRequestId: paymentId});
		expect(report.reversal?.message).toContain('THE AUTOMATIC REVERSAL FAILED');
		expect(report.reversal?.message).toContain(`request ID ${paymentId}`);
		const steps = report.reversal?.voidSteps?.join('\n') ?? '';
		expect(steps).toContain('https://businesscenter.cybersource.com');
		expect(steps).toContain(`Transaction Management › Transactions and search by Request ID ${paymentId}`);
		expect(steps).toContain('Void / Reverse');
		// First in the diagnosis, so no front end can miss it.
		expect(report.diagnosis[0]).toMatchObject({code: 'REVERSAL_FAILED', severity: 'error'});
		expect(report.diagnosis[0]?.steps).toEqual(report.reversal?.voidSteps);
		expect(sim.transactions().map((transaction) => transaction.kind)).toEqual(['payment']);
	});

	it('a second reversal of the same payment is refused (AUTH_ALREADY_REVERSED) and surfaced the same way', async () => {
		const {sim} = await simulator({env: 'production'});
		const key = sim.generateKey({orgId: 'live_merchant'});
		const {createCyberSourceClient} = await import('../source/cybersource/client.js');
		const {reverseAuthorization} = await import('../source/cybersource/production-charge.js');
		const report = await runKeyTest(
			{environment: productionEnvironment(sim), credentials: credentialsOf(key), auth: 'http-signature', mode: 'payment', productionChargeConfirmed: true},
			{env: {}},
		);
		const paymentId = report.attempts[0]?.requestId ?? 'missing';
		const client = createCyberSourceClient({environment: productionEnvironment(sim), credentials: credentialsOf(key), auth: 'http-signature', env: {}});
		try {
			const again = await reverseAuthorization({
				environment: productionEnvironment(sim),
				merchantId: 'live_merchant',
				paymentRequestId: paymentId,
				amount: '1.00',
				currency: 'USD',
				code: 'second-reversal',
				reversePayment: client.reversePayment,
			});
			expect(again).toMatchObject({status: 'failed', code: 'REVERSAL_FAILED', httpStatus: 400});
			expect(again.message).toContain('AUTH_ALREADY_REVERSED');
			expect(again.voidSteps?.length).toBe(4);
		} finally {
			await client.close();
		}
	});

	it('a declined production charge needs no reversal', async () => {
		const {sim, log} = await simulator({env: 'production'});
		const key = sim.generateKey({orgId: 'live_merchant'});
		const report = await runKeyTest(
			{
				environment: productionEnvironment(sim),
				credentials: credentialsOf(key),
				auth: 'http-signature',
				mode: 'payment',
				productionChargeConfirmed: true,
				card: {number: '4242 3482 9384 83873', expirationMonth: '12', expirationYear: '2031'},
			},
			{env: {}},
		);
		expect(report.attempts[0]).toMatchObject({code: 'PAYMENT_DECLINED', paymentStatus: 'DECLINED'});
		expect(report.reversal).toMatchObject({status: 'not-attempted', code: 'REVERSAL_NOT_NEEDED'});
		expect(log.requests('POST')).toHaveLength(1);
	});
});

describe('a payment that gets no answer is never retried', () => {
	it('hang + short timeout: exactly one payment request arrived, not repeated by the second method; the report says it may have gone through', async () => {
		const {sim, log} = await simulator({env: 'test', faults: {hang: true}});
		const key = sim.generateKey({orgId: 'test_merchant'});
		const report = await runKeyTest(
			{environment: testEnvironment(sim), credentials: credentialsOf(key), auth: 'both', mode: 'payment', diagnose: true},
			{env: {}, timeouts: {headersMs: 300}},
		);
		expect(log.requests('POST /pts/v2/payments')).toHaveLength(1);
		expect(log.lines).toHaveLength(1);
		expect(report.ok).toBe(false);
		expect(report.attempts).toHaveLength(1);
		expect(report.attempts[0]).toMatchObject({code: 'TIMEOUT', mayHaveBeenProcessed: true});
		expect(report.attempts[0]?.message).toContain('It may have gone through');
		expect(report.paymentMayHaveGoneThrough).toMatchObject({auth: 'http-signature', code: 'PAYMENT_MAY_HAVE_GONE_THROUGH'});
		expect(report.paymentMayHaveGoneThrough?.message).toContain('it may have gone through. Look up the request in Business Center before trying again.');
		expect(report.paymentMayHaveGoneThrough?.steps.join('\n')).toContain('Transaction Management › Transactions');
		expect(report.diagnosis[0]?.code).toBe('PAYMENT_MAY_HAVE_GONE_THROUGH');
	});

	it('a confirmed production charge cut off mid-answer (reset): one payment, no retry, no reversal possible', async () => {
		const {sim, log} = await simulator({env: 'production', faults: {reset: true}});
		const key = sim.generateKey({orgId: 'live_merchant'});
		const report = await runKeyTest(
			{environment: productionEnvironment(sim), credentials: credentialsOf(key), auth: 'both', mode: 'payment', productionChargeConfirmed: true},
			{env: {}},
		);
		expect(log.requests('POST')).toHaveLength(1);
		// The simulator processed it before the connection was cut: exactly what "may have gone through" means.
		expect(sim.transactions().map((transaction) => transaction.kind)).toEqual(['payment']);
		expect(report.attempts.map((attempt) => attempt.code)).toEqual(['CONNECTION_RESET']);
		expect(report.attempts[0]?.mayHaveBeenProcessed).toBe(true);
		expect(report.reversal).toMatchObject({status: 'not-attempted', code: 'REVERSAL_NOT_POSSIBLE'});
		expect(report.reversal?.message).toContain('It may have gone through');
		expect(report.paymentMayHaveGoneThrough?.code).toBe('PAYMENT_MAY_HAVE_GONE_THROUGH');
	});
});

describe('chargeBody', () => {
	it('uses the smallest sensible amount and the given card, spaces removed', () => {
		expect(productionChargeAmount).toBe('1.00');
		const body = chargeBody({code: 'c', amount: productionChargeAmount, currency: 'EUR', card: {number: '4111 1111-1111 1111', expirationMonth: '01', expirationYear: '2030'}});
		expect(body.orderInformation.amountDetails).toEqual({totalAmount: '1.00', currency: 'EUR'});
		expect(body.paymentInformation.card).toEqual({number: '4111111111111111', expirationMonth: '01', expirationYear: '2030'});
		const withCvv = chargeBody({code: 'c', amount: productionChargeAmount, currency: 'USD', card: {number: '5555555555554444', expirationMonth: '08', expirationYear: '2029', securityCode: '737'}});
		expect(withCvv.paymentInformation.card.securityCode).toBe('737');
	});
});
