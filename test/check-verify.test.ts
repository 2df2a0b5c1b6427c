/**
 * Issue 6 through `check` (human and --json), in-process against real simulators (loopback, port 0):
 * the automatic transaction lookup, production safety (no-charge probe, --charge with its reversal,
 * a failed reversal), the ranked 401 diagnosis with its probes (two simulator instances for the
 * environment swap), a payment that may have gone through, and the other failure codes. The lookup's
 * wait is injected (createCheckMain({sleep})), so nothing really waits.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {createCheckMain, main as realMain, simulatorHasNoCounterpart} from '../source/commands/check/index.js';
import {counterpartOf} from '../source/session/plan.js';
import {environment} from '../source/cybersource/environments.js';
import type {ProfileEnvironment} from '../source/profiles/profile.js';
import {defaultSimulatorKeysFile} from '../source/config-dir.js';
import {startSimulator, type KeyRecord, type Simulator, type SimulatorOptions} from '../source/simulator/index.js';
import {fakeIo, temporaryDirectory, type FakeIo} from './helpers/check-io.js';

/** The lookup's waits, recorded instead of slept. */
let waits: number[] = [];
const main = createCheckMain({
	async sleep(ms) {
		waits.push(ms);
	},
});

let testSim: Simulator;
let productionSim: Simulator;
let explained: string[] = [];
let productionExplained: string[] = [];
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
const secrets = new Set<string>();
const extraSimulators: Simulator[] = [];

beforeAll(async () => {
	[testSim, productionSim] = await Promise.all([
		startSimulator({env: 'test', searchDelayMs: 0, explain: line => explained.push(line)}),
		startSimulator({env: 'production', searchDelayMs: 0, explain: line => productionExplained.push(line)}),
	]);
});

afterAll(async () => {
	await Promise.all([testSim.close(), productionSim.close()]);
});

beforeEach(async () => {
	waits = [];
	explained = [];
	productionExplained = [];
	testSim.setFaults({});
	productionSim.setFaults({});
	({dir, cleanup} = await temporaryDirectory('check-verify-'));
});

afterEach(async () => {
	await Promise.all(extraSimulators.splice(0).map(async simulator => simulator.close()));
	await cleanup();
});

function keyOn(simulator: Simulator, orgId: string): KeyRecord {
	const record = simulator.generateKey({orgId});
	secrets.add(record.secret);
	return record;
}

function keyArgs(record: KeyRecord, secret = record.secret): string[] {
	const file = path.join(dir, `secret-${secrets.size}.txt`);
	writeFileSync(file, `${secret}\n`, {mode: 0o600});
	return ['--org-id', record.orgId, '--key-id', record.keyId, '--secret-file', file];
}

async function check(argv: string[], run = main): Promise<{io: FakeIo; code: number; out: string; err: string}> {
	const io = fakeIo({argv, env: {CYBS_KEY_WIZARD_CONFIG_DIR: path.join(dir, 'config')}, cwd: dir});
	const code = await run(io);
	for (const secret of secrets) {
		expect(io.out()).not.toContain(secret);
		expect(io.err()).not.toContain(secret);
	}

	return {io, code, out: io.out(), err: io.err()};
}

type Json = Record<string, unknown>;

function record(value: unknown): Json {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`not an object: ${String(value)}`);
	return Object.fromEntries(Object.entries(value));
}

function list(value: unknown): Json[] {
	if (!Array.isArray(value)) throw new Error(`not an array: ${String(value)}`);
	return value.map(item => record(item));
}

function onlyObject(stdout: string): Json {
	const lines = stdout.split('\n').filter(line => line !== '');
	expect(lines).toHaveLength(1);
	return record(JSON.parse(lines[0] ?? ''));
}

function codes(items: unknown): string[] {
	return list(items).map(item => String(item['code']));
}

