/**
 * Issue 6 in the wizard, in process against REAL simulators (test and production identities) with a
 * fake clock shared by the engine and the simulator: the automatic lookup (Step 12) with its
 * countdown and skip, production's no-charge check and the confirmed charge's reversal (a failed
 * reversal prominently), the diagnosis of a 401 (probes and ranked causes, details behind `d`), and
 * a payment that hangs. No real waiting: the lookup's sleep is a gate the test opens.
 */
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {runKeyTest} from '../source/cybersource/key-test.js';
import {startSimulator, type Simulator} from '../source/simulator/index.js';
import type {WizardServices} from '../source/wizard/services.js';
import {exitCodes} from '../source/exit-codes.js';
import {currentFrame, keys, press, tick, typeAndEnter, waitForText} from './helpers/ink.js';
import {
	allText,
	createHarness,
	expectNoSecret,
	finishRun,
	flat,
	nextYearMastercard,
	practiceRunToResult,
	simulatorEnvironments,
	startWizard,
	typeCard,
	typedKeyToReview,
	type Harness,
	type Run,
} from './helpers/wizard-harness.js';
import {explainLines, fakeClock, wrongSecret} from './helpers/diagnosis-helpers.js';

/** A fake clock whose sleeps end only when the test opens them (or on abort). */
function gatedClock() {
	const clock = fakeClock();
	const pending: Array<{readonly ms: number; readonly open: () => void}> = [];
	return {
		now: clock.now,
		sleeps: clock.sleeps,
		async sleep(ms: number, signal?: AbortSignal) {
			signal?.throwIfAborted();
			await new Promise<void>((resolve, reject) => {
				const onAbort = () => {
					reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
				};

				signal?.addEventListener('abort', onAbort, {once: true});
				pending.push({
					ms,
					open() {
						signal?.removeEventListener('abort', onAbort);
						clock.sleeps.push(ms);
						clock.advance(ms);
						resolve();
					},
				});
			});
		},
		/** Ends the next wait (waiting for it to begin first). */
		async open() {
			const started = Date.now();
			while (pending.length === 0) {
				if (Date.now() - started > 5000) throw new Error('no lookup wait began');
				await tick();
			}

			pending.shift()?.open();
		},
	};
}

let harness: Harness;
let testSim: Simulator;
let productionSim: Simulator;
let testLog: ReturnType<typeof explainLines>;

beforeEach(async () => {
	harness = await createHarness();
	testLog = explainLines();
	[testSim, productionSim] = await Promise.all([
		startSimulator({env: 'test', searchDelayMs: 0, explain: testLog.explain}),
		startSimulator({env: 'production', searchDelayMs: 0}),
	]);
});

afterEach(async () => {
	await harness.close();
	await Promise.all([testSim.close(), productionSim.close()]);
});

/** Test and Production point at the two simulators: each is the other's counterpart (environment swap). */
function services(overrides: Partial<WizardServices> = {}): WizardServices {
	return harness.services({
		environments: simulatorEnvironments(testSim, productionSim),
		...overrides,
	});
}

/** Practice on `sim` (a simulator on the gated clock), the engine's clock and lookup waits gated too. */
function practiceOnClock(sim: Simulator, clock: ReturnType<typeof gatedClock>): WizardServices {
	return services({startPractice: harness.practiceOn(sim), now: clock.now, sleep: clock.sleep});
}

function expectFits(app: Run, columns: number) {
	for (const line of allText(app).split('\n')) expect([...line].length).toBeLessThanOrEqual(columns);
}

