// Step 12 automated: the transaction search after a 201, against the simulator with a fake clock
// shared by the engine and the simulator (no real waiting).
import {afterEach, describe, expect, it} from 'vitest';
import type {ClientResult} from '../source/cybersource/client.js';
import {runKeyTest, type KeyTestStageEvent} from '../source/cybersource/key-test.js';
import {describeDuration, lookupWaits, lookUpTransaction, lookUpTransactions} from '../source/cybersource/lookup.js';
import type {LookupEvent} from '../source/cybersource/lookup.js';
import {startSimulator, type Simulator} from '../source/simulator/index.js';
import {credentialsOf, explainLines, fakeClock, stageRecorder, testEnvironment} from './helpers/diagnosis-helpers.js';

const simulators: Simulator[] = [];

afterEach(async () => {
	await Promise.all(simulators.splice(0).map(async (simulator) => simulator.close()));
});

async function simulatorWith(clock: ReturnType<typeof fakeClock>, searchDelayMs: number) {
	const log = explainLines();
	const simulator = await startSimulator({env: 'test', clock: clock.now, searchDelayMs, explain: log.explain});
	simulators.push(simulator);
	const key = simulator.generateKey({orgId: 'lookup_merchant'});
	return {simulator, key, log};
}

describe('lookupWaits (pure)', () => {
	it('5 s, 10 s, 20 s, then capped, never past the limit', () => {
		expect(lookupWaits(60_000)).toEqual([5000, 10_000, 20_000, 25_000]);
		expect(lookupWaits(120_000)).toEqual([5000, 10_000, 20_000, 30_000, 30_000, 25_000]);
		expect(lookupWaits(3000)).toEqual([3000]);
		expect(lookupWaits(0)).toEqual([]);
		expect(lookupWaits(-1)).toEqual([]);
	});

	it('describes durations in seconds and minutes', () => {
		expect(describeDuration(5000)).toBe('5 s');
		expect(describeDuration(60_000)).toBe('1 min');
		expect(describeDuration(90_000)).toBe('1 min 30 s');
	});
});

