/**
 * Issue 7 in the wizard: the support report (`r`), the SDK configuration export (`e`), --redact-ids and
 * its `i` toggle, --plain, --debug FILE. Real simulator, temporary directories; every artifact and every
 * frame searched for the secret (all its forms).
 */
import {randomBytes} from 'node:crypto';
import {readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {parseWizardArgs} from '../source/commands/wizard.js';
import {UsageError} from '../source/commands/command-io.js';
import {openDebugLog} from '../source/session/artifacts/debug-log.js';
import {currentFrame, keys, press, typeAndEnter, waitForText} from './helpers/ink.js';
import {
	allText,
	createHarness,
	downloadedKey,
	expectNoSecret,
	expectNoSecretIn,
	expectNoSignatureOrToken,
	flat,
	practiceRunToResult,
	startWizard,
	type Harness,
} from './helpers/wizard-harness.js';

let harness: Harness;
beforeEach(async () => {
	harness = await createHarness();
});
afterEach(async () => {
	await harness.close();
});

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe('support report (r)', () => {
	test('after success: Markdown + JSON in the current directory, 0600, timestamped, never overwritten; no secret, signature or token', async () => {
		const app = startWizard(harness.services());
		const key = await practiceRunToResult(app, harness);
		await press(app, 'r');
		await waitForText(app, 'Support report written');
		const screen = flat(currentFrame(app));
		expect(screen).toContain('Support › Support Center › General Support Request');
		expect(screen).toContain('quote the correlation ID and request ID');
		expect(screen).toMatch(/HTTP Signature: correlation ID [\da-f-]{36}, request ID \d{22}/);
		expect(screen).toContain('offline simulator, not CyberSource');
		const files = readdirSync(harness.workDir).sort();
		expect(files).toHaveLength(2);
		expect(files[0]).toMatch(/^cybs-key-report-\d{8}-\d{6}Z\.json$/);
		expect(files[1]).toMatch(/^cybs-key-report-\d{8}-\d{6}Z\.md$/);
		for (const name of files) {
			const file = path.join(harness.workDir, name);
			expect(screen).toContain(file);
			expect(mode(file)).toBe('600');
			const text = readFileSync(file, 'utf8');
			expectNoSecretIn(text, key.secret);
			expectNoSignatureOrToken(text);
			expect(text).not.toContain(key.keyId);
			expect(text).toContain(key.keyId.slice(0, 8));
		}

		// Back to the result; a second report gets a new name (same second: -2), the first is untouched.
		const first = readFileSync(path.join(harness.workDir, files[1] ?? ''), 'utf8');
		await press(app, keys.enter);
		await waitForText(app, '✔ Support report cybs-key-report-');
		await press(app, 'r');
		await waitForText(app, 'Support report written');
		await press(app, keys.enter);
		await waitForText(app, 'Step 7 of 7 · Result');
		expect(readdirSync(harness.workDir)).toHaveLength(4);
		expect(readFileSync(path.join(harness.workDir, files[1] ?? ''), 'utf8')).toBe(first);
		expectNoSecret(app, key.secret);
	});

	test('after a rejected key (the diagnosis is on the result screen): r writes the report too', async () => {
		const app = startWizard(harness.services());
		await practiceRunToResult(app, harness);
		const key = downloadedKey(harness);
		const wrong = randomBytes(32).toString('base64');
		// Back to the credentials and type a wrong secret.
		await press(app, keys.escape);
		await waitForText(app, 'Step 5 of 7 · Review');
		await press(app, keys.escape);
		await waitForText(app, 'How do you want to give the key?');
		await press(app, 't');
		await waitForText(app, 'Enter keeps practice_merchant');
		await press(app, keys.enter);
		await waitForText(app, 'Enter keeps ' + key.keyId);
		await press(app, keys.enter);
		await waitForText(app, 'Shared secret');
		await typeAndEnter(app, wrong);
		await waitForText(app, 'Step 5 of 7 · Review');
		await press(app, 'h', keys.enter);
		await waitForText(app, 'rejected the key pair');
		expect(currentFrame(app)).toContain('Press r for a support report');
		expect(currentFrame(app)).not.toContain('s save profile');
		await press(app, 'r');
		await waitForText(app, 'Support report written');
		const markdown = readdirSync(harness.workDir).find((name) => name.endsWith('.md')) ?? '';
		const text = readFileSync(path.join(harness.workDir, markdown), 'utf8');
		expect(text).toContain('401');
		expectNoSecretIn(text, wrong);
		expectNoSignatureOrToken(text);
		expectNoSecret(app, wrong);
		expectNoSecret(app, key.secret);
	});
});

describe('SDK configuration export (e)', () => {
	test('written 0600 to the confirmed folder; an existing file is kept when the answer is no; the secret stays in the environment', async () => {
		const app = startWizard(harness.services());
		const key = await practiceRunToResult(app, harness);
		const existing = path.join(harness.workDir, '.env');
		writeFileSync(existing, 'MINE=1\n', {mode: 0o644});
		await press(app, 'e');
		await waitForText(app, 'Folder to write them to');
		expect(currentFrame(app)).toContain(`Enter keeps ${harness.workDir}`);
		expect(currentFrame(app)).toContain('JWT');
		await press(app, keys.enter);
		await waitForText(app, 'already exists. Replace it?');
		expect(currentFrame(app)).toContain(existing);
		expect(currentFrame(app)).toMatch(/❯ \[n\] No, keep the existing file/);
		await press(app, 'n');
		await waitForText(app, 'SDK configuration in');
		const screen = flat(currentFrame(app));
		expect(screen).toContain('3 written, 1 kept as they were');
		expect(screen).toContain(`kept, not overwritten: ${existing}`);
		expect(screen).toContain("export CYBERSOURCE_SHARED_SECRET='<your shared secret>'");
		expect(readFileSync(existing, 'utf8')).toBe('MINE=1\n');
		const written = readdirSync(harness.workDir).filter((name) => name !== '.env');
		expect(written.sort()).toEqual(['cybersource-config.cjs', 'cybersource_config.py', 'cybs.properties']);
		for (const name of written) {
			const file = path.join(harness.workDir, name);
			expect(mode(file)).toBe('600');
			const text = readFileSync(file, 'utf8');
			expectNoSecretIn(text, key.secret);
			expect(text).toContain(key.keyId);
			expect(text).toContain('CYBERSOURCE_SHARED_SECRET');
		}

		expect(readFileSync(path.join(harness.workDir, 'cybersource-config.cjs'), 'utf8')).toContain(`'authenticationType': "jwt"`);
		await press(app, keys.enter);
		await waitForText(app, '✔ SDK configuration: 3 written, 1 kept in');
		expect(currentFrame(app)).toContain('Step 7 of 7 · Result');

		// Again, answering yes: the file is replaced (0600).
		await press(app, 'e');
		await waitForText(app, 'Folder to write them to');
		await press(app, keys.enter);
		// One question per existing file: keep the three written a moment ago, replace the .env.
		for (const name of ['cybersource-config.cjs', 'cybersource_config.py', 'cybs.properties']) {
			await waitForText(app, `${path.join(harness.workDir, name)} already exists`);
			await press(app, 'n');
		}

		await waitForText(app, `${existing} already exists`);
		await press(app, 'y');
		await waitForText(app, 'SDK configuration in');
		expect(flat(currentFrame(app))).toContain('1 written, 3 kept as they were');
		expect(readFileSync(existing, 'utf8')).toContain('CYBERSOURCE_SHARED_SECRET=');
		expect(mode(existing)).toBe('600');
		expectNoSecret(app, key.secret);
	});
});

describe('--redact-ids and the i toggle', () => {
	test('the organization ID and key ID are on no frame; the request ID is; i shows them again', async () => {
		const app = startWizard(harness.services(), {redactIds: true});
		const key = await practiceRunToResult(app, harness);
		const payments = harness.sim.transactions().filter((transaction) => transaction.kind === 'payment');
		expect(payments).toHaveLength(2);
		const result = currentFrame(app);
		for (const payment of payments) expect(result).toContain(`REQUEST ID ${payment.id}`);
		expect(result).toContain('i show IDs');
		const frames = allText(app);
		expect(frames).not.toContain(key.keyId);
		expect(frames).not.toContain('practice_merchant');
		expect(frames).toContain(key.keyId.slice(0, 8) + '…');
		expect(frames).toContain('practice…');

		// r and s screens keep them hidden too.
		await press(app, 's');
		await waitForText(app, 'Profile name');
		expect(currentFrame(app)).toContain('Enter keeps practice…');
		await press(app, keys.escape);
		await waitForText(app, 'Step 7 of 7 · Result');
		expect(allText(app)).not.toContain('practice_merchant');

		await press(app, 'i');
		await waitForText(app, 'i hide IDs');
		await press(app, keys.escape);
		await waitForText(app, 'Step 5 of 7 · Review');
		expect(currentFrame(app)).toContain(key.keyId);
		expect(currentFrame(app)).toContain('practice_merchant');
		await press(app, 'i');
		await waitForText(app, 'i show IDs');
		expect(currentFrame(app)).not.toContain(key.keyId);
		expectNoSecret(app, key.secret);
	});

	test('typed IDs are masked as they are typed', async () => {
		const app = startWizard(harness.services(), {redactIds: true});
		await waitForText(app, 'Where do you want to work?');
		await press(app, 'o');
		await waitForText(app, 'Which key will you use?');
		await press(app, keys.enter);
		await waitForText(app, 'Press g to');
		await press(app, 'g');
		await waitForText(app, 'Key file downloaded to:');
		const key = downloadedKey(harness);
		await press(app, keys.enter);
		await waitForText(app, 'How do you want to give the key?');
		await press(app, 't');
		await typeAndEnter(app, 'practice_merchant');
		await waitForText(app, 'Key ID');
		await typeAndEnter(app, key.keyId);
		await waitForText(app, 'Shared secret');
		await typeAndEnter(app, key.secret);
		await waitForText(app, 'Step 5 of 7 · Review');
		const frames = allText(app);
		expect(frames).not.toContain(key.keyId);
		expect(frames).not.toContain('practice_merchant');
		expectNoSecret(app, key.secret);
	});
});

describe('--plain', () => {
	const boxDrawing = /[─│╭╮╰╯═║┌┐└┘]/;
	const spinnerFrames = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/;

	test('no box drawing, no spinner frames, one line per event with the same facts', async () => {
		const app = startWizard(harness.services(), {plain: true, noColor: true});
		const key = await practiceRunToResult(app, harness);
		const frames = allText(app);
		expect(frames).not.toMatch(boxDrawing);
		expect(frames).not.toMatch(spinnerFrames);
		expect(frames).not.toContain('❯');
		const payments = harness.sim.transactions().filter((transaction) => transaction.kind === 'payment');
		const final = currentFrame(app);
		for (const payment of payments) expect(final).toContain(`REQUEST ID ${payment.id}`);
		// The transcript (printed once, above the live screen) reads top to bottom.
		const lines = final.split('\n');
		const at = (text: string) => lines.findIndex((line) => line.startsWith(text));
		expect(at('Step 1 of 7 · Welcome')).toBeGreaterThanOrEqual(0);
		expect(at('Step 1 of 7 · Welcome')).toBeLessThan(at('Step 5 of 7 · Review'));
		expect(at('Step 5 of 7 · Review')).toBeLessThan(at('✔ HTTP Signature: HTTP 201 AUTHORIZED'));
		expect(at('✔ HTTP Signature: HTTP 201 AUTHORIZED')).toBeLessThan(at('✔ Your key pair works'));
		expect(lines.filter((line) => line.startsWith('Step 7 of 7 · Result'))).toHaveLength(2); // transcript + live header
		expect(final).toMatch(/^REQUEST ID \d{22} · JWT · 201 AUTHORIZED$/m);
		expect(final).toMatch(/^Keys: Enter finish; s save profile; e export SDK config; r support report;/m);
		expect(final).toContain(`Shared secret: ••••••••${key.secret.slice(-4)}`);
		await press(app, 'r');
		await waitForText(app, 'Support report written');
		expect(allText(app)).not.toMatch(boxDrawing);
		await waitForText(app, '✔ Support report: ');
		expect(currentFrame(app)).toMatch(/^✔ Support report: .*cybs-key-report-/m);
		expect(currentFrame(app)).toMatch(/^Step 7 of 7 · Result › Support report\nWriting the support report…\n✔ Support report: /m);
		expectNoSecret(app, key.secret);
	});
});

describe('--debug FILE', () => {
	test('every HTTP exchange recorded, Signature/Authorization/secret redacted; the path on the result screen', async () => {
		const file = path.join(harness.dir, 'debug.log');
		const opened = await openDebugLog(file);
		if (!opened.ok) throw new Error(opened.message);
		const app = startWizard(harness.services({debugLog: opened.log}));
		const key = await practiceRunToResult(app, harness);
		// Two payments and the automatic lookup of each (Step 12).
		expect(flat(currentFrame(app))).toContain(`Debug log: ${file} (4 HTTP exchanges; Signature, Authorization and the shared secret redacted)`);
		await press(app, keys.enter);
		await app.exited;
		expect(await opened.log.finish()).toMatchObject({ok: true});
		const text = readFileSync(file, 'utf8');
		expect(mode(file)).toBe('600');
		expect(text.match(/POST .*\/pts\/v2\/payments/g)).toHaveLength(2);
		expect(text.match(/GET .*\/tss\/v2\/transactions\/\d+/g)?.length).toBeGreaterThanOrEqual(2);
		expect(text).toContain('201');
		expect(text).toContain('[REDACTED]');
		expectNoSecretIn(text, key.secret);
		expectNoSignatureOrToken(text);
		expectNoSecret(app, key.secret);
	});

	test('a debug path that cannot be written is refused before the wizard starts', async () => {
		const opened = await openDebugLog(path.join(harness.dir, 'missing', 'debug.log'));
		expect(opened.ok).toBe(false);
		if (!opened.ok) expect(opened.message).toContain('Cannot open the debug log');
	});
});

describe('the wizard\'s flags', () => {
	test('exactly --plain, --redact-ids and --debug FILE; TERM=dumb means plain', () => {
		expect(parseWizardArgs([])).toEqual({plain: false, redactIds: false});
		expect(parseWizardArgs(['--plain', '--redact-ids', '--debug', 'x.log'])).toEqual({plain: true, redactIds: true, debug: 'x.log'});
		expect(parseWizardArgs([], {TERM: 'dumb'})).toEqual({plain: true, redactIds: false});
		expect(() => parseWizardArgs(['--verbose'])).toThrow(UsageError);
		expect(() => parseWizardArgs(['--debug'])).toThrow(UsageError);
		expect(() => parseWizardArgs(['extra'])).toThrow(UsageError);
	});

	test('--lookup-timeout SECONDS sets how long the wizard waits for the transaction search (0 skips)', () => {
		expect(parseWizardArgs(['--lookup-timeout', '0'])).toEqual({plain: false, redactIds: false, lookupTimeoutMs: 0});
		expect(parseWizardArgs(['--lookup-timeout', '120'])).toEqual({plain: false, redactIds: false, lookupTimeoutMs: 120_000});
		for (const bad of ['-1', 'soon', '601', '']) expect(() => parseWizardArgs(['--lookup-timeout', bad])).toThrow(UsageError);
	});
});
