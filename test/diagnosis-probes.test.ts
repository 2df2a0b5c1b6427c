// The 401 probes against two simulator instances (test and production identities): each probe's
// outcome and the ranked cause it leads to. No probe ever sends a payment.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runKeyTest} from '../source/cybersource/key-test.js';
import type {KeyTestReport} from '../source/cybersource/key-test-types.js';
import {startSimulator, type Simulator} from '../source/simulator/index.js';
import {credentialsOf, productionEnvironment, stageRecorder, testEnvironment, wrongSecret} from './helpers/diagnosis-helpers.js';
import {startRecordingProxy, type RecordingServer} from './helpers/recording-server.js';

let testSim: Simulator;
let productionSim: Simulator;

beforeAll(async () => {
	[testSim, productionSim] = await Promise.all([startSimulator({env: 'test'}), startSimulator({env: 'production'})]);
});

afterAll(async () => {
	await Promise.all([testSim.close(), productionSim.close()]);
});

function probes(report: KeyTestReport) {
	return Object.fromEntries((report.probes ?? []).map((probe) => [probe.name, [probe.outcome, probe.code]]));
}

function causes(report: KeyTestReport) {
	return report.diagnosis.filter((item) => item.kind === 'cause').map((item) => [item.rank, item.code]);
}

describe('401 probes', () => {
	it('wrong secret: the control passes, so it is your key; every probe is listed; the checklist follows', async () => {
		const key = testSim.generateKey({orgId: 'probe_merchant'});
		const stages = stageRecorder();
		const report = await runKeyTest(
			{
				environment: testEnvironment(testSim),
				counterpartEnvironment: productionEnvironment(productionSim),
				credentials: {...credentialsOf(key), secret: wrongSecret},
				auth: 'http-signature',
				mode: 'payment',
				diagnose: true,
			},
			{env: {}, onStage: stages.onStage},
		);
		expect(report.attempts[0]?.code).toBe('AUTHENTICATION_FAILED');
		expect(probes(report)).toEqual({
			'credential-checks': ['passed', 'CREDENTIALS_LOOK_RIGHT'],
			clock: ['passed', 'CLOCK_OK'],
			'environment-swap': ['passed', 'ENVIRONMENT_SWAP_REJECTED'],
			control: ['passed', 'CONTROL_AUTHENTICATES'],
			'get-vs-post': ['passed', 'GET_ALSO_REJECTED'],
			'meta-key': ['skipped', 'META_KEY_SKIPPED'],
		});
		expect(report.probes?.map((probe) => probe.name)).toEqual(['credential-checks', 'clock', 'environment-swap', 'control', 'get-vs-post', 'meta-key']);
		expect(report.probes?.find((probe) => probe.name === 'control')?.message).toContain('the problem is your key pair or organization ID');
		expect(causes(report)).toEqual([
			[1, 'KEY_OR_SECRET_WRONG'],
			[2, 'WRONG_ORGANIZATION'],
		]);
		expect(report.diagnosis.filter((item) => item.kind === 'checklist').map((item) => item.code)).toEqual([
			'CHECK_KEY_ACTIVE',
			'CHECK_KEY_EXPIRY',
			'CHECK_ORGANIZATION',
			'CHECK_SAME_ACCOUNT',
			'CHECK_SECRET_COPIED',
		]);
		const checklist = report.diagnosis.filter((item) => item.kind === 'checklist').map((item) => item.message).join('\n');
		expect(checklist).toContain('Payment Configuration › Key Management');
		expect(checklist).toContain('organization selector');
		expect(checklist).toContain('expire after 3 years');
		expect(report.diagnosis.at(-1)?.code).toBe('HTTP_SIGNATURE_RETIRING');
		expect(report.diagnosis.at(-1)?.message).toContain('March 2027');
		expect(report.diagnosis.at(-1)?.message).toContain('same key ID and shared secret');
		// Probes move no money and never echo the secret.
		expect(testSim.transactions()).toEqual([]);
		expect(productionSim.transactions()).toEqual([]);
		expect(JSON.stringify(report)).not.toContain(wrongSecret);
		expect(JSON.stringify(report)).not.toContain(key.secret);
		expect(stages.events.filter((event) => event.type === 'probe-done')).toHaveLength(6);
	});

	it('a test key used against the production identity: "your key authenticates in test, not in production"', async () => {
		const key = testSim.generateKey({orgId: 'swap_merchant'});
		const report = await runKeyTest(
			{
				environment: productionEnvironment(productionSim),
				counterpartEnvironment: testEnvironment(testSim),
				credentials: credentialsOf(key),
				auth: 'jwt',
				mode: 'probe',
				diagnose: true,
			},
			{env: {}},
		);
		expect(report.attempts[0]?.code).toBe('AUTHENTICATION_FAILED');
		expect(probes(report)).toMatchObject({
			'environment-swap': ['failed', 'ENVIRONMENT_SWAP_AUTHENTICATES'],
			control: ['skipped', 'CONTROL_SKIPPED'],
			'get-vs-post': ['skipped', 'GET_VS_POST_SKIPPED'],
		});
		const [first] = report.diagnosis.filter((item) => item.kind === 'cause');
		expect(first).toMatchObject({rank: 1, code: 'WRONG_ENVIRONMENT'});
		expect(first?.message).toContain('Your key authenticates in test, not in production');
		// The key works somewhere: the "server cannot tell" checklist does not apply.
		expect(report.diagnosis.filter((item) => item.kind === 'checklist')).toEqual([]);
		expect(causes(report).map(([, code]) => code)).not.toContain('KEY_OR_SECRET_WRONG');
		expect(report.diagnosis.map((item) => item.code)).not.toContain('HTTP_SIGNATURE_RETIRING');
		expect(productionSim.transactions()).toEqual([]);
	});

	it('a skewed client clock: the clock probe compares with the Date header and ranks the clock first', async () => {
		const key = testSim.generateKey({orgId: 'clock_merchant'});
		const skewedNow = () => Date.now() + 10 * 60_000;
		const report = await runKeyTest(
			{environment: testEnvironment(testSim), credentials: credentialsOf(key), auth: 'http-signature', mode: 'payment', diagnose: true},
			{env: {}, now: skewedNow},
		);
		expect(report.attempts[0]?.code).toBe('AUTHENTICATION_FAILED');
		expect(report.attempts[0]?.clockSkewSeconds).toBeGreaterThan(590);
		expect(probes(report)).toMatchObject({clock: ['failed', 'CLOCK_SKEW'], control: ['failed', 'CONTROL_REJECTED']});
		expect(report.probes?.find((probe) => probe.name === 'clock')?.message).toMatch(/clock is 10 minutes ahead of the server's Date header/);
		expect(causes(report).slice(0, 2)).toEqual([
			[1, 'CLOCK_OFF'],
			[2, 'NETWORK_OR_MACHINE'],
		]);
	});

	describe('a proxy that rewrites POST bodies (GETs pass untouched)', () => {
		let proxy: RecordingServer;
		beforeAll(async () => {
			// Re-serialises each POST body (same JSON, other bytes), like a middlebox that rewrites bodies.
			proxy = await startRecordingProxy(testSim.url, (body) => Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8')), null, 1)));
		});
		afterAll(async () => {
			await proxy.close();
		});

		it('GET authenticates, POST is rejected: a body/digest problem, the key is right', async () => {
			const key = testSim.generateKey({orgId: 'digest_merchant'});
			const report = await runKeyTest(
				{environment: testEnvironment({url: proxy.baseUrl}), credentials: credentialsOf(key), auth: 'http-signature', mode: 'payment', diagnose: true},
				{env: {}},
			);
			expect(report.attempts[0]?.code).toBe('AUTHENTICATION_FAILED');
			expect(probes(report)).toMatchObject({
				'get-vs-post': ['failed', 'GET_AUTHENTICATES_POST_REJECTED'],
				control: ['passed', 'CONTROL_AUTHENTICATES'],
				'environment-swap': ['skipped', 'ENVIRONMENT_SWAP_SKIPPED'],
			});
			const [first] = report.diagnosis.filter((item) => item.kind === 'cause');
			expect(first).toMatchObject({rank: 1, code: 'BODY_OR_DIGEST_MISMATCH'});
			expect(first?.message).toContain('Your key pair is right');
			expect(causes(report).map(([, code]) => code)).toEqual(['BODY_OR_DIGEST_MISMATCH']);
			expect(proxy.received.filter((request) => request.method === 'POST')).toHaveLength(1);
		});
	});

	it('meta key signed without its portfolio ID: signing with the known portfolio ID works', async () => {
		const key = testSim.generateKey({orgId: 'child_merchant', portfolioId: 'big_portfolio'});
		const report = await runKeyTest(
			{
				environment: testEnvironment(testSim),
				credentials: credentialsOf(key, 'child_merchant'),
				portfolioIdHint: 'big_portfolio',
				auth: 'http-signature',
				mode: 'probe',
				diagnose: true,
			},
			{env: {}},
		);
		expect(report.attempts[0]?.code).toBe('AUTHENTICATION_FAILED');
		expect(probes(report)).toMatchObject({'meta-key': ['failed', 'META_KEY_WORKS_WITH_PORTFOLIO']});
		const [first] = report.diagnosis.filter((item) => item.kind === 'cause');
		expect(first).toMatchObject({rank: 1, code: 'META_KEY_SIGNING_MODE'});
		expect(first?.message).toContain('signed with the portfolio ID big_portfolio: it is a meta key');
	});

	it('an ordinary key given a portfolio ID: signing without it works', async () => {
		const key = testSim.generateKey({orgId: 'plain_merchant'});
		const report = await runKeyTest(
			{
				environment: testEnvironment(testSim),
				credentials: {...credentialsOf(key), portfolioId: 'some_portfolio'},
				auth: 'jwt',
				mode: 'probe',
				diagnose: true,
			},
			{env: {}},
		);
		expect(report.attempts[0]?.code).toBe('AUTHENTICATION_FAILED');
		expect(probes(report)).toMatchObject({'meta-key': ['failed', 'META_KEY_WORKS_WITHOUT_PORTFOLIO']});
		expect(report.diagnosis.find((item) => item.kind === 'cause')?.message).toContain('not a meta key. Leave the portfolio ID empty.');
	});

	it('swapped key ID and secret: the credential checks name it first', async () => {
		const key = testSim.generateKey({orgId: 'swapped_merchant'});
		const report = await runKeyTest(
			{
				environment: testEnvironment(testSim),
				credentials: {orgId: 'swapped_merchant', keyId: key.secret, secret: key.keyId},
				auth: 'http-signature',
				mode: 'probe',
				diagnose: true,
			},
			{env: {}},
		);
		expect(probes(report)['credential-checks']).toEqual(['failed', 'CREDENTIALS_PROBLEM']);
		expect(causes(report)[0]).toEqual([1, 'KEY_ID_AND_SECRET_SWAPPED']);
		expect(JSON.stringify(report)).not.toContain(key.secret);
	});

	it('without diagnose: no probes, and the diagnosis is the plain failure list (as before)', async () => {
		const key = testSim.generateKey({orgId: 'plain_merchant'});
		const report = await runKeyTest(
			{environment: testEnvironment(testSim), credentials: {...credentialsOf(key), secret: wrongSecret}, auth: 'http-signature', mode: 'probe'},
			{env: {}},
		);
		expect(report.probes).toBeUndefined();
		expect(report.diagnosis).toEqual([{code: 'AUTHENTICATION_FAILED', message: report.attempts[0]?.message}]);
	});
});