describe('lookup after a 201', () => {
	it('404 first ("not searchable yet"), then found once the search delay has passed, with what Business Center shows', async () => {
		const clock = fakeClock();
		const {simulator, key, log} = await simulatorWith(clock, 12_000);
		const stages = stageRecorder();
		const report = await runKeyTest(
			{environment: testEnvironment(simulator), credentials: credentialsOf(key), auth: 'http-signature', mode: 'payment', lookupTimeoutMs: 60_000},
			{env: {}, now: clock.now, sleep: clock.sleep, onStage: stages.onStage},
		);
		const [attempt] = report.attempts;
		expect(attempt?.code).toBe('OK');
		const requestId = attempt?.requestId ?? 'missing';
		// Asked at 5 s (404: not searchable yet), then at 15 s (found).
		expect(clock.sleeps).toEqual([5000, 10_000]);
		const lookups = log.requests(`GET /tss/v2/transactions/${requestId}`);
		expect(lookups).toHaveLength(2);
		expect(lookups[0]).toContain('404');
		expect(lookups[0]).toContain('not searchable yet');
		expect(lookups[1]).toContain('200');

		const lookup = report.lookup;
		expect(lookup).toBe(attempt?.lookup);
		expect(lookup).toMatchObject({status: 'found', code: 'LOOKUP_FOUND', attempts: 2, requestId, elapsedMs: 15_000});
		expect(lookup?.transaction).toMatchObject({requestId, amount: '102.21', currency: 'USD', status: 'AUTHORIZED'});
		expect(lookup?.transaction?.submitTimeUtc).toMatch(/^2026-01-05T09:00:00Z$/);
		expect(lookup?.transaction?.applications[0]).toMatchObject({name: 'ics_auth', status: 'AUTHORIZED', rFlag: 'SOK', rMessage: 'Request was processed successfully.'});
		expect(lookup?.message).toContain(`request ID ${requestId}`);
		expect(lookup?.message).toContain('ics_auth AUTHORIZED (SOK)');
		// The manual steps stay available either way.
		expect(lookup?.manualSteps.join('\n')).toContain('Transaction Management › Transactions');
		expect(lookup?.manualSteps.join('\n')).toContain(requestId);
		expect(lookup?.detailsUrl).toContain(`requestId=${requestId}&merchantId=lookup_merchant`);

		const waits = stages.events.filter((event): event is Extract<LookupEvent, {type: 'lookup-wait'}> => event.type === 'lookup-wait');
		expect(waits.map((event) => [event.attempt, event.nextInMs])).toEqual([
			[1, 5000],
			[2, 10_000],
		]);
		expect(waits[0]?.message).toBe('CyberSource takes a little while to make a transaction searchable; asking in 5 s.');
		expect(stages.events.at(-1)).toMatchObject({type: 'lookup-done'});
	});

	it('lookupTimeoutMs 0: skipped, nothing asked, the manual steps given', async () => {
		const clock = fakeClock();
		const {simulator, key, log} = await simulatorWith(clock, 0);
		const report = await runKeyTest(
			{environment: testEnvironment(simulator), credentials: credentialsOf(key), auth: 'jwt', mode: 'payment', lookupTimeoutMs: 0},
			{env: {}, now: clock.now, sleep: clock.sleep},
		);
		expect(report.lookup).toMatchObject({status: 'skipped', code: 'LOOKUP_SKIPPED', attempts: 0});
		expect(report.lookup?.manualSteps.length).toBeGreaterThan(2);
		expect(log.requests('GET')).toEqual([]);
		expect(clock.sleeps).toEqual([]);
	});

	it('no lookupTimeoutMs: no lookup at all (the report is as before)', async () => {
		const clock = fakeClock();
		const {simulator, key, log} = await simulatorWith(clock, 0);
		const report = await runKeyTest(
			{environment: testEnvironment(simulator), credentials: credentialsOf(key), auth: 'http-signature', mode: 'payment'},
			{env: {}, now: clock.now, sleep: clock.sleep},
		);
		expect(report.lookup).toBeUndefined();
		expect(report.attempts[0]?.lookup).toBeUndefined();
		expect(log.requests('GET')).toEqual([]);
	});

	it('not searchable within the limit: not-yet (never a failure), with the manual steps', async () => {
		const clock = fakeClock();
		const {simulator, key, log} = await simulatorWith(clock, 10 * 60_000);
		const report = await runKeyTest(
			{environment: testEnvironment(simulator), credentials: credentialsOf(key), auth: 'http-signature', mode: 'payment', lookupTimeoutMs: 60_000},
			{env: {}, now: clock.now, sleep: clock.sleep},
		);
		expect(report.ok).toBe(true);
		expect(clock.sleeps).toEqual([5000, 10_000, 20_000, 25_000]);
		expect(log.requests('GET /tss/v2/transactions/')).toHaveLength(4);
		expect(report.lookup).toMatchObject({status: 'not-yet', code: 'LOOKUP_NOT_YET', attempts: 4, elapsedMs: 60_000});
		expect(report.lookup?.message).toContain('CyberSource takes a little while to make a transaction searchable');
		expect(report.lookup?.message).toContain('after 1 min');
		expect(report.lookup?.manualSteps.join('\n')).toContain('Search by Request ID');
	});

	it('cancelled while waiting: not-yet with LOOKUP_CANCELLED, no further request', async () => {
		const clock = fakeClock();
		const {simulator, key, log} = await simulatorWith(clock, 10 * 60_000);
		const controller = new AbortController();
		let sleeps = 0;
		const report = await runKeyTest(
			{environment: testEnvironment(simulator), credentials: credentialsOf(key), auth: 'http-signature', mode: 'payment', lookupTimeoutMs: 60_000},
			{
				env: {},
				now: clock.now,
				signal: controller.signal,
				async sleep(ms, signal) {
					sleeps += 1;
					if (sleeps === 2) controller.abort();
					await clock.sleep(ms, signal);
				},
			},
		);
		expect(report.lookup).toMatchObject({status: 'not-yet', code: 'LOOKUP_CANCELLED', attempts: 1});
		expect(log.requests('GET')).toHaveLength(1);
	});

	it('a 403 from the transaction search: failed, and the manual steps remain', async () => {
		const clock = fakeClock();
		const result = await lookUpTransaction({
			requestId: '7000000000000000000001',
			environment: testEnvironment({url: 'http://127.0.0.1:9'}),
			merchantId: 'lookup_merchant',
			limitMs: 60_000,
			now: clock.now,
			sleep: clock.sleep,
			async getTransaction() {
				return {
					auth: 'jwt',
					endpoint: {method: 'GET', path: '/tss/v2/transactions/7000000000000000000001', url: 'http://127.0.0.1:9/tss/v2/transactions/7000000000000000000001', label: 'GET /tss/v2/transactions/7000000000000000000001'},
					signed: {headerList: 'authorization', signingString: ''},
					durationMs: 1,
					httpStatus: 403,
					correlationId: 'c0ffee',
					response: {kind: 'error', httpStatus: 403, correlationId: 'c0ffee', error: {reason: 'forbidden', message: 'Not enabled', details: []}},
				};
			},
		});
		expect(result).toMatchObject({status: 'failed', code: 'LOOKUP_FAILED', attempts: 1});
		expect(result.message).toContain('Transaction Search API may not be enabled');
		expect(result.manualSteps.length).toBeGreaterThan(2);
	});
});

