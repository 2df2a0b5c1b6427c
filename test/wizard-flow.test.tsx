/**
 * The wizard end to end, in process, against the REAL simulator (no mocks): practice flow to the
 * request ID, the failure path, back navigation, validation, swapped fields, key-file import,
 * production confirmation, cancel and Ctrl+C. Every frame is searched for the secret.
 */
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {randomBytes} from 'node:crypto';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {startSimulator, type Simulator} from '../source/simulator/index.js';
import {exitCodes} from '../source/exit-codes.js';
import {currentFrame, keys, press, typeAndEnter, waitForText} from './helpers/ink.js';
import {
	allText,
	createHarness,
	downloadedKey,
	expectNoSecret,
	finishRun,
	flat,
	giveKeyBy,
	importDownloadedToReview,
	nextYearMastercard,
	practiceRunToResult,
	simulatorEnvironments,
	startWizard,
	toCreateKeyStep,
	toPracticeKeyDownloaded,
	typeCard,
	typeCredentialsToReview,
	type Harness,
	type Run,
} from './helpers/wizard-harness.js';

let harness: Harness;
let productionSim: Simulator;

beforeEach(async () => {
	harness = await createHarness();
	productionSim = await startSimulator({env: 'production', searchDelayMs: 0});
});

afterEach(async () => {
	await harness.close();
	await productionSim.close();
});

/** Practice and Test on the harness's simulator, Production on the production-identity one. */
function start(columns = 80) {
	return startWizard(harness.services({environments: simulatorEnvironments(harness.sim, productionSim)}), {}, columns);
}

describe('practice flow', () => {
	test('welcome to request ID: the request ID on screen is the simulator\'s transaction id; no frame shows the secret', async () => {
		const app = start();
		await toPracticeKeyDownloaded(app);
		const {file, ...record} = downloadedKey(harness);
		expect(currentFrame(app)).toContain(file);
		expect(currentFrame(app)).toContain(record.keyId);

		await press(app, keys.enter);
		await waitForText(app, 'Step 4 of 7 · Your credentials');
		await press(app, keys.enter); // Import the downloaded key file (the default after a download)
		await waitForText(app, 'Path of the key file');
		expect(currentFrame(app)).toContain(file);
		await press(app, keys.enter); // Enter keeps the downloaded file's path
		await waitForText(app, 'Step 5 of 7 · Review');
		const review = currentFrame(app);
		expect(review).toContain('practice_merchant');
		expect(review).toContain(record.keyId);
		expect(review).toContain(`••••••••${record.secret.slice(-4)}`);
		expect(review).toContain('4111 1111 1111 1111');

		await press(app, keys.enter); // Both methods (default)
		await waitForText(app, 'Step 7 of 7 · Result');
		await waitForText(app, 'Your key pair works');
		const payments = harness.sim.transactions().filter((transaction) => transaction.kind === 'payment');
		expect(payments).toHaveLength(2);
		const result = currentFrame(app);
		for (const payment of payments) expect(result).toContain(`REQUEST ID ${payment.id}`);
		expect(result).toContain('HTTP Signature');
		expect(result).toContain('JWT');
		expect(result).toContain('AUTHORIZED');
		expect(result).toMatch(/REQUEST ID \d+ · HTTP Signature[^\n]*\n[^\n]*Correlation ID [\da-f-]{36}/);
		expect(result).toContain('Transaction Management › Transactions');

		await finishRun(app, exitCodes.ok);
		expectNoSecret(app, record.secret);
	});

	test('a wrong secret: HTTP 401 with CyberSource\'s message and what to check next; exit code 1', async () => {
		const app = start();
		await toPracticeKeyDownloaded(app);
		const record = downloadedKey(harness);
		const wrongSecret = randomBytes(32).toString('base64');
		await press(app, keys.enter);
		await giveKeyBy(app, 't');
		await typeCredentialsToReview(app, {orgId: 'practice_merchant', keyId: record.keyId}, wrongSecret);
		await press(app, 'h', keys.enter); // HTTP Signature only
		await waitForText(app, 'Step 7 of 7 · Result');
		await waitForText(app, 'rejected the key pair');
		const frame = currentFrame(app);
		expect(frame).toContain('HTTP 401');
		expect(frame).toContain('CyberSource said');
		expect(frame).toContain('What to check next');
		expect(frame).toContain('REST – Shared Secret');
		expect(frame).not.toContain('REQUEST ID');
		expect(harness.sim.transactions()).toHaveLength(0);
		await finishRun(app, exitCodes.failed);
		expectNoSecret(app, wrongSecret);
		expectNoSecret(app, record.secret);
	});

	test('Esc goes back one step at a time and keeps every value', async () => {
		const app = start();
		await toPracticeKeyDownloaded(app);
		const record = downloadedKey(harness);
		await press(app, keys.enter);
		await giveKeyBy(app, 't');
		await typeCredentialsToReview(app, {orgId: 'practice_merchant', keyId: record.keyId}, record.secret);

		await press(app, keys.escape);
		await waitForText(app, 'How do you want to give the key?');
		expect(currentFrame(app)).toMatch(/❯ \[t\] Type or paste the values/);
		await press(app, keys.enter);
		await waitForText(app, 'Enter keeps practice_merchant');
		await press(app, keys.enter);
		await waitForText(app, `Enter keeps ${record.keyId}`);
		await press(app, keys.enter);
		await waitForText(app, `Enter keeps ••••••••${record.secret.slice(-4)}`);
		// Esc inside the fields goes to the previous field, still kept.
		await press(app, keys.escape);
		await waitForText(app, `Enter keeps ${record.keyId}`);
		await press(app, keys.enter);
		await waitForText(app, 'Enter keeps ••••••••');
		await press(app, keys.enter);
		await waitForText(app, 'Step 5 of 7 · Review');
		expect(currentFrame(app)).toContain(record.keyId);

		// All the way back to the welcome screen: the cursor stays on Practice.
		for (const screen of ['How do you want to give the key?', 'Key Management (simulated)', 'Which key will you use?', 'Where do you want to work?']) {
			await press(app, keys.escape);
			await waitForText(app, screen);
		}

		expect(currentFrame(app)).toMatch(/❯ \[o\] Practice offline/);
		// Forward again: the generated key is still there, the values still kept.
		await press(app, keys.enter);
		await waitForText(app, 'Which key will you use?');
		await press(app, keys.enter);
		await waitForText(app, record.keyId);
		await press(app, keys.enter);
		await waitForText(app, 'How do you want to give the key?');
		await press(app, 't');
		await waitForText(app, 'Enter keeps practice_merchant');
		expectNoSecret(app, record.secret);
	});
});