describe('Step 12 automated: the transaction lookup', () => {
	test('found: --json carries what Business Center shows (ics_auth AUTHORIZED, SOK); the human output shows it too', async () => {
		const key = keyOn(testSim, 'lookup_merchant');
		const json = await check([...keyArgs(key), '--base-url', testSim.url, '--auth', 'jwt', '--json']);
		expect(json.code).toBe(0);
		const parsed = onlyObject(json.out);
		const [result] = list(parsed['results']);
		const lookup = record(parsed['lookup']);
		expect(lookup).toMatchObject({status: 'found', code: 'LOOKUP_FOUND', requestId: result?.['requestId'], attempts: 1});
		expect(record(lookup['transaction'])).toMatchObject({
			requestId: result?.['requestId'],
			status: 'AUTHORIZED',
			amount: '102.21',
			currency: 'USD',
			applications: [{name: 'ics_auth', status: 'AUTHORIZED', rFlag: 'SOK', rMessage: 'Request was processed successfully.'}],
		});
		expect(lookup['manualSteps']).toHaveLength(4);
		// The first search after 5 s (injected: recorded, not slept).
		expect(waits).toEqual([5000]);
		expect(json.err).toContain('CyberSource takes a little while to make a transaction searchable; asking in 5 s.');

		const human = await check([...keyArgs(key), '--base-url', testSim.url, '--auth', 'jwt']);
		expect(human.code).toBe(0);
		expect(human.out).toMatch(/JWT \(shared secret\), request ID \d+: found \[LOOKUP_FOUND\] \(1 request in 0 s\); what Business Center shows:/);
		expect(human.out).toContain('    ics_auth AUTHORIZED (SOK) Request was processed successfully.');
		expect(human.out).toMatch(/ {4}Amount 102\.21 USD, submitted \d{4}-\d\d-\d\dT/);
	});

	test('not searchable yet within --lookup-timeout: LOOKUP_NOT_YET, still exit 0, the manual Business Center steps shown', async () => {
		const slow = await startSimulator({env: 'test', searchDelayMs: 3_600_000});
		extraSimulators.push(slow);
		const key = keyOn(slow, 'slow_merchant');
		const {code, out} = await check([...keyArgs(key), '--base-url', slow.url, '--auth', 'jwt', '--lookup-timeout', '20']);
		expect(code).toBe(0);
		expect(waits).toEqual([5000, 10_000, 5000]);
		expect(out).toMatch(/^PASS/);
		expect(out).toContain('not searchable yet [LOOKUP_NOT_YET] (3 requests');
		expect(out).toContain('CyberSource takes a little while to make a transaction searchable');
		expect(out).toContain('Transaction Management › Transactions');
		expect(out).toMatch(/Search by Request ID \d+/);
	});

	test('--no-lookup: no search is sent, LOOKUP_SKIPPED with the manual steps', async () => {
		const key = keyOn(testSim, 'nolookup_merchant');
		const {code, out} = await check([...keyArgs(key), '--base-url', testSim.url, '--auth', 'jwt', '--no-lookup', '--json']);
		expect(code).toBe(0);
		expect(waits).toEqual([]);
		expect(explained.filter(line => line.startsWith('GET'))).toEqual([]);
		expect(explained).toHaveLength(1);
		const lookup = record(onlyObject(out)['lookup']);
		expect(lookup).toMatchObject({status: 'skipped', code: 'LOOKUP_SKIPPED', attempts: 0});
		expect(String(list([lookup])[0]?.['manualSteps'])).toContain('Transaction Management › Transactions');
	});

	test.each([
		[['--no-lookup', '--lookup-timeout', '30'], /give one of them/],
		[['--lookup-timeout=-1'], /from 0 \(skip the lookup\) to 600/],
		[['--lookup-timeout', '601'], /from 0 \(skip the lookup\) to 600/],
	])('%j: usage error (exit 2), nothing sent', async (argv, message) => {
		const key = keyOn(testSim, 'usage_merchant');
		const {code, err} = await check([...keyArgs(key), '--base-url', testSim.url, ...argv]);
		expect(code).toBe(2);
		expect(err).toMatch(message);
		expect(explained).toEqual([]);
	});

	test('--env simulator: the waits pass in simulated time (its clock moves), so the payment is found without waiting', async () => {
		const env = {CYBS_KEY_WIZARD_CONFIG_DIR: path.join(dir, 'config')};
		const keygen = await startSimulator({keysFile: defaultSimulatorKeysFile(env)});
		const key = keyOn(keygen, 'sim_merchant');
		await keygen.close();
		const started = performance.now();
		const {code, out, err} = await check([...keyArgs(key), '--env', 'simulator', '--auth', 'jwt', '--json'], realMain);
		expect(code).toBe(0);
		// The built-in simulator makes a payment searchable after 3 s: the first search (after a simulated 5 s) finds it.
		const lookup = record(onlyObject(out)['lookup']);
		expect(lookup).toMatchObject({code: 'LOOKUP_FOUND', attempts: 1});
		expect(Number(lookup['elapsedMs'])).toBeGreaterThanOrEqual(5000);
		expect(performance.now() - started).toBeLessThan(4000);
		expect(err).toContain('the lookup\'s waits are simulated');
	});
});

