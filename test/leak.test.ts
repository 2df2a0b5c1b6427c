/**
 * Issue 8, "No leaks": every scenario the suite knows — the wizard (Practice, Test, success and each
 * failure, report, export, debug log, profiles), `check` (human and --json, every input path, every
 * artifact, faults, production), `sign`, `profiles` and the simulator's --explain console — run with a
 * FRESH RANDOM secret, then everything printed (stdout, stderr, every Ink frame, the simulator's
 * console, the process's own output) and every file written (the scenario's whole temporary tree, plus
 * recent files at the repository's top level, in the temp directory and in the real config directory)
 * searched for the secret in every form (test/helpers/leak-search.ts): zero hits.
 *
 * The only files allowed to hold a secret (test/helpers/leak-audit.ts), each named by path and checked:
 * config.json of a profile saved WITH the secret (0600 in a 0700 directory, and it must hold it), the
 * simulator's simulator-keys.json and simulated key downloads (.pem), 0600; and the files the test
 * itself gives the tool (--secret-file, --key-file), which the tool must leave unchanged.
 */
import {randomBytes} from 'node:crypto';
import {chmodSync, mkdirSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {createCheckMain} from '../source/commands/check/index.js';
import type {CommandIo, CommandMain} from '../source/commands/command-io.js';
import {main as profilesMain} from '../source/commands/profiles.js';
import {createSignMain} from '../source/commands/sign.js';
import {main as simulatorMain} from '../source/commands/simulator.js';
import {defaultSimulatorKeysFile} from '../source/config-dir.js';
import {signHttpSignature} from '../source/cybersource/http-signature.js';
import {startSimulator, type KeyRecord, type Simulator} from '../source/simulator/index.js';
import {fakeIo} from './helpers/check-io.js';
import {audit, checkAllowedFile} from './helpers/leak-audit.js';
import {ledger, LeakScenario, tapProcessOutput} from './helpers/leak-scenario.js';
import {describeHits, findLeaks, findLeaksInBytes, secretForms} from './helpers/leak-search.js';
import {openDebugLog} from '../source/session/artifacts/debug-log.js';
import {exitCodes} from '../source/exit-codes.js';
import {currentFrame, keys, press, typeAndEnter, waitFor, waitForText} from './helpers/ink.js';
import {
	createHarness,
	finishRun,
	giveKeyBy,
	practiceRunToResult,
	startWizard,
	toCreateKeyStep,
	typeCredentialsToReview,
	type Harness,
	type Run,
} from './helpers/wizard-harness.js';

/** check with an instant lookup wait (the simulators' search delay is 0): nothing really waits. */
const checkMain = createCheckMain({sleep: async () => undefined});
const signMain = createSignMain();

let testSim: Simulator;
let productionSim: Simulator;
/** The shared simulators' console (explain lines) goes to the current scenario. */
let current: LeakScenario | undefined;
let tap: ReturnType<typeof tapProcessOutput>;

beforeAll(async () => {
	tap = tapProcessOutput();
	[testSim, productionSim] = await Promise.all([
		startSimulator({env: 'test', searchDelayMs: 0, explain: (line) => current?.print('test simulator console', `${line}\n`)}),
		startSimulator({env: 'production', searchDelayMs: 0, explain: (line) => current?.print('production simulator console', `${line}\n`)}),
	]);
});

afterAll(async () => {
	await Promise.all([testSim.close(), productionSim.close()]);
	tap.restore();
	// The figures for the closing note.
	console.log(
		`leak test: ${ledger.scenarios} scenarios, ${ledger.secrets} secrets, ${ledger.filesScanned} files scanned (${ledger.bytesScanned} bytes), ` +
			`${ledger.printedTexts} printed texts (${ledger.printedBytes} bytes), ${ledger.allowedFiles} allowed files checked, ${ledger.hits} hits`,
	);
});

beforeEach(() => {
	tap.take();
	testSim.setFaults({});
	productionSim.setFaults({});
});

afterEach(() => {
	current?.cleanup();
	current = undefined;
});

/** Runs `body` as a scenario, then audits it: no hit, no broken rule. */
function leakTest(name: string, body: (s: LeakScenario) => Promise<void>, timeout?: number) {
	test(
		name,
		async () => {
			const scenario = new LeakScenario(name);
			current = scenario;
			await body(scenario);
			const result = scenario.finish(tap.take());
			expect(result.problems).toEqual([]);
			expect(describeHits(result.hits)).toBe('');
			expect(result.hits).toHaveLength(0);
			// Something was searched: files, or at least what the scenario printed.
			expect(result.filesScanned + result.allowedSeen + result.printedBytes).toBeGreaterThan(0);
		},
		timeout,
	);
}

type Ran = {readonly code: number; readonly out: string; readonly err: string};

function record(value: unknown): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`not an object: ${String(value)}`);
	return Object.fromEntries(Object.entries(value));
}

function onlyObject(stdout: string): Record<string, unknown> {
	const lines = stdout.split('\n').filter((line) => line !== '');
	expect(lines).toHaveLength(1);
	return record(JSON.parse(lines[0] ?? ''));
}

function codes(list: unknown): string[] {
	if (!Array.isArray(list)) throw new Error('not an array');
	return list.map((item) => String(record(item)['code']));
}

type RunOptions = {readonly env?: Record<string, string | undefined>; readonly stdin?: string; readonly cwd?: string};