describe('credential checks on each field', () => {
	async function toTypedFields(app: Run) {
		await toPracticeKeyDownloaded(app);
		await press(app, keys.enter);
		await giveKeyBy(app, 't');
	}

	test('validation messages, trimming reported, and the step does not move on an error', async () => {
		const app = start();
		await toTypedFields(app);
		const record = downloadedKey(harness);
		await press(app, keys.enter);
		await waitForText(app, 'Enter the organization ID');
		await typeAndEnter(app, 'ab');
		await waitForText(app, 'is 2 characters; it has 6 to 30');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, '  practice_merchant \n');
		await waitForText(app, 'Key ID');
		expect(currentFrame(app)).toContain('✔ Organization ID practice_merchant');
		expect(currentFrame(app)).toContain('Removed');
		await typeAndEnter(app, 'not-a-uuid');
		await waitForText(app, 'The key ID is not a UUID');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, `"${record.keyId}"`);
		await waitForText(app, 'Shared secret');
		expect(currentFrame(app)).toContain('surrounding quotes');
		await typeAndEnter(app, 'c2hvcnQ=');
		await waitForText(app, 'it should be 44');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff');
		await waitForText(app, 'Secure Acceptance key');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, record.secret);
		await waitForText(app, 'Step 5 of 7 · Review');
		expectNoSecret(app, record.secret);
	});

	test('swapped key ID and secret are offered to be swapped back; the secret never shows in the key ID field', async () => {
		const app = start();
		await toTypedFields(app);
		const record = downloadedKey(harness);
		await typeAndEnter(app, 'practice_merchant');
		await waitForText(app, 'Key ID');
		await press(app, record.secret);
		await waitForText(app, '(44 characters)');
		await press(app, keys.enter);
		await waitForText(app, 'looks like a shared secret');
		await typeAndEnter(app, record.keyId);
		await waitForText(app, 'look swapped');
		await press(app, 'y');
		await waitForText(app, 'Step 5 of 7 · Review');
		expect(currentFrame(app)).toContain(record.keyId);
		expect(currentFrame(app)).toContain('swapped back');
		await press(app, 'h', keys.enter);
		await waitForText(app, 'Your key pair works');
		expectNoSecret(app, record.secret);
	});

	test('a key file: a wrong path explains itself; the right one fills every value', async () => {
		const app = start();
		await toPracticeKeyDownloaded(app);
		const record = downloadedKey(harness);
		const own = path.join(harness.dir, 'my key.pem');
		writeFileSync(own, `Organization ID: practice_merchant\nKey: ${record.keyId}\nShared Secret: ${record.secret}\n`, {mode: 0o600});
		await press(app, keys.enter);
		await giveKeyBy(app, 'f');
		await typeAndEnter(app, 'nowhere.pem');
		await waitForText(app, 'Key file nowhere.pem not found');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, own);
		await waitForText(app, 'Step 5 of 7 · Review');
		const frame = allText(app);
		expect(currentFrame(app)).toContain(record.keyId);
		expect(frame).toContain('my key.pem');
		expectNoSecret(app, record.secret);
	});

	test('a key file without the organization ID asks for it, keeping the key ID and secret', async () => {
		const app = start();
		await toPracticeKeyDownloaded(app);
		const record = downloadedKey(harness);
		const own = path.join(harness.dir, 'bare.pem');
		writeFileSync(own, `Key: ${record.keyId}\nShared Secret: ${record.secret}\n`, {mode: 0o600});
		await press(app, keys.enter);
		await giveKeyBy(app, 'f');
		await typeAndEnter(app, own);
		await waitForText(app, 'Organization ID');
		await typeAndEnter(app, 'practice_merchant');
		await waitForText(app, `Enter keeps ${record.keyId}`);
		await press(app, keys.enter);
		await waitForText(app, 'Enter keeps ••••••••');
		await press(app, keys.enter);
		await waitForText(app, 'Step 5 of 7 · Review');
		expect(flat(currentFrame(app))).toContain(`key file ${own}`);
		expectNoSecret(app, record.secret);
	});
});