describe('production safety', () => {
	test('default: the no-charge probe (PROBE_OK), no transaction, no lookup, no reversal', async () => {
		const key = keyOn(productionSim, 'live_merchant');
		const {code, out} = await check([...keyArgs(key), '--env', 'production', '--base-url', productionSim.url, '--json']);
		expect(code).toBe(0);
		const parsed = onlyObject(out);
		expect(codes(parsed['results'])).toEqual(['PROBE_OK', 'PROBE_OK']);
		expect(parsed).toMatchObject({ok: true, lookup: null, reversal: null, probes: []});
		expect(productionSim.transactions()).toEqual([]);
		expect(productionExplained.filter(line => line.startsWith('POST'))).toEqual([]);
	});

	test('--charge: one 1.00 authorization, reversed at once (REVERSAL_OK); the lookup shows ics_auth and ics_auth_reversal', async () => {
		const key = keyOn(productionSim, 'charge_merchant');
		const before = productionSim.transactions().length;
		const {code, out, err} = await check([...keyArgs(key), '--env', 'production', '--base-url', productionSim.url, '--charge', '--json']);
		expect(code).toBe(0);
		expect(err).toContain('--charge: sending ONE real 1.00 authorization');
		expect(err).toMatch(/Reversing the authorization with request ID \d+/);
		const parsed = onlyObject(out);
		const results = list(parsed['results']);
		expect(results.map(result => [result['auth'], result['code']])).toEqual([
			['http-signature', 'OK'],
			['jwt', 'PROBE_OK'],
		]);
		const paymentId = String(results[0]?.['requestId']);
		const [payment, reversal, ...rest] = productionSim.transactions().slice(before);
		expect(rest).toEqual([]);
		expect(payment).toMatchObject({id: paymentId, kind: 'payment', amount: '1.00', merchantId: 'charge_merchant'});
		expect(reversal).toMatchObject({kind: 'reversal', status: 'REVERSED', relatedId: paymentId});
		expect(record(parsed['reversal'])).toMatchObject({status: 'reversed', code: 'REVERSAL_OK', paymentRequestId: paymentId, requestId: reversal?.id, amount: '1.00'});
		const lookup = record(parsed['lookup']);
		expect(lookup['code']).toBe('LOOKUP_FOUND');
		expect(list(record(lookup['transaction'])['applications']).map(application => application['name'])).toEqual(['ics_auth', 'ics_auth_reversal']);
	});

	test('--charge human output: PASS, the authorization and its reversal in a line', async () => {
		const key = keyOn(productionSim, 'charge_human');
		const {code, out} = await check([...keyArgs(key), '--env', 'production', '--base-url', productionSim.url, '--charge', '--auth', 'jwt', '--no-lookup']);
		expect(code).toBe(0);
		expect(out).toMatch(/^PASS {2}The key pair works in production \(127\.0\.0\.1:\d+\): the 1\.00 USD authorization was approved and reversed automatically\./);
		expect(out).toMatch(/Production charge \(1\.00 USD\): The 1\.00 USD authorization \(request ID \d+\) was reversed automatically \(reversal \d+, status REVERSED\): nothing will be charged\. \[REVERSAL_OK\]/);
	});

	test('a failed reversal: exit 1, REVERSAL_FAILED, a banner with the request ID and how to void it', async () => {
		const key = keyOn(productionSim, 'void_merchant');
		const failing = await startSimulator({
			env: 'production',
			searchDelayMs: 0,
			explain(line) {
				// The payment went through; CyberSource then fails the reversal (and everything after it).
				if (line.startsWith('POST /pts/v2/payments ')) failing.setFaults({status502: true});
			},
		});
		extraSimulators.push(failing);
		failing.addKey(key);
		const json = await check([...keyArgs(key), '--env', 'production', '--base-url', failing.url, '--charge', '--auth', 'http-signature', '--no-lookup', '--json']);
		expect(json.code).toBe(1);
		const parsed = onlyObject(json.out);
		const paymentId = String(list(parsed['results'])[0]?.['requestId']);
		expect(parsed['ok']).toBe(false);
		expect(record(parsed['reversal'])).toMatchObject({status: 'failed', code: 'REVERSAL_FAILED', httpStatus: 502, paymentRequestId: paymentId});
		expect(list(parsed['diagnosis'])[0]).toMatchObject({code: 'REVERSAL_FAILED', severity: 'error'});

		failing.setFaults({});
		const human = await check([...keyArgs(key), '--env', 'production', '--base-url', failing.url, '--charge', '--auth', 'http-signature', '--no-lookup']);
		expect(human.code).toBe(1);
		const out = human.out;
		const humanPaymentId = /request ID (\d+)/.exec(out)?.[1] ?? 'missing';
		expect(out).toMatch(/^FAIL {2}The key pair works in production .*, but the automatic reversal of the test charge FAILED: void it in Business Center now/);
		expect(out).toContain('ACTION NEEDED  THE AUTOMATIC REVERSAL FAILED [REVERSAL_FAILED]');
		expect(out).toContain(`Request ID of the authorization to void: ${humanPaymentId}`);
		expect(out).toContain('Void it in Business Center:');
		expect(out).toContain(`Transaction Management › Transactions and search by Request ID ${humanPaymentId}`);
		expect(out).toContain('Void / Reverse the authorization');
		expect(out).toContain('https://businesscenter.cybersource.com');
		// Shown once, in its banner, not repeated in the diagnosis list.
		expect(out.match(/REVERSAL_FAILED/g)).toHaveLength(1);
	});

	test('--charge outside production: exit 2 (CHARGE_NOT_IN_PRODUCTION) before anything is sent', async () => {
		const key = keyOn(testSim, 'test_charge');
		const {code, out} = await check([...keyArgs(key), '--base-url', testSim.url, '--charge', '--json']);
		expect(code).toBe(2);
		expect(codes(onlyObject(out)['diagnosis'])).toEqual(['CHARGE_NOT_IN_PRODUCTION']);
		expect(explained).toEqual([]);
		const simulator = await check([...keyArgs(key), '--env', 'simulator', '--charge']);
		expect(simulator.code).toBe(2);
		expect(simulator.err).toContain('in simulator check always sends a test payment, which moves no money');
	});
});

