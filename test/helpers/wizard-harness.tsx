/**
 * Shared set-up for the wizard's in-process tests: the REAL simulator (Practice mode), services with a
 * temporary config directory and working directory, the display options under test, and the searches
 * every run ends with (no secret on any frame, in any form).
 */
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {expect} from 'vitest';
import {App} from '../../source/app.js';
import {defaultDisplay, type DisplayOptions} from '../../source/components/display.js';
import {environment, withBaseUrl} from '../../source/cybersource/environments.js';
import {readKeyFile} from '../../source/cybersource/read-key-file.js';
import {runKeyTest} from '../../source/cybersource/key-test.js';
import {findSecretLeaks} from '../../source/debug-log/redact.js';
import {currentSystemInfo} from '../../source/report/system-info.js';
import {startSimulator, type Simulator} from '../../source/simulator/index.js';
import {createProfileService} from '../../source/wizard/profile-service.js';
import {practiceSession, type WizardServices} from '../../source/wizard/services.js';
import {cleanupApps, renderApp, type TestInstance} from './render.js';
import {currentFrame, keys, press, typeAndEnter, waitForText} from './ink.js';

export type Harness = {
	readonly dir: string;
	readonly configDir: string;
	readonly workDir: string;
	readonly sim: Simulator;
	/** Practice mode on `simulator` instead (its key downloads in this harness's downloads folder). */
	practiceOn(simulator: Simulator): WizardServices['startPractice'];
	services(overrides?: Partial<WizardServices>): WizardServices;
	close(): Promise<void>;
};

export async function createHarness(): Promise<Harness> {
	const dir = mkdtempSync(path.join(tmpdir(), 'wizard-h-'));
	const sim = await startSimulator({env: 'test', searchDelayMs: 0});
	const configDir = path.join(dir, 'config');
	const workDir = path.join(dir, 'work');
	const {mkdirSync} = await import('node:fs');
	mkdirSync(workDir);
	return {
		dir,
		configDir,
		workDir,
		sim,
		practiceOn: (simulator) => async () => practiceSession(simulator, {downloadDir: path.join(dir, 'downloads'), owned: false}),
		services: (overrides = {}) => ({
			environments: simulatorEnvironments(sim, sim),
			startPractice: async () => practiceSession(sim, {downloadDir: path.join(dir, 'downloads'), owned: false}),
			readKeyFile: async (file) => readKeyFile(file, dir),
			runKeyTest: async (request, deps) => runKeyTest(request, {...deps, env: {}}),
			browser: {available: false, open: async () => false},
			now: Date.now,
			// The lookup's waits pass at once (the simulator's search delay is 0): no real waiting.
			sleep: instantSleep,
			profiles: createProfileService(configDir),
			workDir,
			system: currentSystemInfo(),
			proxyEnv: {},
			...overrides,
		}),
		async close() {
			cleanupApps();
			await sim.close();
			rmSync(dir, {recursive: true, force: true});
		},
	};
}

/** Test and Production pointed at the given simulators (the same one for both by default in the harness). */
export function simulatorEnvironments(test: Simulator, production: Simulator): WizardServices['environments'] {
	return {
		test: withBaseUrl(environment('test'), new URL(test.url)),
		production: withBaseUrl(environment('production'), new URL(production.url)),
	};
}

/** A lookup wait that passes at once (still ends on abort, like the real one). */
export async function instantSleep(_ms: number, signal?: AbortSignal): Promise<void> {
	signal?.throwIfAborted();
}

export type Run = TestInstance & {readonly exitCode: () => number | undefined};

export function startWizard(services: WizardServices, display: Partial<DisplayOptions> = {}, columns = 80): Run {
	let code: number | undefined;
	const app = renderApp(
		<App
			services={services}
			display={{...defaultDisplay, ...display}}
			onExit={(exitCode) => {
				code = exitCode;
			}}
		/>,
		{columns},
	);
	return {...app, exitCode: () => code};
}

/** Every frame rendered so far, colour and hyperlink codes removed. */
export function allText(app: TestInstance): string {
	return app.frames.join('\n').replaceAll(/\u001B\[[\d;]*m|\u001B\]8;;[^\u0007]*\u0007/g, '');
}

/** Line breaks and indentation folded into single spaces (wrapping differs by width). */
export function flat(text: string): string {
	return text.replaceAll(/\s+/g, ' ');
}

/** The secret in no form (as typed, base64, base64url, hex, …) and not even a long piece of it. */
export function expectNoSecretIn(text: string, secret: string) {
	expect(secret.length).toBe(44);
	expect(text.includes(secret)).toBe(false);
	expect(findSecretLeaks(text, secret)).toEqual([]);
	expect(text.includes(secret.slice(0, 20))).toBe(false);
	expect(text.includes(secret.slice(20, 40))).toBe(false);
}

export function expectNoSecret(app: TestInstance, secret: string) {
	expectNoSecretIn(allText(app), secret);
}