/** Runs a command in-process as the scenario's user: its config dir, its working directory; prints recorded. */
async function runCommand(s: LeakScenario, label: string, command: CommandMain, argv: string[], options: RunOptions = {}): Promise<Ran> {
	const io = fakeIo({
		argv,
		env: {CYBS_KEY_WIZARD_CONFIG_DIR: s.configDir, ...options.env},
		cwd: options.cwd ?? s.workDir,
		...(options.stdin === undefined ? {} : {stdin: options.stdin}),
	});
	const code = await command(io);
	const out = io.out();
	const err = io.err();
	// The label names the run without repeating a secret given on its command line.
	const shown = argv.map((arg) => (findLeaks(arg, s.secrets, 'argv').length > 0 ? '<a secret>' : arg)).join(' ');
	s.print(`${label} ${shown} → stdout`, out);
	s.print(`${label} ${shown} → stderr`, err);
	return {code, out, err};
}

async function check(s: LeakScenario, argv: string[], options: RunOptions & {readonly baseUrl?: string | false} = {}): Promise<Ran> {
	const base = options.baseUrl === false ? [] : ['--base-url', options.baseUrl ?? testSim.url];
	return runCommand(s, 'check', checkMain, [...argv, ...base], options);
}

/** --org-id/--key-id/--secret-file for `key`, the secret (or another one) in a test-input file. */
function keyArgs(s: LeakScenario, key: KeyRecord, secret = key.secret): string[] {
	const file = s.input(`secret-${s.allowed.length}.txt`, `${secret}\n`);
	return ['--org-id', key.orgId, '--key-id', key.keyId, '--secret-file', file];
}

/** A random secret with '+' and '/' in it, so that its base64, base64url and unpadded forms all differ. */
function secretWithEveryForm(): string {
	for (;;) {
		const secret = randomBytes(32).toString('base64');
		if (secret.includes('+') && secret.includes('/')) return secret;
	}
}

describe('the search itself can fail (self-test)', () => {
	const secret = secretWithEveryForm();
	const bytes = Buffer.from(secret, 'base64');

	test.each([
		['as given', secret],
		['hex lower', bytes.toString('hex')],
		['hex upper', bytes.toString('hex').toUpperCase()],
		['base64url', bytes.toString('base64url')],
		['base64 unpadded', secret.replace(/=+$/, '')],
		['URL-encoded', encodeURIComponent(secret)],
	])('finds the %s form inside other text', (form, text) => {
		const hits = findLeaks(`log line: key=${text}; done`, [secret], 'self-test');
		expect(hits.length).toBeGreaterThan(0);
		expect(hits.map((hit) => hit.form)).toContain(form);
		// The report names the form, never the secret.
		expect(describeHits(hits)).not.toContain(secret);
		expect(describeHits(hits)).not.toContain(bytes.toString('hex'));
	});

	test('finds the hex form in mixed case, a piece of it, and the secret wrapped across screen lines in a box', () => {
		const hex = bytes.toString('hex');
		const mixed = [...hex].map((char, index) => (index % 2 === 0 ? char.toUpperCase() : char)).join('');
		expect(findLeaks(mixed, [secret], 'mixed').map((hit) => hit.form)).toContain('hex any case');
		expect(findLeaks(`id ${hex.slice(10, 40)} end`, [secret], 'piece')).toHaveLength(1);
		expect(findLeaks(`x ${secret.slice(3, 21)} y`, [secret], 'piece')).toHaveLength(1);
		// Wrapped: no whole form on any line, but the whole secret once escapes, borders and line breaks are gone.
		const wrapped = `│ Secret: \u001B[1m${secret.slice(0, 30)}\u001B[22m │\n│ ${secret.slice(30)}   │`;
		const hits = findLeaks(wrapped, [secret], 'frame');
		expect(hits.filter((hit) => hit.view === 'raw').map((hit) => hit.form)).toEqual([expect.stringContaining('piece')]);
		expect(hits).toContainEqual(expect.objectContaining({form: 'as given', view: 'no-escapes-no-whitespace'}));
	});

	test('finds the raw bytes and Latin-1 text in a file; a clean text (masked secret, another secret) has no hit', () => {
		expect(findLeaksInBytes(Buffer.concat([Buffer.from('header'), bytes, Buffer.from('tail')]), [secret], 'bin').map((hit) => hit.form)).toContain('raw bytes');
		const other = randomBytes(32).toString('base64');
		const clean = `Shared secret: ••••••••${secret.slice(-4)}\nsignature="${other}" ${Buffer.from(other, 'base64').toString('hex')}`;
		expect(findLeaks(clean, [secret], 'clean')).toEqual([]);
		expect(findLeaks(clean, [secret, other], 'clean').length).toBeGreaterThan(0);
		expect(secretForms(secret).map((form) => form.name)).toEqual(expect.arrayContaining(['base64url', 'hex lower', 'hex upper', 'base64 unpadded']));
	});

	test('the audit reports a file holding the hex form, a 0644 allowed file, a changed test input and a stale exclusion', () => {
		const s = new LeakScenario('self-test');
		try {
			const nested = path.join(s.workDir, '.hidden', 'deep');
			mkdirSync(nested, {recursive: true});
			writeFileSync(path.join(nested, 'notes.txt'), `oops ${bytes.toString('hex').toUpperCase()}\n`);
			const keys = path.join(s.configDir, 'simulator-keys.json');
			mkdirSync(s.configDir, {recursive: true});
			writeFileSync(keys, secret, {mode: 0o644});
			chmodSync(keys, 0o644);
			const input = s.input('secret.txt', `${secret}\n`);
			writeFileSync(input, `${secret}\n\n`);
			const result = audit({
				secrets: [secret],
				printed: [{where: 'stdout', text: `token ${bytes.toString('base64url')}`}],
				roots: [s.root],
				allowed: [...s.allowed, {path: keys, reason: 'simulator-keys'}, {path: path.join(s.root, 'gone.pem'), reason: 'simulated-download'}],
			});
			expect(result.hits.map((hit) => [path.basename(hit.where), hit.form])).toEqual([
				['stdout', 'base64url'],
				['notes.txt', 'hex upper'],
				['notes.txt', 'hex any case'],
			]);
			expect(result.problems).toEqual([
				expect.stringContaining('the tool changed a file the test gave it'),
				expect.stringMatching(/simulator-keys\.json .*mode 644, must be 600/),
				expect.stringContaining('gone.pem (simulated-download): allowed, but not among the files walked'),
				expect.stringContaining('allowed but missing'),
			]);
			// A profile "saved with the secret" that does not hold it is a problem too (the search saw the file).
			writeFileSync(path.join(s.configDir, 'config.json'), '{"profiles":{}}', {mode: 0o600});
			chmodSync(s.configDir, 0o700);
			expect(checkAllowedFile({path: path.join(s.configDir, 'config.json'), reason: 'profile-with-secret'}, [secret])).toEqual([
				expect.stringContaining('does not hold it'),
			]);
		} finally {
			s.cleanup();
		}
	});
});

