/**
 * Saved profiles in the wizard: offered on the welcome screen and used; saved after a successful test
 * without the secret (the default) or with it (after answering yes); a corrupt config file.
 * Real simulator, temporary config directories; every frame searched for the secret.
 */
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {exitCodes} from '../source/exit-codes.js';
import {currentFrame, keys, press, typeAndEnter, waitForText} from './helpers/ink.js';
import {
	allText,
	createHarness,
	expectNoSecret,
	flat,
	practiceRunToResult,
	startWizard,
	type Harness,
	type Run,
} from './helpers/wizard-harness.js';

let harness: Harness;
beforeEach(async () => {
	harness = await createHarness();
});
afterEach(async () => {
	await harness.close();
});

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

async function saveProfile(app: Run, storeSecret: boolean) {
	await press(app, 's');
	await waitForText(app, 'Profile name');
	expect(currentFrame(app)).toContain('Enter keeps practice_merchant');
	await press(app, keys.enter);
	await waitForText(app, 'Also store the shared secret in the profile?');
	// The default (the cursor) is No.
	expect(currentFrame(app)).toMatch(/❯ \[n\] No/);
	expect(currentFrame(app)).toContain('mode 0600');
	await press(app, storeSecret ? 'y' : keys.enter);
	await waitForText(app, '✔ Profile practice_merchant saved');
}

describe('saving a profile after a successful test', () => {
	test('without the secret (the default): the file has no secret, 0600 in a 0700 directory; the next run offers it and asks only for the secret', async () => {
		const app = startWizard(harness.services());
		const key = await practiceRunToResult(app, harness);
		expect(currentFrame(app)).toContain('Next: s saves a profile, e exports the SDK configuration.');
		await saveProfile(app, false);
		const file = path.join(harness.configDir, 'config.json');
		expect(flat(currentFrame(app))).toContain(`saved in ${file} (without the shared secret)`);
		const stored = readFileSync(file, 'utf8');
		expect(stored).toContain(key.keyId);
		expect(stored).not.toContain(key.secret);
		expect(stored).not.toContain('"secret"');
		expect(mode(file)).toBe('600');
		expect(mode(harness.configDir)).toBe('700');
		const profile: unknown = JSON.parse(stored);
		expect(profile).toMatchObject({
			profiles: {practice_merchant: {orgId: 'practice_merchant', keyId: key.keyId, environment: 'simulator', auth: 'both'}},
		});
		await press(app, keys.enter);
		await waitForText(app, 'Step 7 of 7 · Result');
		expect(currentFrame(app)).toContain('✔ Profile practice_merchant saved');
		expectNoSecret(app, key.secret);

		// A new run: the welcome screen offers the profile; choosing it asks only for the secret.
		const next = startWizard(harness.services());
		await waitForText(next, 'test a saved profile again');
		expect(flat(currentFrame(next))).toContain('[1] practice_merchant · Practice · practice_merchant · asks for the secret');
		await press(next, '1');
		await waitForText(next, 'Step 4 of 7 · Your credentials');
		expect(currentFrame(next)).toContain('✔ Organization ID practice_merchant');
		expect(currentFrame(next)).toContain(`✔ Key ID ${key.keyId}`);
		expect(currentFrame(next)).toContain('Shared secret');
		await typeAndEnter(next, key.secret);
		await waitForText(next, 'Step 5 of 7 · Review');
		expect(flat(currentFrame(next))).toContain('saved profile practice_merchant');
		await press(next, keys.enter);
		await waitForText(next, 'Your key pair works');
		await press(next, keys.enter);
		await next.exited;
		expect(next.exitCode()).toBe(exitCodes.ok);
		expectNoSecret(next, key.secret);
	});

	test('with the secret after answering yes: stored 0600, the screen says where; the next run goes straight to the review', async () => {
		const app = startWizard(harness.services());
		const key = await practiceRunToResult(app, harness);
		await saveProfile(app, true);
		const file = path.join(harness.configDir, 'config.json');
		const screen = flat(currentFrame(app));
		expect(screen).toContain(`saved with the shared secret in ${file} (mode 0600, in a 0700 directory)`);
		expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({profiles: {practice_merchant: {secret: key.secret}}});
		expect(mode(file)).toBe('600');
		expect(mode(harness.configDir)).toBe('700');
		expectNoSecret(app, key.secret);

		// Screen sharing: the saved profile is listed without its IDs (its name is the organization ID).
		const hidden = startWizard(harness.services(), {redactIds: true});
		await waitForText(hidden, 'secret stored');
		expect(allText(hidden)).not.toContain('practice_merchant');
		expect(currentFrame(hidden)).toContain('[1] practice… · Practice · practice… · secret stored');
		hidden.unmount();

		const next = startWizard(harness.services());
		await waitForText(next, 'secret stored');
		await press(next, '1');
		// Straight to the review (once the offline simulator has started).
		await waitForText(next, key.keyId);
		expect(currentFrame(next)).toContain('Step 5 of 7 · Review');
		expect(allText(next)).not.toContain('Step 4 of 7');
		expect(currentFrame(next)).toContain(`••••••••${key.secret.slice(-4)}`);
		await press(next, keys.enter);
		await waitForText(next, 'Your key pair works');
		expectNoSecret(next, key.secret);
	});

	test('a profile name that is not valid is explained and not saved', async () => {
		const app = startWizard(harness.services());
		await practiceRunToResult(app, harness);
		await press(app, 's');
		await waitForText(app, 'Profile name');
		await typeAndEnter(app, 'my shop!');
		await waitForText(app, 'is not a valid profile name');
		expect(existsSync(path.join(harness.configDir, 'config.json'))).toBe(false);
		await press(app, keys.escape);
		await waitForText(app, 'Step 7 of 7 · Result');
	});
});

describe('the welcome screen and the config file', () => {
	test('a corrupt config file: the store\'s notice is shown, the file is kept aside, the wizard still works', async () => {
		mkdirSync(harness.configDir, {recursive: true, mode: 0o700});
		writeFileSync(path.join(harness.configDir, 'config.json'), '{"profiles": {broken', {mode: 0o600});
		const app = startWizard(harness.services());
		await waitForText(app, 'could not be used');
		const screen = flat(currentFrame(app));
		expect(screen).toContain('it is not valid JSON');
		expect(screen).toContain('kept, not deleted');
		expect(readdirSync(harness.configDir).some((name) => name.startsWith('config.json.corrupt-'))).toBe(true);
		await press(app, 'o');
		await waitForText(app, 'Which key will you use?');
		expect(allText(app)).toContain('Step 2 of 7');
	});
});
