/** The one plan of a key test: the request both the wizard and check send, from the same inputs. */
import {describe, expect, test} from 'vitest';
import {environment, withBaseUrl} from '../source/cybersource/environments.js';
import type {PaymentCard} from '../source/cybersource/key-test-types.js';
import {wizardSide} from '../source/hooks/use-key-test-run.js';
import {baseUrlOverrideOf, counterpartOf, planKeyTest, type KeyTestPlanInput} from '../source/session/plan.js';

const credentials = {orgId: 'plan_merchant', keyId: '08c94330-f618-42a3-b09d-e1e43be5efda', secret: 'not-a-real-secret'};
const card: PaymentCard = {number: '5555555555554444', expirationMonth: '12', expirationYear: '2031', securityCode: '737'};
const local = new URL('http://127.0.0.1:4000');
const localTwin = new URL('http://127.0.0.1:4001');

function input(overrides: Partial<KeyTestPlanInput> = {}): KeyTestPlanInput {
	return {side: 'test', environment: environment('test'), credentials, auth: 'both', charge: false, lookupTimeoutMs: 60_000, ...overrides};
}

describe('planKeyTest: mode, charge and card', () => {
	test('test: a test payment with the lookup and the probes; the counterpart is real production', () => {
		const {request, counterpartSkipped} = planKeyTest(input());
		expect(request).toEqual({
			environment: environment('test'),
			credentials,
			auth: 'both',
			mode: 'payment',
			lookupTimeoutMs: 60_000,
			diagnose: true,
			counterpartEnvironment: environment('production'),
		});
		expect(counterpartSkipped).toBeUndefined();
	});

	test('test with a charge asked for and a card: still the test payment, never confirmed as a production charge, never on the card', () => {
		const {request} = planKeyTest(input({charge: true, card}));
		expect(request.mode).toBe('payment');
		expect(request.productionChargeConfirmed).toBeUndefined();
		expect(request.card).toBeUndefined();
	});

	test('production without a charge: the no-charge probe, no lookup, no card even when one was given', () => {
		const {request} = planKeyTest(input({side: 'production', environment: environment('production'), card}));
		expect(request).toMatchObject({mode: 'probe', diagnose: true, counterpartEnvironment: environment('test')});
		expect(request.productionChargeConfirmed).toBeUndefined();
		expect(request.lookupTimeoutMs).toBeUndefined();
		expect(request.card).toBeUndefined();
	});

	test('production with a confirmed charge: the payment, confirmed, on the card given; the sample card when none was', () => {
		const charged = planKeyTest(input({side: 'production', environment: environment('production'), charge: true, card})).request;
		expect(charged).toMatchObject({mode: 'payment', productionChargeConfirmed: true, card, lookupTimeoutMs: 60_000});
		const sample = planKeyTest(input({side: 'production', environment: environment('production'), charge: true})).request;
		expect(sample).toMatchObject({mode: 'payment', productionChargeConfirmed: true});
		expect(sample.card).toBeUndefined();
	});

	test('india is production too: the probe; its counterpart is test', () => {
		const {request} = planKeyTest(input({side: 'india', environment: environment('india')}));
		expect(request.mode).toBe('probe');
		expect(request.counterpartEnvironment).toEqual(environment('test'));
	});

	test('lookup 0 (skipped) is passed on: the engine reports LOOKUP_SKIPPED', () => {
		expect(planKeyTest(input({lookupTimeoutMs: 0})).request.lookupTimeoutMs).toBe(0);
	});
});

describe('the counterpart rule', () => {
	test('a real environment: its counterpart\'s real host', () => {
		expect(counterpartOf({side: 'test'})).toEqual(environment('production'));
		expect(counterpartOf({side: 'production'})).toEqual(environment('test'));
		expect(counterpartOf({side: 'visa-test'})).toEqual(environment('visa-production'));
	});

	test('a custom base URL alone: none (its twin is unknown), and the plan says why', () => {
		expect(counterpartOf({side: 'test', baseUrl: local})).toBeUndefined();
		expect(planKeyTest(input({baseUrl: local, environment: withBaseUrl(environment('test'), local)})).counterpartSkipped).toBe('base-url');
	});

	test('the simulator: none (no production twin), and the plan says why', () => {
		expect(counterpartOf({side: 'simulator'})).toBeUndefined();
		const plan = planKeyTest(input({side: 'simulator', environment: withBaseUrl(environment('test'), local)}));
		expect(plan.request.counterpartEnvironment).toBeUndefined();
		expect(plan.counterpartSkipped).toBe('simulator');
		expect(plan.request.mode).toBe('payment');
	});

	test('a counterpart URL wins: the other side\'s identity, requests to that URL', () => {
		expect(counterpartOf({side: 'simulator', counterpartBaseUrl: localTwin})).toEqual(withBaseUrl(environment('production'), localTwin));
		expect(counterpartOf({side: 'production', baseUrl: local, counterpartBaseUrl: localTwin})).toEqual(withBaseUrl(environment('test'), localTwin));
		const plan = planKeyTest(input({side: 'simulator', counterpartBaseUrl: localTwin}));
		expect(plan.counterpartSkipped).toBeUndefined();
		expect(plan.request.counterpartEnvironment).toMatchObject({kind: 'production', baseUrl: localTwin.origin});
	});

	test('baseUrlOverrideOf: the URL an environment was pointed at; none for a real host', () => {
		expect(baseUrlOverrideOf(environment('test'))).toBeUndefined();
		expect(baseUrlOverrideOf(withBaseUrl(environment('test'), local))?.origin).toBe(local.origin);
	});
});

describe('the wizard\'s side', () => {
	const real = {test: environment('test'), production: environment('production')};
	const simulators = {test: withBaseUrl(environment('test'), local), production: withBaseUrl(environment('production'), localTwin)};

	test('real hosts: the mode alone, so the counterpart is the other real host', () => {
		expect(wizardSide('test', real.test, real)).toEqual({side: 'test'});
		expect(counterpartOf(wizardSide('production', real.production, real))).toEqual(environment('test'));
	});

	test('pointed at simulators: the other environment is the counterpart, exactly as the services hold it', () => {
		expect(counterpartOf(wizardSide('test', simulators.test, simulators))).toEqual(simulators.production);
		expect(counterpartOf(wizardSide('production', simulators.production, simulators))).toEqual(simulators.test);
	});

	test('Practice is the simulator: no counterpart', () => {
		const practice = withBaseUrl(environment('test'), local, 'Practice: offline simulator');
		expect(wizardSide('practice', practice, simulators)).toEqual({side: 'simulator', baseUrl: new URL(local.origin)});
		expect(counterpartOf(wizardSide('practice', practice, simulators))).toBeUndefined();
	});
});