describe('check', () => {
	leakTest('success with each auth method, human and --json, with and without the lookup', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_ok');
		const human = await check(s, [...keyArgs(s, key), '--auth', 'http-signature']);
		expect(human.code).toBe(0);
		expect(human.out).toContain('HTTP Signature: OK (201 AUTHORIZED)');
		expect(human.out).toContain('LOOKUP_FOUND');
		const jwt = await check(s, [...keyArgs(s, key), '--auth', 'jwt', '--no-lookup']);
		expect(jwt.code).toBe(0);
		expect(jwt.out).toContain('JWT (shared secret): OK (201 AUTHORIZED)');
		const json = await check(s, [...keyArgs(s, key), '--json']);
		expect(json.code).toBe(0);
		expect(codes(onlyObject(json.out)['results'])).toEqual(['OK', 'OK']);
	});

	leakTest('--report, --debug and --export after a pass (files 0600, all searched)', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_artifacts');
		mkdirSync(path.join(s.workDir, 'sdk'));
		const json = await check(s, [...keyArgs(s, key), '--json', '--report', 'support', '--debug', 'wire.log', '--export', 'sdk']);
		expect(json.code).toBe(0);
		const parsed = onlyObject(json.out);
		expect(parsed['report']).toEqual({markdown: path.join(s.workDir, 'support.md'), json: path.join(s.workDir, 'support.json')});
		expect(record(parsed['export'])['written']).toHaveLength(4);
		expect(readFileSync(path.join(s.workDir, 'wire.log'), 'utf8')).toContain('[REDACTED]');
		const human = await check(s, [...keyArgs(s, key), '--report', 'human', '--debug', 'human.log', '--auth', 'http-signature']);
		expect(human.code).toBe(0);
		expect(readdirSync(s.workDir).sort()).toEqual(['human.json', 'human.log', 'human.md', 'sdk', 'support.json', 'support.md', 'wire.log']);
	});

	leakTest('a wrong secret: 401 with the probes, human and --json, with --report and --debug', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_wrong');
		const wrong = s.freshSecret();
		const json = await check(s, [...keyArgs(s, key, wrong), '--json', '--report', 'failed', '--debug', 'failed.log']);
		expect(json.code).toBe(1);
		const parsed = onlyObject(json.out);
		expect(codes(parsed['results'])).toEqual(['AUTHENTICATION_FAILED', 'AUTHENTICATION_FAILED']);
		expect(codes(parsed['probes'])).toContain('CONTROL_AUTHENTICATES');
		expect(codes(parsed['diagnosis'])).toContain('KEY_OR_SECRET_WRONG');
		const human = await check(s, [...keyArgs(s, key, wrong), '--auth', 'jwt']);
		expect(human.code).toBe(1);
		expect(human.out).toContain('Probes (no-charge requests');
		expect(readFileSync(path.join(s.workDir, 'failed.md'), 'utf8')).toContain('AUTHENTICATION_FAILED');
	});

	leakTest('swapped key ID and secret: exit 2, human and --json (the secret was given as the key ID)', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_swap');
		const file = s.input('swapped.txt', `${key.keyId}\n`);
		const human = await check(s, ['--org-id', key.orgId, '--key-id', key.secret, '--secret-file', file]);
		expect(human.code).toBe(2);
		expect(human.err).toContain('[KEY_ID_AND_SECRET_SWAPPED]');
		const json = await check(s, ['--org-id', key.orgId, '--key-id', key.secret, '--secret-file', file, '--json']);
		expect(json.code).toBe(2);
		expect(codes(onlyObject(json.out)['diagnosis'])).toEqual(['KEY_ID_AND_SECRET_SWAPPED']);
	});

	leakTest('the secret from stdin, from CYBERSOURCE_SHARED_SECRET and from a Business Center key file', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_inputs');
		const stdin = await check(s, ['--org-id', key.orgId, '--key-id', key.keyId, '--secret-file', '-', '--auth', 'jwt'], {stdin: `${key.secret}\n`});
		expect(stdin.code).toBe(0);
		const env = await check(s, ['--auth', 'http-signature', '--json'], {
			env: {CYBERSOURCE_MERCHANT_ID: key.orgId, CYBERSOURCE_KEY_ID: key.keyId, CYBERSOURCE_SHARED_SECRET: key.secret},
		});
		expect(env.code).toBe(0);
		const keyFile = s.input('key.pem', `Organization ID: ${key.orgId}\nKey: ${key.keyId}\nShared Secret: ${key.secret}\n`);
		const fromFile = await check(s, ['--key-file', keyFile, '--json', '--no-lookup']);
		expect(fromFile.code).toBe(0);
		expect(onlyObject(fromFile.out)).toMatchObject({ok: true, orgId: key.orgId});
		const human = await check(s, ['--key-file', keyFile, '--no-lookup']);
		expect(human.code).toBe(0);
	});

	leakTest('--save without the secret; profiles list/show; --profile with the secret from the environment', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_save');
		const saved = await check(s, [...keyArgs(s, key), '--save', 'plain', '--auth', 'jwt', '--no-lookup']);
		expect(saved.code).toBe(0);
		expect(saved.err).toContain('the shared secret is not stored');
		// config.json is NOT allowed here: it is searched like any other file.
		expect(readFileSync(path.join(s.configDir, 'config.json'), 'utf8')).toContain(key.keyId);
		for (const argv of [['list'], ['list', '--json'], ['show', 'plain'], ['show', 'plain', '--json']]) {
			const listed = await runCommand(s, 'profiles', profilesMain, argv);
			expect(listed.code).toBe(0);
			expect(listed.out).toContain('plain');
		}

		const again = await check(s, ['--profile', 'plain', '--json', '--no-lookup'], {env: {CYBERSOURCE_SHARED_SECRET: key.secret}});
		expect(again.code).toBe(0);
	});

	leakTest('--save --save-secret: only config.json holds it (0600 in 0700); profiles list/show never print it; --profile uses it', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_savesecret');
		const saved = await check(s, [...keyArgs(s, key), '--save', 'stored', '--save-secret', '--auth', 'jwt', '--no-lookup']);
		expect(saved.code).toBe(0);
		expect(saved.err).toContain('WITH the shared secret');
		s.allow(path.join(s.configDir, 'config.json'), 'profile-with-secret');
		for (const argv of [['list'], ['list', '--json'], ['show', 'stored'], ['show', 'stored', '--json']]) {
			const listed = await runCommand(s, 'profiles', profilesMain, argv);
			expect(listed.code).toBe(0);
			expect(listed.out).toContain('stored');
		}

		const human = await check(s, ['--profile', 'stored', '--no-lookup']);
		expect(human.code).toBe(0);
		const json = await check(s, ['--profile', 'stored', '--json', '--report', 'from-profile', '--debug', 'from-profile.log']);
		expect(json.code).toBe(0);
	});

	leakTest('a production identity: the no-charge probe, human and --json', async (s) => {
		const key = s.freshKey(productionSim, 'leak_check_live');
		const json = await check(s, [...keyArgs(s, key), '--env', 'production', '--json', '--report', 'live'], {baseUrl: productionSim.url});
		expect(json.code).toBe(0);
		expect(codes(onlyObject(json.out)['results'])).toEqual(['PROBE_OK', 'PROBE_OK']);
		const wrong = await check(s, [...keyArgs(s, key, s.freshSecret()), '--env', 'production', '--auth', 'jwt'], {baseUrl: productionSim.url});
		expect(wrong.code).toBe(1);
		expect(productionSim.transactions()).toEqual([]);
	});

	leakTest('faults: a 502, an HTML page, a timeout (human and --json, with --report and --debug)', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_faults');
		testSim.setFaults({status502: true});
		const failed = await check(s, [...keyArgs(s, key), '--auth', 'jwt', '--report', 'r502', '--debug', 'd502.log']);
		expect(failed.code).toBe(3);
		expect(failed.out).toContain('SERVER_ERROR (502)');
		testSim.setFaults({html: true});
		const html = await check(s, [...keyArgs(s, key), '--json', '--debug', 'html.log']);
		expect(html.code).toBe(3);
		expect(codes(onlyObject(html.out)['results'])).toContain('NOT_CYBERSOURCE');
		testSim.setFaults({hang: true});
		const hung = await check(s, [...keyArgs(s, key), '--auth', 'jwt', '--timeout', '0.3', '--report', 'timeout']);
		expect(hung.code).toBe(3);
		expect(hung.out).toContain('TIMEOUT');
	});

	leakTest('--redact-ids: human (a 401) and --json with a report', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_redact');
		const human = await check(s, [...keyArgs(s, key, s.freshSecret()), '--redact-ids', '--auth', 'jwt']);
		expect(human.code).toBe(1);
		expect(human.out + human.err).not.toContain(key.keyId);
		const json = await check(s, [...keyArgs(s, key), '--redact-ids', '--json', '--report', 'masked', '--no-lookup']);
		expect(json.code).toBe(0);
	});

	leakTest('input errors never echo the secret: --secret VALUE, a stray argument, a truncated or hex secret, a meta key without its portfolio', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_usage');
		const hex = Buffer.from(key.secret, 'base64').toString('hex');
		const runs: Array<[string[], RunOptions?]> = [
			[['--org-id', key.orgId, '--key-id', key.keyId, '--secret', key.secret]],
			[['--org-id', key.orgId, '--key-id', key.keyId, `--secret=${key.secret}`, '--json']],
			[['--org-id', key.orgId, '--key-id', key.keyId, '--secret-file', s.input('short.txt', key.secret.slice(0, 43))]],
			[['--org-id', key.orgId, '--key-id', key.keyId, '--secret-file', s.input('hex.txt', `${hex}\n`), '--json']],
			[['--org-id', key.orgId, '--key-id', key.keyId, '--meta-key'], {env: {CYBERSOURCE_SHARED_SECRET: key.secret}}],
			[['--org-id', key.secret, '--key-id', key.keyId, '--json'], {env: {CYBERSOURCE_SHARED_SECRET: key.secret}}],
		];
		for (const [argv, options] of runs) {
			const ran = await check(s, argv, options);
			expect(ran.code, argv.join(' ')).not.toBe(0);
		}

		// Quotes and spaces around a pasted secret are removed (and said so), never shown.
		const quoted = await check(s, ['--org-id', key.orgId, '--key-id', key.keyId, '--secret-file', '-', '--auth', 'jwt', '--no-lookup'], {stdin: `"${key.secret} "\n`});
		expect(quoted.code).toBe(0);
	});

	// A secret pasted where it does not belong (one scenario each: a leak in one does not hide the others).
	leakTest('a secret as a stray argument: the usage error does not quote it', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_stray');
		for (const argv of [[key.secret], ['--json', key.secret]]) {
			const ran = await check(s, ['--org-id', key.orgId, '--key-id', key.keyId, ...argv]);
			expect(ran.code).toBe(2);
		}
	});

	leakTest('a secret given as the --secret-file / --key-file path: the "not found" error does not quote it', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_path');
		const secretFile = await check(s, ['--org-id', key.orgId, '--key-id', key.keyId, '--secret-file', key.secret]);
		expect(secretFile.code).toBe(2);
		const secretFileJson = await check(s, ['--org-id', key.orgId, '--key-id', key.keyId, '--secret-file', key.secret, '--json']);
		expect(secretFileJson.code).toBe(2);
		const keyFile = await check(s, ['--key-file', key.secret, '--json']);
		expect(keyFile.code).toBe(2);
	});

	leakTest('a secret given as the value of another option: --save, --profile, --env, --auth, --timeout, --lookup-timeout, --base-url, profiles show', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_option');
		const secret = key.secret;
		for (const extra of [['--save', secret], ['--env', secret], ['--auth', secret], ['--timeout', secret], ['--lookup-timeout', secret], ['--counterpart-base-url', secret]]) {
			const ran = await check(s, [...keyArgs(s, key), ...extra]);
			expect(ran.code, extra[0]).toBe(2);
		}

		const baseUrl = await check(s, keyArgs(s, key), {baseUrl: secret});
		expect(baseUrl.code).toBe(2);
		const profile = await check(s, ['--profile', secret, '--json'], {env: {CYBERSOURCE_SHARED_SECRET: secret}});
		expect(profile.code).toBe(2);
		expect(codes(onlyObject(profile.out)['diagnosis'])).toEqual(['PROFILE_NOT_FOUND']);
		for (const argv of [['show', secret], ['delete', secret], ['list', secret], [secret]]) {
			const ran = await runCommand(s, 'profiles', profilesMain, argv);
			expect(ran.code).toBe(2);
		}
	});

	leakTest('a secret given as the --report / --debug / --export name: refused before anything is written or sent', async (s) => {
		const key = s.freshKey(testSim, 'leak_check_output');
		for (const flag of ['--report', '--debug', '--export']) {
			const ran = await check(s, [...keyArgs(s, key), flag, key.secret, '--json']);
			expect(ran.code, flag).toBe(2);
			expect(codes(onlyObject(ran.out)['diagnosis']), flag).toEqual(['OUTPUT_PATH_LOOKS_LIKE_SECRET']);
		}

		expect(readdirSync(s.workDir)).toEqual([]);
	});

	leakTest('--env simulator with a `simulator keygen` key (keys file and key file allowed, 0600)', async (s) => {
		const keysFile = defaultSimulatorKeysFile({CYBS_KEY_WIZARD_CONFIG_DIR: s.configDir});
		const pem = path.join(s.workDir, 'sim-key.pem');
		const keygen = await runCommand(s, 'simulator', simulatorMain, ['keygen', '--org-id', 'leak_sim_merchant', '--out', pem]);
		expect(keygen.code).toBe(0);
		const secret = s.track(/^Shared Secret: (.+)$/m.exec(readFileSync(pem, 'utf8'))?.[1] ?? '');
		expect(secret).toHaveLength(44);
		s.allow(keysFile, 'simulator-keys');
		s.allow(pem, 'simulated-download');
		const ran = await check(s, ['--key-file', pem, '--env', 'simulator', '--json', '--report', 'sim'], {baseUrl: false});
		expect(ran.code).toBe(0);
		expect(ran.err).toContain('Started the built-in simulator');
		const human = await check(s, ['--key-file', pem, '--env', 'simulator', '--debug', 'sim.log'], {baseUrl: false});
		expect(human.code).toBe(0);
	});
});