describe('production and leaving', () => {
	test('production: Enter sends only the no-charge check; a real charge needs c and the typed organization ID, and is reversed', async () => {
		const key = productionSim.generateKey({orgId: 'live_merchant'});
		const app = start();
		await toCreateKeyStep(app, 'p');
		const frame = currentFrame(app);
		expect(frame).toContain('https://businesscenter.cybersource.com');
		expect(flat(frame)).toContain('Payment Configuration › Key Management › + Generate key › REST – Shared Secret › Generate key › Download key');
		await press(app, 'a');
		await giveKeyBy(app, 't');
		await typeCredentialsToReview(app, key, key.secret);
		expect(flat(currentFrame(app))).toContain(
			'In production the test is a no-charge check: a signed lookup of a transaction that cannot exist; 404 proves the keys authenticate.',
		);
		// c: a real authorization, only after the organization ID is typed; a wrong one sends nothing.
		await press(app, 'h', 'c');
		await typeCard(app, nextYearMastercard(), 'Card number', 'Type the organization ID (live_merchant) to confirm');
		expect(flat(currentFrame(app))).toContain('This sends a real USD 1.00 authorization');
		await typeAndEnter(app, 'live_merchan');
		await waitForText(app, 'Nothing was sent');
		expect(currentFrame(app)).toContain('Step 5 of 7 · Review');
		expect(productionSim.transactions()).toHaveLength(0);
		// Esc leaves the confirmation (back through the card fields) without sending either.
		await press(app, keys.escape, keys.escape, keys.escape, keys.escape);
		await waitForText(app, 'Sign with');
		expect(productionSim.transactions()).toHaveLength(0);
		await press(app, 'c');
		await typeCard(app, nextYearMastercard());
		await typeAndEnter(app, 'live_merchant');
		await waitForText(app, 'Your key pair works');
		const [payment, reversal] = productionSim.transactions();
		expect(flat(allText(app))).toContain('card ending 4444');
		expect(payment).toMatchObject({kind: 'payment', amount: '1.00'});
		expect(reversal).toMatchObject({kind: 'reversal', status: 'REVERSED', relatedId: payment?.id});
		const result = flat(currentFrame(app));
		expect(result).toContain(`REQUEST ID ${payment?.id ?? 'missing'}`);
		expect(result).toContain(`✔ Reversed automatically: 1.00 USD authorization ${payment?.id ?? ''}, reversal ${reversal?.id ?? ''} (REVERSED)`);
		// The direct link is long: at 80 columns it wraps, so compare without line breaks.
		expect(currentFrame(app).replaceAll(/\s+/g, '')).toContain(
			`https://businesscenter.cybersource.com/ebc2/app/TransactionManagement/details?requestId=${payment?.id ?? ''}&merchantId=live_merchant`,
		);
		expectNoSecret(app, key.secret);
	});

	test('Esc while sending cancels the request and returns to the review', async () => {
		const app = start();
		await toPracticeKeyDownloaded(app);
		harness.sim.setFaults({hang: true});
		await importDownloadedToReview(app);
		await press(app, keys.enter);
		await waitForText(app, 'HTTP Signature: sending…');
		expect(currentFrame(app)).toContain('Step 6 of 7');
		expect(currentFrame(app)).toMatch(/Elapsed \d+ s/);
		await press(app, keys.escape);
		await waitForText(app, 'Cancelled.');
		expect(currentFrame(app)).toContain('Step 5 of 7 · Review');
		harness.sim.setFaults({});
		await press(app, keys.enter);
		await waitForText(app, 'Your key pair works');
	});

	test('Ctrl+C leaves at once with exit code 130', async () => {
		const app = start();
		await waitForText(app, 'Where do you want to work?');
		await press(app, 'o');
		await waitForText(app, 'Which key will you use?');
		await press(app, keys.ctrlC);
		await app.exited;
		expect(app.exitCode()).toBe(exitCodes.interrupted);
	});
});

describe('narrow terminals', () => {
	test('at 60 columns every line of every screen fits', async () => {
		const app = start(60);
		await practiceRunToResult(app, harness);
		for (const line of allText(app).split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
	});
});