describe('401 diagnosis: probes and ranked causes', () => {
	test('a wrong secret: every probe listed (control authenticates), KEY_OR_SECRET_WRONG ranked 1, the checklist; no money moves', async () => {
		const key = keyOn(testSim, 'probe_merchant');
		const other = keyOn(testSim, 'probe_merchant');
		const json = await check([...keyArgs(key, other.secret), '--base-url', testSim.url, '--auth', 'jwt', '--json']);
		expect(json.code).toBe(1);
		const parsed = onlyObject(json.out);
		const probes = list(parsed['probes']);
		expect(probes.map(probe => [probe['name'], probe['outcome'], probe['code']])).toEqual([
			['credential-checks', 'passed', 'CREDENTIALS_LOOK_RIGHT'],
			['clock', 'passed', 'CLOCK_OK'],
			['environment-swap', 'skipped', 'ENVIRONMENT_SWAP_SKIPPED'],
			['control', 'passed', 'CONTROL_AUTHENTICATES'],
			['get-vs-post', 'passed', 'GET_ALSO_REJECTED'],
			['meta-key', 'skipped', 'META_KEY_SKIPPED'],
		]);
		for (const probe of probes) expect(Object.keys(probe).sort()).toEqual(['code', 'message', 'name', 'outcome']);
		const diagnosis = list(parsed['diagnosis']);
		const causes = diagnosis.filter(item => item['kind'] === 'cause').map(item => [item['rank'], item['code']]);
		expect(causes).toEqual([
			[1, 'KEY_OR_SECRET_WRONG'],
			[2, 'WRONG_ORGANIZATION'],
		]);
		expect(diagnosis.filter(item => item['kind'] === 'checklist').map(item => item['code'])).toContain('CHECK_KEY_ACTIVE');
		expect(diagnosis.find(item => item['code'] === 'CHECK_SECRET_COPIED')?.['steps']).toEqual([expect.stringContaining('+ Generate key')]);
		expect(parsed).toMatchObject({lookup: null, reversal: null});
		expect(testSim.transactions().filter(transaction => transaction.merchantId === 'probe_merchant')).toEqual([]);

		const human = await check([...keyArgs(key, other.secret), '--base-url', testSim.url, '--auth', 'jwt']);
		expect(human.code).toBe(1);
		expect(human.err).toContain('The key was rejected (401): running no-charge probes');
		const out = human.out;
		expect(out).toContain('Likely causes, most likely first:\n  1. KEY_OR_SECRET_WRONG: This machine signs correctly');
		expect(out).toContain('  2. WRONG_ORGANIZATION:');
		expect(out).toContain('Check in Business Center (CyberSource does not say which of these it is):\n  [ ] CHECK_KEY_ACTIVE:');
		expect(out).toMatch(/- Business Center \(https:\/\/businesscentertest\.cybersource\.com\) › Payment Configuration › Key Management › \+ Generate key/);
		expect(out).toContain('Probes (no-charge requests that narrow the cause down; nothing was paid):');
		expect(out).toMatch(/ {2}passed {7}Control \(published sample credentials\) \[CONTROL_AUTHENTICATES\]/);
		expect(out).toMatch(/ {2}skipped {6}Environment swap \[ENVIRONMENT_SWAP_SKIPPED\]/);
		expect(out.indexOf('Likely causes')).toBeLessThan(out.indexOf('Probes ('));
	});

	test('environment swap with two simulators: a test key against the production identity → WRONG_ENVIRONMENT ranked 1', async () => {
		const key = keyOn(testSim, 'swap_merchant');
		const {code, out} = await check([
			...keyArgs(key),
			'--env', 'production',
			'--base-url', productionSim.url,
			'--counterpart-base-url', testSim.url,
			'--auth', 'jwt',
			'--json',
		]);
		expect(code).toBe(1);
		const parsed = onlyObject(out);
		expect(codes(parsed['results'])).toEqual(['AUTHENTICATION_FAILED']);
		const swap = list(parsed['probes']).find(probe => probe['name'] === 'environment-swap');
		expect(swap).toMatchObject({outcome: 'failed', code: 'ENVIRONMENT_SWAP_AUTHENTICATES'});
		expect(String(swap?.['message'])).toContain('Your key authenticates in test, not in production');
		const [first] = list(parsed['diagnosis']).filter(item => item['kind'] === 'cause');
		expect(first).toMatchObject({rank: 1, code: 'WRONG_ENVIRONMENT'});
		// The probe reached the test simulator with the no-charge GET; no money moved on either side.
		expect(explained).toEqual([expect.stringMatching(/^GET \/tss\/v2\/transactions\/0+ → 404/)]);
		expect(productionExplained.filter(line => line.startsWith('POST'))).toEqual([]);
		expect(productionSim.transactions().filter(transaction => transaction.merchantId === 'swap_merchant')).toEqual([]);
	});

	test('--env simulator: the swap probe is skipped and says why (no production twin); with --counterpart-base-url it runs there', async () => {
		const env = {CYBS_KEY_WIZARD_CONFIG_DIR: path.join(dir, 'config')};
		const keygen = await startSimulator({keysFile: defaultSimulatorKeysFile(env)});
		const key = keyOn(keygen, 'sim_swap_merchant');
		const other = keyOn(keygen, 'sim_swap_merchant');
		await keygen.close();
		const skipped = await check([...keyArgs(key, other.secret), '--env', 'simulator', '--auth', 'jwt', '--json']);
		expect(skipped.code).toBe(1);
		const swap = list(onlyObject(skipped.out)['probes']).find(probe => probe['name'] === 'environment-swap');
		expect(swap).toMatchObject({outcome: 'skipped', code: 'ENVIRONMENT_SWAP_SKIPPED'});
		expect(skipped.err).toContain(simulatorHasNoCounterpart);
		expect(productionExplained).toEqual([]);

		const swapped = await check([...keyArgs(key, other.secret), '--env', 'simulator', '--counterpart-base-url', productionSim.url, '--auth', 'jwt', '--json']);
		expect(swapped.code).toBe(1);
		const ran = list(onlyObject(swapped.out)['probes']).find(probe => probe['name'] === 'environment-swap');
		expect(ran).toMatchObject({outcome: 'passed', code: 'ENVIRONMENT_SWAP_REJECTED'});
		expect(swapped.err).not.toContain('no production twin');
		// The no-charge GET reached the production simulator (which does not know the test key).
		expect(productionExplained).toEqual([expect.stringMatching(/^GET \/tss\/v2\/transactions\/0+ → 401/)]);
	});

	test('the counterpart is passed explicitly: real environments get the other side\'s real host; --base-url alone and --env simulator none', () => {
		const at = (side: ProfileEnvironment, baseUrl?: string, counterpartBaseUrl?: string) =>
			counterpartOf({
				side,
				...(baseUrl === undefined ? {} : {baseUrl: new URL(baseUrl)}),
				...(counterpartBaseUrl === undefined ? {} : {counterpartBaseUrl: new URL(counterpartBaseUrl)}),
			});
		expect(at('test')).toEqual(environment('production'));
		expect(at('production')).toEqual(environment('test'));
		expect(at('india')).toEqual(environment('test'));
		expect(at('test', 'http://127.0.0.1:4000')).toBeUndefined();
		expect(at('simulator')).toBeUndefined();
		expect(at('simulator', undefined, 'http://127.0.0.1:4001')).toMatchObject({kind: 'production', baseUrl: 'http://127.0.0.1:4001'});
		expect(at('production', 'http://127.0.0.1:4000', 'http://127.0.0.1:4001')).toMatchObject({kind: 'test', baseUrl: 'http://127.0.0.1:4001'});
	});

	test('--counterpart-base-url must be a valid base URL (exit 2)', async () => {
		const key = keyOn(testSim, 'bad_counterpart');
		const {code, err} = await check([...keyArgs(key), '--base-url', testSim.url, '--counterpart-base-url', 'http://example.com']);
		expect(code).toBe(2);
		expect(err).toContain('--counterpart-base-url: Plain http:// is only allowed for loopback');
		expect(explained).toEqual([]);
	});
});