describe('sign', () => {
	const signArgs = (s: LeakScenario, key: KeyRecord) => ['--org-id', key.orgId, '--key-id', key.keyId, '--body-file', s.input('body.json', '{"amount":"1.00"}')];

	leakTest('HTTP Signature and JWT, human and --json; the secret from the environment, a file and stdin', async (s) => {
		const key = s.freshKey(testSim, 'leak_sign');
		const env = {CYBERSOURCE_SHARED_SECRET: key.secret};
		const signatureHuman = await runCommand(s, 'sign', signMain, signArgs(s, key), {env});
		expect(signatureHuman.code).toBe(0);
		expect(signatureHuman.out).toContain('signature: keyid=');
		expect(signatureHuman.out).toContain(`••••••••${key.secret.slice(-4)}`);
		const signatureJson = await runCommand(s, 'sign', signMain, [...signArgs(s, key), '--secret-file', s.input('sign-secret.txt', key.secret), '--json']);
		expect(signatureJson.code).toBe(0);
		const jwtHuman = await runCommand(s, 'sign', signMain, [...signArgs(s, key), '--auth', 'jwt', '--secret-file', '-'], {stdin: `${key.secret}\n`});
		expect(jwtHuman.code).toBe(0);
		expect(jwtHuman.out).toMatch(/authorization: Bearer eyJ/);
		const jwtJson = await runCommand(s, 'sign', signMain, [...signArgs(s, key), '--auth', 'jwt', '--json'], {env});
		expect(jwtJson.code).toBe(0);
		// Truncated and hex secrets are refused without being echoed.
		const truncated = await runCommand(s, 'sign', signMain, signArgs(s, key), {env: {CYBERSOURCE_SHARED_SECRET: key.secret.slice(1)}});
		expect(truncated.code).toBe(2);
		const hex = await runCommand(s, 'sign', signMain, [...signArgs(s, key), '--json'], {
			env: {CYBERSOURCE_SHARED_SECRET: Buffer.from(key.secret, 'base64').toString('hex')},
		});
		expect(hex.code).toBe(2);
		const flag = await runCommand(s, 'sign', signMain, [...signArgs(s, key), '--secret', key.secret]);
		expect(flag.code).toBe(2);
	});

	leakTest('a secret pasted where it does not belong: a stray argument, the --secret-file path', async (s) => {
		const key = s.freshKey(testSim, 'leak_sign_stray');
		const env = {CYBERSOURCE_SHARED_SECRET: key.secret};
		const stray = await runCommand(s, 'sign', signMain, [...signArgs(s, key), key.secret], {env});
		expect(stray.code).toBe(2);
		const asPath = await runCommand(s, 'sign', signMain, [...signArgs(s, key), '--secret-file', key.secret]);
		expect(asPath.code).toBe(2);
	});
});