describe('Step 12 automated', () => {
	test('practice: a countdown while the search says 404, then what Business Center shows (ics_auth, amount, time)', async () => {
		const clock = gatedClock();
		const log = explainLines();
		const sim = await startSimulator({env: 'test', clock: clock.now, searchDelayMs: 12_000, explain: log.explain});
		try {
			const app = startWizard(practiceOnClock(sim, clock));
			const running = practiceRunToResult(app, harness);
			await waitForText(app, 'Asking in 5 s');
			expect(currentFrame(app)).toContain('CyberSource takes a little while to make a transaction searchable.');
			expect(currentFrame(app)).toContain('s skip the lookup');
			await clock.open(); // 5 s: 404, not searchable yet
			await waitForText(app, 'Asking again in 10 s');
			await clock.open(); // 15 s: found (both payments: they share the waits)
			await waitForText(app, '✔ Found request ID');
			const key = await running;
			const [payment] = sim.transactions();
			const lookups = log.lines.filter((line) => line.startsWith(`GET /tss/v2/transactions/${payment?.id ?? 'missing'}`));
			expect(lookups[0]).toContain('404');
			expect(lookups[1]).toContain('200');
			expect(clock.sleeps).toEqual([5000, 10_000]);
			const frame = currentFrame(app);
			expect(frame).toContain('✔ Step 12, done for you: the transaction search shows it:');
			expect(frame).toContain(`Request ID ${payment?.id ?? 'missing'} · 102.21 USD · 2026-01-05 09:00:00 UTC`);
			expect(frame).toContain('ics_auth AUTHORIZED · SOK · Request was processed successfully.');
			expect(frame.split('\n')[0]).toMatch(/^Step 7 of 7 · Result/);
			expect(frame.split('\n').length).toBeLessThanOrEqual(23);
			await finishRun(app, exitCodes.ok);
			expectNoSecret(app, key.secret);
		} finally {
			await sim.close();
		}
	});

	test('test: s skips the waiting; the manual Business Center steps stay', async () => {
		const clock = gatedClock();
		const key = testSim.generateKey({orgId: 'skip_merchant'});
		const app = startWizard(services({sleep: clock.sleep}));
		await typedKeyToReview(app, 't', key, key.secret);
		await press(app, 'j', keys.enter);
		await waitForText(app, 'Asking in 5 s');
		await press(app, 's');
		await waitForText(app, 'Step 7 of 7 · Result');
		const frame = flat(currentFrame(app));
		expect(frame).toContain('Lookup stopped: find it by hand');
		expect(frame).toContain('Find it in Business Center (Steps 10–12 of the guide)');
		expect(frame).toContain('Transaction Management › Transactions');
		const [payment] = testSim.transactions();
		expect(frame).toContain(`REQUEST ID ${payment?.id ?? 'missing'}`);
		expect(testLog.requests('GET /tss/v2/transactions/')).toEqual([]);
		expectNoSecret(app, key.secret);
	});
});

describe('--lookup-timeout', () => {
	test('0 skips the lookup: no wait, no transaction search, the manual Business Center steps are shown', async () => {
		const clock = gatedClock();
		const key = testSim.generateKey({orgId: 'nolookup_merchant'});
		const app = startWizard(services({sleep: clock.sleep, lookupTimeoutMs: 0}));
		await typedKeyToReview(app, 't', key, key.secret);
		await press(app, 'j', keys.enter);
		await waitForText(app, 'Step 7 of 7 · Result');
		const frame = flat(currentFrame(app));
		expect(frame).toContain('Transaction Management › Transactions');
		expect(frame).not.toContain('Asking in 5 s');
		const payments = testSim.transactions().filter((transaction) => transaction.merchantId === 'nolookup_merchant');
		expect(payments).toHaveLength(1);
		expect(frame).toContain(`REQUEST ID ${payments[0]?.id ?? 'missing'}`);
		expect(testLog.requests('GET /tss/v2/transactions/')).toEqual([]);
		expectNoSecret(app, key.secret);
	});
});

describe('production', () => {
	test('the default is the no-charge check: nothing is paid, the screen says so', async () => {
		const key = productionSim.generateKey({orgId: 'live_merchant'});
		const app = startWizard(services());
		await typedKeyToReview(app, 'p', key, key.secret);
		expect(flat(currentFrame(app))).toContain('In production the test is a no-charge check');
		expect(flat(currentFrame(app))).toContain('c: send a real 1.00 authorization, reversed automatically');
		await press(app, keys.enter);
		await waitForText(app, 'Your key pair works (HTTP Signature and JWT, no-charge check).');
		expect(flat(currentFrame(app))).toContain('No-charge check: no payment was sent');
		expect(flat(allText(app))).toContain('Sending the no-charge check to');
		expect(productionSim.transactions()).toEqual([]);
		expect(currentFrame(app)).not.toContain('REQUEST ID');
		await finishRun(app, exitCodes.ok);
		expectNoSecret(app, key.secret);
	});

	test('a confirmed charge whose reversal fails: shown first, with the request ID and the void steps', async () => {
		const key = productionSim.generateKey({orgId: 'live_merchant'});
		const app = startWizard(
			services({
				runKeyTest: async (request, deps) =>
					runKeyTest(request, {
						...deps,
						env: {},
						onStage(event) {
							// The payment went through; CyberSource fails the reversal (and the lookups after it).
							if (event.type === 'reversal-start') productionSim.setFaults({status502: true});
							deps.onStage?.(event);
						},
					}),
			}),
		);
		await typedKeyToReview(app, 'p', key, key.secret);
		await press(app, 'j', 'c');
		await typeCard(app, nextYearMastercard());
		await typeAndEnter(app, 'live_merchant');
		await waitForText(app, 'Request ID to void');
		const [payment, ...others] = productionSim.transactions();
		expect(others).toEqual([]);
		const frame = flat(currentFrame(app));
		expect(frame).toContain('✖ Your key pair works, but the automatic reversal FAILED');
		expect(frame).toContain(`Request ID to void: ${payment?.id ?? 'missing'}`);
		expect(frame).toContain('Void / Reverse the authorization');
		expect(frame).toContain('https://businesscenter.cybersource.com');
		// Prominent: right under the verdict, before anything else (both present, the banner first).
		const banner = frame.indexOf('THE AUTOMATIC REVERSAL FAILED');
		const requestId = frame.indexOf('REQUEST ID');
		expect(banner).toBeGreaterThanOrEqual(0);
		expect(requestId).toBeGreaterThanOrEqual(0);
		expect(banner).toBeLessThan(requestId);
		expect(currentFrame(app).split('\n')[0]).toMatch(/^Step 7 of 7 · Result/);
		// Money is held until someone voids it: exit 1, as check exits.
		await finishRun(app, exitCodes.failed);
		expectNoSecret(app, key.secret);
	});

	test('a test key against the production identity: the environment swap finds where it works', async () => {
		const key = testSim.generateKey({orgId: 'swap_merchant'});
		const app = startWizard(services());
		await typedKeyToReview(app, 'p', key, key.secret);
		await press(app, 'j', keys.enter);
		await waitForText(app, 'rejected the key pair');
		const frame = flat(currentFrame(app));
		expect(frame).toContain('1. The key belongs to the other environment (test and production keys are separate).');
		expect(frame).toContain('✖ Environment swap failed');
		expect(frame).toContain('– Control skipped');
		expect(productionSim.transactions()).toEqual([]);
		expect(testSim.transactions()).toEqual([]);
		await press(app, 'd');
		await waitForText(app, 'Result › Details');
		expect(flat(currentFrame(app))).toContain('Your key authenticates in test, not in production');
		await press(app, keys.escape);
		await waitForText(app, 'Likely causes');
		expectNoSecret(app, key.secret);
	});
});