/** No whole HTTP signature value and no whole JWT. */
export function expectNoSignatureOrToken(text: string) {
	expect(text).not.toMatch(/signature="[A-Za-z\d+/]{20,}={0,2}"/);
	expect(text).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{20,}/);
}

/** The key file the simulated Key Management page "downloaded". */
export function downloadedKey(harness: Harness): {file: string; keyId: string; secret: string} {
	const downloads = path.join(harness.dir, 'downloads');
	const [name] = readdirSync(downloads);
	if (name === undefined) throw new Error('no key file downloaded');
	const file = path.join(downloads, name);
	const text = readFileSync(file, 'utf8');
	return {file, keyId: /^Key: (.+)$/m.exec(text)?.[1] ?? '', secret: /^Shared Secret: (.+)$/m.exec(text)?.[1] ?? ''};
}

/** Enter on the last screen leaves the wizard with exit code `expected`. */
export async function finishRun(app: Run, expected: number) {
	await press(app, keys.enter);
	await app.exited;
	expect(app.exitCode()).toBe(expected);
}

/** Welcome → Practice → ordinary key → simulated Key Management: a key generated and downloaded. */
export async function toPracticeKeyDownloaded(app: Run) {
	await waitForText(app, 'Where do you want to work?');
	await press(app, 'o');
	await waitForText(app, 'Which key will you use?');
	await waitForText(app, 'Step 2 of 7 · Your account');
	await press(app, keys.enter);
	await waitForText(app, 'Key Management (simulated)');
	await waitForText(app, 'Press g to');
	await press(app, 'g');
	await waitForText(app, 'Key file downloaded to:');
}

/** After the download: import the downloaded key file, keeping its path (the defaults) → review. */
export async function importDownloadedToReview(app: Run) {
	await press(app, keys.enter);
	await giveKeyBy(app, 'f', keys.enter);
	await press(app, keys.enter);
	await waitForText(app, 'Step 5 of 7 · Review');
}

/** Welcome → Practice → ordinary key → generate → import the downloaded file → review → both methods → result. */
export async function practiceRunToResult(app: Run, harness: Harness) {
	await toPracticeKeyDownloaded(app);
	await importDownloadedToReview(app);
	await press(app, keys.enter);
	await waitForText(app, 'Your key pair works');
	return downloadedKey(harness);
}

/** Welcome → Test (t) or Production (p) → one merchant → Step 3, Create the key. */
export async function toCreateKeyStep(app: Run, where: 't' | 'p') {
	await waitForText(app, 'Where do you want to work?');
	await press(app, where);
	await waitForText(app, 'Which key will you use?');
	await press(app, 'm');
	await waitForText(app, 'Step 3 of 7 · Create the key');
}

/**
 * "How do you want to give the key?" → typed values (t) or a key file (f); ends on the first field.
 * `key` is what is pressed (Enter when the choice is already the default).
 */
export async function giveKeyBy(app: Run, how: 't' | 'f', key: string = how) {
	await waitForText(app, 'How do you want to give the key?');
	await press(app, key);
	await waitForText(app, how === 't' ? 'Organization ID' : 'Path of the key file');
}

/** On the organization ID field: the three values typed, each once its field shows → review. */
export async function typeCredentialsToReview(app: Run, key: {readonly orgId: string; readonly keyId: string}, secret: string) {
	await typeAndEnter(app, key.orgId);
	await waitForText(app, 'Key ID');
	await typeAndEnter(app, key.keyId);
	await waitForText(app, 'Shared secret');
	await typeAndEnter(app, secret);
	await waitForText(app, 'Step 5 of 7 · Review');
}

/** Welcome → Test or Production → "I already have a key" → typed values → review. */
export async function typedKeyToReview(app: Run, where: 't' | 'p', key: {readonly orgId: string; readonly keyId: string}, secret: string) {
	await toCreateKeyStep(app, where);
	await press(app, 'a');
	await giveKeyBy(app, 't');
	await typeCredentialsToReview(app, key, secret);
}

export type TypedCard = {readonly number: string; readonly expiry: string; readonly securityCode: string};

/** A valid Mastercard expiring next December, as typed. */
export function nextYearMastercard(): TypedCard {
	return {number: '5555 5555 5555 4444', expiry: `12/${new Date().getUTCFullYear() + 1}`, securityCode: '737'};
}

/**
 * After `c` on a production review: waits for the card screen (`cardScreen`), types the number, expiry
 * and security code, and waits for the typed-organization-ID confirmation (`confirm`).
 */
export async function typeCard(app: Run, card: TypedCard, cardScreen = 'Card number', confirm = 'to confirm') {
	await waitForText(app, cardScreen);
	await typeAndEnter(app, card.number);
	await waitForText(app, 'Expiry date');
	await typeAndEnter(app, card.expiry);
	await waitForText(app, 'Security code');
	await typeAndEnter(app, card.securityCode);
	await waitForText(app, confirm);
}

export {currentFrame};