describe('the simulator console (--explain)', () => {
	leakTest('a wrong-secret request and a good one: the explain lines name the key, never its secret', async (s) => {
		const keysFile = path.join(s.workDir, 'keys', 'simulator-keys.json');
		const pem = path.join(s.workDir, 'explain-key.pem');
		const keygen = await runCommand(s, 'simulator', simulatorMain, ['keygen', '--org-id', 'leak_explain', '--keys', keysFile, '--out', pem]);
		expect(keygen.code).toBe(0);
		const text = readFileSync(pem, 'utf8');
		s.track(/^Shared Secret: (.+)$/m.exec(text)?.[1] ?? '');
		const keyId = /^Key: (.+)$/m.exec(text)?.[1] ?? '';
		s.allow(keysFile, 'simulator-keys');
		s.allow(pem, 'simulated-download');

		let url: string | undefined;
		let listening: () => void = () => undefined;
		const ready = new Promise<void>((resolve) => {
			listening = resolve;
		});
		const io = fakeIo({
			argv: ['--port', '0', '--explain', '--keys', keysFile, '--search-delay', '0'],
			env: {CYBS_KEY_WIZARD_CONFIG_DIR: s.configDir},
			cwd: s.workDir,
		});
		const consoleText = () => io.out();
		const serving: Promise<number> = simulatorMain({
			...io,
			stdout: {
				write(chunk: string) {
					io.stdout.write(chunk);
					const match = /listening on (http:\/\/\S+);/.exec(chunk);
					if (match) {
						url = match[1];
						listening();
					}

					return true;
				},
			},
		} satisfies CommandIo);
		await ready;
		try {
			const wrong = s.freshSecret();
			const bad = await check(s, ['--org-id', 'leak_explain', '--key-id', keyId, '--secret-file', s.input('wrong.txt', wrong), '--auth', 'http-signature'], {baseUrl: url});
			expect(bad.code).toBe(1);
			const badJwt = await check(s, ['--org-id', 'leak_explain', '--key-id', keyId, '--secret-file', s.input('wrong2.txt', wrong), '--auth', 'jwt', '--json'], {baseUrl: url});
			expect(badJwt.code).toBe(1);
			const good = await check(s, ['--key-file', pem, '--no-lookup'], {baseUrl: url});
			expect(good.code).toBe(0);
		} finally {
			io.controller.abort();
			expect(await serving).toBe(0);
		}

		// The console explained each refusal (so there was something to search).
		expect(consoleText()).toMatch(/POST \/pts\/v2\/payments → 401/);
		expect(consoleText()).toContain(keyId);
		s.print('simulator --explain console', consoleText());
		s.print('simulator stderr', io.err());
	});
	leakTest('a request whose key ID is the secret (swapped by the client): the explain line does not quote it', async (s) => {
		const key = s.freshKey(testSim, 'leak_explain_swap');
		const body = '{}';
		const signed = signHttpSignature({
			method: 'POST',
			host: new URL(testSim.url).host,
			path: '/pts/v2/payments',
			body,
			date: new Date().toUTCString(),
			merchantId: key.orgId,
			keyId: key.secret,
			secret: key.secret,
		});
		const response = await fetch(`${testSim.url}/pts/v2/payments`, {method: 'POST', headers: {...signed.headers, 'content-type': 'application/json'}, body});
		expect(response.status).toBe(401);
		await response.text();
		const explained = s.printed.map((item) => item.text).join('');
		expect(explained).toContain('the key ID sent looks like a shared secret (not shown)');
	});
});