describe('diagnosis of a 401', () => {
	test('a wrong secret: every probe with its outcome, the ranked causes; d shows the steps, the checklist and HTTP Signature\'s retirement', async () => {
		const key = testSim.generateKey({orgId: 'probe_merchant'});
		const app = startWizard(services());
		await typedKeyToReview(app, 't', key, wrongSecret);
		await press(app, 'h', keys.enter);
		await waitForText(app, 'Finding out why: no-charge probes', 5000).catch(() => undefined);
		await waitForText(app, 'rejected the key pair');
		const frame = flat(currentFrame(app));
		expect(frame).toContain('Likely causes, most likely first');
		expect(frame).toContain('1. The key ID and shared secret are not a pair CyberSource accepts');
		expect(frame).toContain('(1 more: press d)');
		for (const probe of ['✔ Credential checks passed', '✔ Clock passed', '✔ Environment swap passed', '✔ Control passed', '✔ GET against POST passed', '– Meta key signing mode skipped']) {
			expect(frame).toContain(probe);
		}

		expect(frame).toContain('What to check next: press d');
		// Only the failed payment: the probes are GETs and move no money.
		expect(testLog.requests('POST /pts/v2/payments')).toHaveLength(1);
		expect(testSim.transactions()).toEqual([]);
		expect(productionSim.transactions()).toEqual([]);

		await press(app, 'd');
		await waitForText(app, 'Result › Details');
		const details: string[] = [flat(currentFrame(app))];
		for (let page = 0; page < 8 && !currentFrame(app).includes('· end'); page += 1) {
			await press(app, ' ');
			details.push(flat(currentFrame(app)));
		}

		const text = details.join(' ');
		expect(text).toContain('1. This machine signs correctly (the sample credentials work), so the key pair is at fault');
		expect(text).toContain('Control (published sample credentials): passed.');
		expect(text).toContain('Meta key signing mode: skipped.');
		expect(text).toContain('Check in Business Center');
		expect(text).toContain('Payment Configuration › Key Management');
		expect(text).toContain('HTTP Signature is being retired');
		for (const line of currentFrame(app).split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
		await press(app, keys.escape);
		await waitForText(app, 'Step 7 of 7 · Result');
		await finishRun(app, exitCodes.failed);
		expectNoSecret(app, key.secret);
	});

	test('at 60 columns the failure screen fits and stays readable', async () => {
		const key = testSim.generateKey({orgId: 'narrow_merchant'});
		const app = startWizard(services(), {}, 60);
		await typedKeyToReview(app, 't', key, wrongSecret);
		await press(app, 'h', keys.enter);
		await waitForText(app, 'rejected the key pair');
		const frame = currentFrame(app);
		expect(frame.split('\n')[0]).toMatch(/^Step 7 of 7 · Result/);
		expect(frame.split('\n').length).toBeLessThanOrEqual(23);
		expect(flat(frame)).toContain('1. The key ID and shared secret are not a pair');
		expectFits(app, 60);
	});
});

describe('a payment that hangs', () => {
	test('short timeout: "may have gone through", never retried (one payment request arrived)', async () => {
		const key = testSim.generateKey({orgId: 'hang_merchant'});
		const app = startWizard(services({runKeyTest: async (request, deps) => runKeyTest(request, {...deps, env: {}, timeouts: {headersMs: 300}})}));
		await typedKeyToReview(app, 't', key, key.secret);
		testSim.setFaults({hang: true});
		await press(app, keys.enter); // both methods
		await waitForText(app, 'Step 7 of 7 · Result', 8000);
		const frame = flat(currentFrame(app));
		expect(frame).toContain('⚠ The payment may have gone through');
		expect(frame).toContain('was not retried');
		expect(frame).toContain('Transaction Management › Transactions');
		expect(testLog.requests('POST /pts/v2/payments')).toHaveLength(1);
		expectNoSecret(app, key.secret);
	});
});

describe('--plain', () => {
	test('lookup waits, the found transaction, probes and causes are transcript lines; no spinner', async () => {
		const practiceKey = {secret: ''};
		const clock = gatedClock();
		const sim = await startSimulator({env: 'test', clock: clock.now, searchDelayMs: 7000});
		try {
			const app = startWizard(practiceOnClock(sim, clock), {plain: true, noColor: true});
			const running = practiceRunToResult(app, harness);
			await clock.open();
			await clock.open();
			practiceKey.secret = (await running).secret;
			const text = allText(app);
			expect(flat(text)).toMatch(/CyberSource takes a little while to make a transaction searchable; asking in 5 s \(together with request ID \d+\)\./);
			expect(flat(text)).toMatch(/CyberSource takes a little while to make a transaction searchable; asking again in 10 s \(together with request ID \d+\)\./);
			expect(text).toMatch(/^✔ Step 12, done for you: the transaction search shows it:\nRequest ID \d+ · 102\.21 USD · 2026-01-05 09:00:00 UTC\nics_auth AUTHORIZED · SOK · Request was processed successfully\.$/m);
			expect(text).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
			expectNoSecret(app, practiceKey.secret);
		} finally {
			await sim.close();
		}

		const key = testSim.generateKey({orgId: 'plain_merchant'});
		const app = startWizard(services(), {plain: true, noColor: true});
		await typedKeyToReview(app, 't', key, wrongSecret);
		await press(app, 'h', keys.enter);
		await waitForText(app, 'rejected the key pair');
		const text = allText(app);
		expect(text).toMatch(/^✔ Environment swap: passed\. /m);
		expect(text).toMatch(/^✔ Control \(published sample credentials\): passed\. /m);
		expect(text).toMatch(/^– Meta key signing mode: skipped\. /m);
		expect(flat(text)).toMatch(/Likely cause 1: This machine signs correctly .*?\[KEY_OR_SECRET_WRONG\]/);
		expect(text).toMatch(/^Check in Business Center: /m);
		expect(text).toMatch(/^ℹ HTTP Signature is being retired/m);
		expect(text).not.toMatch(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
		expectNoSecret(app, key.secret);
	});
});

describe('pure helpers', () => {
	test('wrapText keeps every line within the width, with a hanging indent; long words are cut', async () => {
		const {wrapText} = await import('../source/wizard/wrap-text.js');
		expect(wrapText('one two three four', 9, '1. ', '   ')).toEqual(['1. one', '   two', '   three', '   four']);
		expect(wrapText('aaaaaaaaaaaa', 5)).toEqual(['aaaaa', 'aaaaa', 'aa']);
		expect(wrapText('', 10, '• ')).toEqual(['• ']);
		for (const line of wrapText('CyberSource takes a little while to make a transaction searchable.', 20, '→ ', '  ')) {
			expect([...line].length).toBeLessThanOrEqual(20);
		}
	});

	test('scrolledTo stays within the text', async () => {
		const {scrolledTo} = await import('../source/steps/result-details.js');
		expect(scrolledTo(0, -1, 50, 10)).toBe(0);
		expect(scrolledTo(0, 9, 50, 10)).toBe(9);
		expect(scrolledTo(35, 9, 50, 10)).toBe(40);
		expect(scrolledTo(0, 5, 8, 10)).toBe(0);
	});

	test('the countdown rounds up to whole seconds and never goes below 0', async () => {
		const {secondsLeft} = await import('../source/components/send-stage-view.js');
		expect(secondsLeft(5000, 0)).toBe(5);
		expect(secondsLeft(5000, 4100)).toBe(1);
		expect(secondsLeft(5000, 6000)).toBe(0);
	});
});