describe('other failures: their own codes and steps', () => {
	test('a payment that times out: exit 3, never retried, "may have gone through" with how to check', async () => {
		const hanging = await startSimulator({env: 'test', faults: {hang: true}, explain: line => explained.push(line)} satisfies SimulatorOptions);
		extraSimulators.push(hanging);
		const key = keyOn(hanging, 'timeout_merchant');
		const json = await check([...keyArgs(key), '--base-url', hanging.url, '--timeout', '0.3', '--json']);
		expect(json.code).toBe(3);
		const parsed = onlyObject(json.out);
		expect(list(parsed['results'])).toEqual([expect.objectContaining({auth: 'http-signature', code: 'TIMEOUT', mayHaveBeenProcessed: true})]);
		const warning = list(parsed['diagnosis']).find(item => item['code'] === 'PAYMENT_MAY_HAVE_GONE_THROUGH');
		expect(warning?.['steps']).toEqual(expect.arrayContaining([expect.stringContaining('Transaction Management › Transactions')]));
		// One payment request, not repeated by the second method.
		expect(explained).toHaveLength(1);

		const human = await check([...keyArgs(key), '--base-url', hanging.url, '--timeout', '0.3', '--auth', 'jwt']);
		expect(human.code).toBe(3);
		expect(human.out).toMatch(/^NO VERDICT/);
		expect(human.out).toContain('WARNING  The JWT (shared secret) payment may still have gone through [PAYMENT_MAY_HAVE_GONE_THROUGH]');
		expect(human.out).toContain('Before running check again:');
		expect(human.out).toContain('Only if it is not there, run the test again.');
	});

	test.each([
		[{html: true}, 'NOT_CYBERSOURCE', 'Something between you and CyberSource answered'],
		[{status502: true}, 'SERVER_ERROR', 'Keep the correlation ID'],
	] as const)('fault %j: exit 3, %s with its steps', async (faults, expected, step) => {
		const key = keyOn(testSim, 'fault_merchant');
		testSim.setFaults(faults);
		const json = await check([...keyArgs(key), '--base-url', testSim.url, '--auth', 'jwt', '--json']);
		expect(json.code).toBe(3);
		const parsed = onlyObject(json.out);
		expect(codes(parsed['results'])).toEqual([expected]);
		const item = list(parsed['diagnosis']).find(entry => entry['code'] === expected);
		expect(item).toMatchObject({kind: 'failure', severity: 'error'});
		expect(String(item?.['steps'])).toContain(step);

		const human = await check([...keyArgs(key), '--base-url', testSim.url, '--auth', 'jwt']);
		expect(human.code).toBe(3);
		expect(human.out).toContain(`  - ${expected} (see above); what to do:`);
		expect(human.out).toContain(step);
	});
});