describe('both auth methods: the two payments share one lookup', () => {
	type Wait = Extract<LookupEvent, {type: 'lookup-wait'}>;
	const lookupEvents = (events: readonly KeyTestStageEvent[]) =>
		events.flatMap((event) => {
			if (event.type === 'lookup-wait') return [`wait ${event.attempt} ${event.nextInMs} [${event.requestIds.join(' ')}]`];
			if (event.type === 'lookup-attempt') return [`ask ${event.attempt} ${event.requestId}`];
			if (event.type === 'lookup-done') return [`done ${event.result.requestId} ${event.result.code}`];
			return [];
		});

	it('one round of waits finds both; each request ID is asked once, signed with its own attempt\'s method', async () => {
		const clock = fakeClock();
		const {simulator, key, log} = await simulatorWith(clock, 3000);
		const stages = stageRecorder();
		const report = await runKeyTest(
			{environment: testEnvironment(simulator), credentials: credentialsOf(key), auth: 'both', mode: 'payment', lookupTimeoutMs: 60_000},
			{env: {}, now: clock.now, sleep: clock.sleep, onStage: stages.onStage},
		);
		const [signature, jwt] = report.attempts;
		const first = signature?.requestId ?? 'missing';
		const second = jwt?.requestId ?? 'missing';
		expect(first).not.toBe(second);
		// One 5 s wait in all, not one per payment.
		expect(clock.sleeps).toEqual([5000]);
		expect(log.requests('GET /tss/v2/transactions/')).toEqual([
			expect.stringMatching(new RegExp(`^GET /tss/v2/transactions/${first} → 200:.*authenticated by HTTP Signature`)),
			expect.stringMatching(new RegExp(`^GET /tss/v2/transactions/${second} → 200:.*authenticated by JWT`)),
		]);
		expect(signature?.lookup).toMatchObject({status: 'found', code: 'LOOKUP_FOUND', requestId: first, attempts: 1, elapsedMs: 5000});
		expect(jwt?.lookup).toMatchObject({status: 'found', code: 'LOOKUP_FOUND', requestId: second, attempts: 1, elapsedMs: 5000});
		expect(report.lookup).toBe(signature?.lookup);
		expect(lookupEvents(stages.events)).toEqual([
			`wait 1 5000 [${first} ${second}]`,
			`ask 1 ${first}`,
			`done ${first} LOOKUP_FOUND`,
			`ask 1 ${second}`,
			`done ${second} LOOKUP_FOUND`,
		]);
		const wait = stages.events.find((event): event is Wait => event.type === 'lookup-wait');
		expect(wait).toMatchObject({requestId: first, elapsedMs: 0, limitMs: 60_000});
		expect(wait?.message).toBe(
			`CyberSource takes a little while to make a transaction searchable; asking in 5 s (together with request ID ${second}).`,
		);
	});

	it('one found in the first round, the other not searchable within the limit: only the unfound one is asked again', async () => {
		const clock = fakeClock();
		const {simulator, key, log} = await simulatorWith(clock, 50_000);
		const stages = stageRecorder();
		const report = await runKeyTest(
			{environment: testEnvironment(simulator), credentials: credentialsOf(key), auth: 'both', mode: 'payment', lookupTimeoutMs: 20_000},
			{
				env: {},
				now: clock.now,
				sleep: clock.sleep,
				onStage: stages.onStage,
				// The JWT payment is made 50 s after the first one, so it becomes searchable 50 s later.
				onProgress(event) {
					if (event.type === 'attempt-done' && event.index === 0) clock.advance(50_000);
				},
			},
		);
		const [signature, jwt] = report.attempts;
		const first = signature?.requestId ?? 'missing';
		const second = jwt?.requestId ?? 'missing';
		expect(clock.sleeps).toEqual([5000, 10_000, 5000]);
		expect(log.requests(`GET /tss/v2/transactions/${first}`)).toHaveLength(1);
		expect(log.requests(`GET /tss/v2/transactions/${second}`)).toEqual([
			expect.stringContaining('404'),
			expect.stringContaining('404'),
			expect.stringContaining('404'),
		]);
		expect(signature?.lookup).toMatchObject({status: 'found', code: 'LOOKUP_FOUND', attempts: 1, elapsedMs: 5000});
		expect(jwt?.lookup).toMatchObject({status: 'not-yet', code: 'LOOKUP_NOT_YET', attempts: 3, elapsedMs: 20_000});
		expect(jwt?.lookup?.message).toContain(`request ID ${second} was not searchable after 20 s`);
		expect(report.ok).toBe(true);
		expect(lookupEvents(stages.events)).toEqual([
			`wait 1 5000 [${first} ${second}]`,
			`ask 1 ${first}`,
			`done ${first} LOOKUP_FOUND`,
			`ask 1 ${second}`,
			`wait 2 10000 [${second}]`,
			`ask 2 ${second}`,
			`wait 3 5000 [${second}]`,
			`ask 3 ${second}`,
			`done ${second} LOOKUP_NOT_YET`,
		]);
		const waits = stages.events.filter((event): event is Wait => event.type === 'lookup-wait');
		expect(waits.map((event) => event.elapsedMs)).toEqual([0, 5000, 15_000]);
		expect(waits[1]?.message).toBe('CyberSource takes a little while to make a transaction searchable; asking again in 10 s.');
	});

	it('skipped (lookupTimeoutMs 0): both skipped with their manual steps, nothing asked, no wait', async () => {
		const clock = fakeClock();
		const {simulator, key, log} = await simulatorWith(clock, 0);
		const stages = stageRecorder();
		const report = await runKeyTest(
			{environment: testEnvironment(simulator), credentials: credentialsOf(key), auth: 'both', mode: 'payment', lookupTimeoutMs: 0},
			{env: {}, now: clock.now, sleep: clock.sleep, onStage: stages.onStage},
		);
		expect(report.attempts.map((attempt) => [attempt.lookup?.code, attempt.lookup?.attempts, attempt.lookup?.requestId])).toEqual(
			report.attempts.map((attempt) => ['LOOKUP_SKIPPED', 0, attempt.requestId]),
		);
		expect(report.attempts.every((attempt) => attempt.lookup?.manualSteps.join('\n').includes(attempt.requestId ?? 'missing'))).toBe(true);
		expect(log.requests('GET')).toEqual([]);
		expect(clock.sleeps).toEqual([]);
		expect(lookupEvents(stages.events)).toEqual(report.attempts.map((attempt) => `done ${attempt.requestId} LOOKUP_SKIPPED`));
	});

	it('cancelled during the second wait: both stop (LOOKUP_CANCELLED) after one round, nothing more is asked', async () => {
		const clock = fakeClock();
		const {simulator, key, log} = await simulatorWith(clock, 10 * 60_000);
		const controller = new AbortController();
		const report = await runKeyTest(
			{environment: testEnvironment(simulator), credentials: credentialsOf(key), auth: 'both', mode: 'payment', lookupTimeoutMs: 60_000},
			{
				env: {},
				now: clock.now,
				signal: controller.signal,
				async sleep(ms, signal) {
					if (clock.sleeps.length === 1) controller.abort();
					await clock.sleep(ms, signal);
				},
			},
		);
		expect(report.attempts.map((attempt) => [attempt.code, attempt.lookup?.code, attempt.lookup?.status, attempt.lookup?.attempts])).toEqual([
			['OK', 'LOOKUP_CANCELLED', 'not-yet', 1],
			['OK', 'LOOKUP_CANCELLED', 'not-yet', 1],
		]);
		expect(log.requests('GET')).toHaveLength(2);
		expect(clock.sleeps).toEqual([5000]);
	});

	it('cancelled between the two GETs of a round: the second request ID is not asked', async () => {
		const clock = fakeClock();
		const controller = new AbortController();
		const asked: string[] = [];
		const getter = (found: boolean) => async (id: string) => {
			asked.push(id);
			controller.abort();
			return transactionAnswer(id, found ? 200 : 404);
		};
		const results = await lookUpTransactions({
			targets: [
				{requestId: '7000000000000000000001', getTransaction: getter(false)},
				{requestId: '7000000000000000000002', getTransaction: getter(true)},
			],
			environment: testEnvironment({url: 'http://127.0.0.1:9'}),
			merchantId: 'lookup_merchant',
			limitMs: 60_000,
			now: clock.now,
			sleep: clock.sleep,
			signal: controller.signal,
		});
		expect(asked).toEqual(['7000000000000000000001']);
		expect(results.map((result) => [result.requestId, result.code, result.attempts])).toEqual([
			['7000000000000000000001', 'LOOKUP_CANCELLED', 1],
			['7000000000000000000002', 'LOOKUP_CANCELLED', 0],
		]);
	});
});

/** A transaction search answer: 200 with the transaction, or 404 "not searchable yet". */
function transactionAnswer(id: string, status: 200 | 404): ClientResult {
	const path = `/tss/v2/transactions/${id}`;
	const common = {
		auth: 'jwt',
		endpoint: {method: 'GET', path, url: `http://127.0.0.1:9${path}`, label: `GET ${path}`},
		signed: {headerList: 'authorization', signingString: ''},
		durationMs: 1,
		httpStatus: status,
		correlationId: 'c0ffee',
	} satisfies Partial<ClientResult>;
	return status === 200
		? {...common, response: {kind: 'transaction', httpStatus: 200, correlationId: 'c0ffee', transaction: {id, applications: []}}}
		: {...common, response: {kind: 'error', httpStatus: 404, correlationId: 'c0ffee', error: {reason: 'NOT_FOUND', message: 'not yet', details: []}}};
}