describe('the wizard', () => {
	/** A wizard scenario: the shared harness (its real simulator, config and working directories) is the scenario's root. */
	function wizardTest(name: string, body: (s: LeakScenario, harness: Harness, start: (...args: Parameters<typeof startWizard>) => Run) => Promise<void>) {
		test(
			name,
			async () => {
				const harness = await createHarness();
				const scenario = new LeakScenario(name, harness.dir);
				current = scenario;
				const apps: Run[] = [];
				const start = (...args: Parameters<typeof startWizard>) => {
					const app = startWizard(...args);
					apps.push(app);
					return app;
				};

				let result;
				try {
					await body(scenario, harness, start);
					for (const [index, app] of apps.entries()) {
						scenario.printFrames(`wizard run ${index + 1}`, app.frames);
						const exited = await Promise.race([app.exited, Promise.resolve('still running')]);
						if (exited instanceof Error) scenario.print(`wizard run ${index + 1} error`, `${exited.message}\n${exited.stack ?? ''}`);
					}

					result = scenario.finish(tap.take());
				} finally {
					await harness.close();
				}

				expect(result.problems).toEqual([]);
				expect(describeHits(result.hits)).toBe('');
				expect(result.hits).toHaveLength(0);
			},
			30_000,
		);
	}

	async function backToResult(app: Run) {
		await press(app, keys.enter);
		await waitForText(app, 'Step 7 of 7 · Result');
	}

	/** Welcome → Test → one merchant → "I already have a key" → typed values. */
	async function toTypedInTest(app: Run) {
		await toCreateKeyStep(app, 't');
		await press(app, 'a');
		await giveKeyBy(app, 't');
	}

	wizardTest('Practice: key-file import → success; r report, e export, s save WITHOUT the secret', async (s, harness, start) => {
		const app = start(harness.services());
		const key = await practiceRunToResult(app, harness);
		s.track(key.secret);
		s.allow(key.file, 'simulated-download');
		await press(app, 'r');
		await waitForText(app, 'Support report written');
		await backToResult(app);
		await press(app, 'e');
		await waitForText(app, 'Folder to write them to');
		await press(app, keys.enter);
		await waitForText(app, 'SDK configuration in');
		await backToResult(app);
		await press(app, 's');
		await waitForText(app, 'Profile name');
		await press(app, keys.enter);
		await waitForText(app, 'Also store the shared secret in the profile?');
		await press(app, keys.enter); // the default: No
		await waitForText(app, '✔ Profile practice_merchant saved');
		await backToResult(app);
		await finishRun(app, exitCodes.ok);
		// Report (2), exports (4) in the working directory; the profile without the secret is searched like any file.
		expect(readdirSync(harness.workDir)).toHaveLength(6);
		expect(readFileSync(path.join(harness.configDir, 'config.json'), 'utf8')).toContain(key.keyId);
	});

	wizardTest('Practice: the secret pasted as the export folder or the profile name is hidden in the field and refused', async (s, harness, start) => {
		const app = start(harness.services());
		const key = await practiceRunToResult(app, harness);
		s.track(key.secret);
		s.allow(key.file, 'simulated-download');
		await press(app, 'e');
		await waitForText(app, 'Folder to write them to');
		await typeAndEnter(app, key.secret);
		await waitForText(app, 'looks like the shared secret itself, not a folder name');
		await press(app, keys.escape);
		await waitForText(app, 'Step 7 of 7 · Result');
		await press(app, 's');
		await waitForText(app, 'Profile name');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, key.secret);
		await waitForText(app, 'is not a valid profile name');
		await press(app, keys.escape);
		await waitForText(app, 'Step 7 of 7 · Result');
		await finishRun(app, exitCodes.ok);
		// Nothing was written: no export folder, no file named after the secret.
		expect(readdirSync(harness.workDir)).toEqual([]);
	});

	wizardTest('Practice: typed credentials with a fresh secret, --plain, --debug FILE; s save WITH the secret; the next run uses it', async (s, harness, start) => {
		const key = s.freshKey(harness.sim, 'leak_practice');
		const debugFile = path.join(harness.workDir, 'wizard-debug.log');
		const opened = await openDebugLog(debugFile);
		if (!opened.ok) throw new Error(opened.message);
		const app = start(harness.services({debugLog: opened.log}), {plain: true, noColor: true});
		await waitForText(app, 'Where do you want to work?');
		await press(app, 'o');
		await waitForText(app, 'Which key will you use?');
		await press(app, keys.enter);
		await waitForText(app, 'Press g to');
		await press(app, 'a'); // I already have a key
		await giveKeyBy(app, 't');
		await typeCredentialsToReview(app, key, key.secret);
		expect(currentFrame(app)).toContain(`••••••••${key.secret.slice(-4)}`);
		await press(app, keys.enter);
		await waitForText(app, 'Your key pair works');
		await press(app, 's');
		await waitForText(app, 'Profile name');
		await press(app, keys.enter);
		await waitForText(app, 'Also store the shared secret in the profile?');
		await press(app, 'y');
		await waitForText(app, `✔ Profile ${key.orgId} saved`);
		s.allow(path.join(harness.configDir, 'config.json'), 'profile-with-secret');
		await backToResult(app);
		await finishRun(app, exitCodes.ok);
		expect(await opened.log.finish()).toMatchObject({ok: true});
		expect(readFileSync(debugFile, 'utf8')).toContain('[REDACTED]');

		const next = start(harness.services());
		await waitForText(next, 'secret stored');
		await press(next, '1');
		await waitForText(next, key.keyId);
		expect(currentFrame(next)).toContain('Step 5 of 7 · Review');
		await press(next, keys.enter);
		await waitForText(next, 'Your key pair works');
		await finishRun(next, exitCodes.ok);
	});

	wizardTest('Test: a wrong secret → 401 with the diagnosis; r report; --redact-ids', async (s, harness, start) => {
		const key = s.freshKey(harness.sim, 'leak_test_env');
		const wrong = s.freshSecret();
		const app = start(harness.services(), {redactIds: true});
		await toTypedInTest(app);
		await typeCredentialsToReview(app, key, wrong);
		await press(app, keys.enter);
		await waitForText(app, 'rejected the key pair');
		await press(app, 'r');
		await waitForText(app, 'Support report written');
		await backToResult(app);
		await finishRun(app, exitCodes.failed);
		const report = readdirSync(harness.workDir).find((name) => name.endsWith('.md')) ?? '';
		expect(readFileSync(path.join(harness.workDir, report), 'utf8')).toContain('401');
	});

	wizardTest('a secret pasted into the organization ID field: hidden while typed and in the error', async (s, harness, start) => {
		const key = s.freshKey(harness.sim, 'leak_wrong_field');
		const app = start(harness.services());
		await toTypedInTest(app);
		await press(app, key.secret);
		await waitForText(app, '44 characters');
		await press(app, keys.enter);
		await waitFor(app, (frame) => !frame.includes('Key ID') || frame.includes('✔ Organization ID'), 'the organization ID checked');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, key.orgId);
		await waitForText(app, 'Key ID');
	});

	wizardTest('a secret pasted as the key file path: the "not found" error does not show it', async (s, harness, start) => {
		const key = s.freshKey(harness.sim, 'leak_wrong_path');
		const app = start(harness.services());
		await toCreateKeyStep(app, 't');
		await press(app, 'a');
		await giveKeyBy(app, 'f');
		await press(app, key.secret);
		await press(app, keys.enter);
		await waitForText(app, 'not found');
	});

	wizardTest('Test: validation errors (short, truncated, hex, quoted secret), Esc back, swapped key and secret, then success', async (s, harness, start) => {
		const key = s.freshKey(harness.sim, 'leak_validation');
		const app = start(harness.services());
		await toTypedInTest(app);
		await typeAndEnter(app, 'ab');
		await waitForText(app, 'is 2 characters');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, key.orgId);
		await waitForText(app, 'Key ID');
		await typeAndEnter(app, key.keyId);
		await waitForText(app, 'Shared secret');
		await typeAndEnter(app, key.secret.slice(0, 43));
		await waitForText(app, 'it should be 44');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, Buffer.from(key.secret, 'base64').toString('hex'));
		await waitForText(app, 'Secure Acceptance key');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, ` "${key.secret}" `);
		await waitForText(app, 'Step 5 of 7 · Review');

		// Esc back to the credentials; the key ID field gets the secret and the secret field the key ID.
		await press(app, keys.escape);
		await waitForText(app, 'How do you want to give the key?');
		await press(app, 't');
		await waitForText(app, `Enter keeps ${key.orgId}`);
		await press(app, keys.enter);
		await waitForText(app, `Enter keeps ${key.keyId}`);
		await press(app, keys.ctrlU);
		await press(app, key.secret);
		await waitForText(app, '(44 characters)');
		await press(app, keys.enter);
		await waitForText(app, 'looks like a shared secret');
		await press(app, keys.ctrlU);
		await typeAndEnter(app, key.keyId);
		await waitForText(app, 'look swapped');
		await press(app, 'y');
		await waitForText(app, 'Step 5 of 7 · Review');
		await press(app, keys.enter);
		await waitForText(app, 'Your key pair works');
		await finishRun(app, exitCodes.ok);
	});
});
