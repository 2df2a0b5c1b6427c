/**
 * `check` driven in-process against the real simulator (loopback, port 0): verdicts, exit codes,
 * the JSON shape, inputs from flags / env / stdin / key file / profiles, and the secret never leaking.
 */
import {readFileSync, statSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import path from 'node:path';
import {Readable} from 'node:stream';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {createCheckMain} from '../source/commands/check/index.js';

/** check with an instant lookup wait: the transaction search is asked at once, no real waiting. */
const main = createCheckMain({sleep: async () => undefined});
import {defaultSimulatorKeysFile} from '../source/config-dir.js';
import {startSimulator, writeKeyFile, type KeyRecord, type Simulator} from '../source/simulator/index.js';
import {openProfileStore, getProfile} from '../source/profiles/store.js';
import {fakeIo, temporaryDirectory, type FakeIo, type FakeIoOptions} from './helpers/check-io.js';

let simulator: Simulator;
let explained: string[] = [];
let key: KeyRecord;
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
const orgId = 'demo_merchant';

beforeAll(async () => {
	simulator = await startSimulator({env: 'test', explain: line => explained.push(line)});
	key = simulator.generateKey({orgId});
});

afterAll(async () => {
	await simulator.close();
});

beforeEach(async () => {
	explained = [];
	simulator.setFaults({});
	({dir, cleanup} = await temporaryDirectory('check-'));
});

afterEach(async () => {
	await cleanup();
});

/** Every secret a test uses; none may appear in any output. */
const secretsInPlay = new Set<string>();

function expectNoSecret(io: FakeIo): void {
	for (const secret of [key.secret, ...secretsInPlay]) {
		expect(io.out()).not.toContain(secret);
		expect(io.err()).not.toContain(secret);
	}
}

type RunOptions = Omit<FakeIoOptions, 'argv'> & {readonly baseUrl?: string | false};

/** Runs check against the simulator with the key's secret in a file (unless argv says otherwise). */
async function check(argv: string[], options: RunOptions = {}): Promise<{io: FakeIo; code: number}> {
	const baseUrl = options.baseUrl === undefined ? ['--base-url', simulator.url] : options.baseUrl === false ? [] : ['--base-url', options.baseUrl];
	const io = fakeIo({
		...options,
		argv: [...argv, ...baseUrl],
		env: {CYBS_KEY_WIZARD_CONFIG_DIR: path.join(dir, 'config'), ...options.env},
		cwd: options.cwd ?? dir,
	});
	const code = await main(io);
	expectNoSecret(io);
	return {io, code};
}

function secretFile(secret = key.secret): string {
	const file = path.join(dir, 'secret.txt');
	writeFileSync(file, `${secret}\n`, {mode: 0o600});
	return file;
}

function keyArgs(record: KeyRecord = key): string[] {
	return ['--org-id', record.orgId, '--key-id', record.keyId, '--secret-file', secretFile(record.secret)];
}

function parseOnlyObject(stdout: string): Record<string, unknown> {
	const lines = stdout.split('\n').filter(line => line !== '');
	expect(lines).toHaveLength(1);
	const parsed: unknown = JSON.parse(lines[0] ?? '');
	expect(typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)).toBe(true);
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
	return Object.fromEntries(Object.entries(parsed));
}

const topLevelKeys = ['diagnosis', 'durationMs', 'environment', 'host', 'keyId', 'lookup', 'ok', 'orgId', 'probes', 'results', 'reversal'];
const resultKeys = ['auth', 'code', 'correlationId', 'httpStatus', 'message', 'paymentStatus', 'requestId'];

function payments(): number {
	return simulator.transactions().filter(transaction => transaction.kind === 'payment').length;
}

describe('check against the simulator', () => {
	test.each(['http-signature', 'jwt'] as const)('works with --auth %s (exit 0, request ID, next step)', async auth => {
		const before = payments();
		const {io, code} = await check([...keyArgs(), '--auth', auth]);
		expect(code).toBe(0);
		expect(payments()).toBe(before + 1);
		const out = io.out();
		expect(out).toMatch(/^PASS {2}The key pair works in test \(127\.0\.0\.1:\d+\)/);
		expect(out).toContain(auth === 'jwt' ? 'JWT (shared secret): OK (201 AUTHORIZED)' : 'HTTP Signature: OK (201 AUTHORIZED)');
		expect(out).toMatch(/request ID \d+, correlation ID \S+/);
		expect(out).toContain('Next:');
		expect(io.err()).toContain(`Testing key ${key.keyId.slice(0, 8)}… for ${orgId}`);
	});

	test('--auth both (default) with --json: exactly one object with the documented keys', async () => {
		const {io, code} = await check([...keyArgs(), '--json']);
		expect(code).toBe(0);
		const json = parseOnlyObject(io.out());
		expect(Object.keys(json).sort()).toEqual(topLevelKeys);
		expect(json).toMatchObject({
			ok: true,
			environment: 'test',
			host: new URL(simulator.url).host,
			orgId,
			keyId: `${key.keyId.slice(0, 8)}…`,
			probes: [],
			reversal: null,
		});
		// A pass diagnoses nothing; HTTP Signature's retirement is a note (kind info).
		expect(json['diagnosis']).toMatchObject([{code: 'HTTP_SIGNATURE_RETIRING', kind: 'info'}]);
		expect(typeof json['durationMs']).toBe('number');
		const results = json['results'];
		if (!Array.isArray(results)) throw new Error('results is not an array');
		expect(results.map((result: Record<string, unknown>) => result['auth'])).toEqual(['http-signature', 'jwt']);
		for (const result of results) {
			expect(Object.keys(result).sort()).toEqual(resultKeys);
			expect(result).toMatchObject({code: 'OK', httpStatus: 201, paymentStatus: 'AUTHORIZED'});
			expect(result.requestId).toMatch(/^\d+$/);
			expect(typeof result.correlationId).toBe('string');
		}
	});

	test('a wrong secret: exit 1, AUTHENTICATION_FAILED and what to check in Business Center', async () => {
		const other = simulator.generateKey({orgId: 'other_merchant'});
		secretsInPlay.add(other.secret);
		const {io, code} = await check(['--org-id', orgId, '--key-id', key.keyId, '--secret-file', secretFile(other.secret)]);
		expect(code).toBe(1);
		const out = io.out();
		expect(out).toMatch(/^FAIL {2}The key pair does not work in test/);
		expect(out).toContain('AUTHENTICATION_FAILED (401)');
		expect(out).toContain('Payment Configuration › Key Management');
		expect(out).toContain('REST – Shared Secret');

		const json = await check(['--org-id', orgId, '--key-id', key.keyId, '--secret-file', secretFile(other.secret), '--json', '--auth', 'jwt']);
		expect(json.code).toBe(1);
		const parsed = parseOnlyObject(json.io.out());
		expect(parsed['ok']).toBe(false);
		expect(parsed['results']).toMatchObject([{auth: 'jwt', code: 'AUTHENTICATION_FAILED', httpStatus: 401}]);
		expect(parsed['diagnosis']).toEqual(expect.arrayContaining([expect.objectContaining({code: 'AUTHENTICATION_FAILED'})]));
	});

	test('swapped key ID and secret: exit 2, nothing sent, both problems named', async () => {
		const {io, code} = await check(['--org-id', orgId, '--key-id', key.secret, '--secret-file', secretFile(key.keyId)]);
		expect(code).toBe(2);
		expect(explained).toEqual([]);
		expect(io.out()).toBe('');
		expect(io.err()).toContain('look swapped');
		expect(io.err()).toContain('[KEY_ID_AND_SECRET_SWAPPED]');

		const json = await check(['--org-id', orgId, '--key-id', key.secret, '--secret-file', secretFile(key.keyId), '--json']);
		expect(json.code).toBe(2);
		expect(explained).toEqual([]);
		const parsed = parseOnlyObject(json.io.out());
		expect(Object.keys(parsed).sort()).toEqual(topLevelKeys);
		expect(parsed).toMatchObject({ok: false, results: [], environment: 'test', orgId, keyId: null});
		expect(parsed['diagnosis']).toEqual([expect.objectContaining({code: 'KEY_ID_AND_SECRET_SWAPPED'})]);
	});

	test('the secret from stdin (--secret-file -)', async () => {
		const {io, code} = await check(['--org-id', orgId, '--key-id', key.keyId, '--secret-file', '-', '--auth', 'jwt'], {stdin: `${key.secret}\n`});
		expect(code).toBe(0);
		expect(io.out()).toContain('PASS');
	});

	test('inputs from CYBERSOURCE_* variables; a flag wins over the variable', async () => {
		const env = {CYBERSOURCE_MERCHANT_ID: 'someone_else', CYBERSOURCE_KEY_ID: key.keyId, CYBERSOURCE_SHARED_SECRET: key.secret};
		const {io, code} = await check(['--org-id', orgId, '--auth', 'http-signature', '--json'], {env});
		expect(code).toBe(0);
		expect(parseOnlyObject(io.out())['orgId']).toBe(orgId);
	});

	test('the Business Center key file (relative to the working directory)', async () => {
		const record = simulator.generateKey({orgId: 'keyfile_merchant'});
		secretsInPlay.add(record.secret);
		writeKeyFile(path.join(dir, 'key.txt'), record);
		const {io, code} = await check(['--key-file', 'key.txt', '--json']);
		expect(code).toBe(0);
		expect(parseOnlyObject(io.out())).toMatchObject({ok: true, orgId: 'keyfile_merchant', keyId: `${record.keyId.slice(0, 8)}…`});
	});

	test('a meta key with --meta-key --portfolio-id', async () => {
		const meta = simulator.generateKey({orgId: 'portfolio_one', portfolioId: 'portfolio_one'});
		secretsInPlay.add(meta.secret);
		const {code} = await check(['--org-id', orgId, '--key-id', meta.keyId, '--secret-file', secretFile(meta.secret), '--meta-key', '--portfolio-id', 'portfolio_one']);
		expect(code).toBe(0);
		const missing = await check(['--org-id', orgId, '--key-id', meta.keyId, '--secret-file', secretFile(meta.secret), '--meta-key']);
		expect(missing.code).toBe(2);
		expect(missing.io.err()).toContain('[PORTFOLIO_ID_MISSING]');
	});
});

describe('exit codes 2, 3 and 130', () => {
	test.each([
		[['--bogus'], 'USAGE_ERROR'],
		[['--secret', 'x'], 'USAGE_ERROR'],
		[['--env', 'staging'], 'USAGE_ERROR'],
		[['--timeout', '0'], 'USAGE_ERROR'],
		[['--key-file', 'a', '--key-id', 'b'], 'USAGE_ERROR'],
		[['--save-secret'], 'USAGE_ERROR'],
		[['--org-id', orgId, '--key-id', '08c94330-f618-42a3-b09d-e1e43be5efda'], 'SECRET_NOT_GIVEN'],
		[['--org-id', orgId, '--key-id', 'not-a-key', '--secret-file', 'missing.txt'], 'SECRET_FILE_NOT_FOUND'],
		[['--org-id', orgId, '--key-file', 'missing.txt'], 'KEY_FILE_NOT_FOUND'],
	])('%j → exit 2 (%s), one JSON object, nothing sent', async (argv, expected) => {
		const {io, code} = await check([...argv, '--json']);
		expect(code).toBe(2);
		expect(explained).toEqual([]);
		const parsed = parseOnlyObject(io.out());
		expect(Object.keys(parsed).sort()).toEqual(topLevelKeys);
		const diagnosis = parsed['diagnosis'];
		expect(Array.isArray(diagnosis) && diagnosis.map((item: {code: string}) => item.code)).toContain(expected);
	});

	test('human usage error: one line on stderr, nothing on stdout', async () => {
		const {io, code} = await check(['--bogus']);
		expect(code).toBe(2);
		expect(io.out()).toBe('');
		expect(io.err().trim().split('\n')).toHaveLength(1);
	});

	test('nothing listening: exit 3 CONNECTION_REFUSED', async () => {
		const server = createServer();
		await new Promise<void>(resolve => {
			server.listen(0, '127.0.0.1', resolve);
		});
		const address = server.address();
		const port = typeof address === 'object' && address !== null ? address.port : 0;
		await new Promise<void>(resolve => {
			server.close(() => resolve());
		});
		const {io, code} = await check([...keyArgs(), '--json', '--auth', 'jwt'], {baseUrl: `http://127.0.0.1:${port}`});
		expect(code).toBe(3);
		expect(parseOnlyObject(io.out())['results']).toMatchObject([{code: 'CONNECTION_REFUSED', httpStatus: null}]);
	});

	test('a 502 from CyberSource: exit 3 SERVER_ERROR; an HTML page: NOT_CYBERSOURCE', async () => {
		simulator.setFaults({status502: true});
		const failed = await check([...keyArgs(), '--auth', 'jwt']);
		expect(failed.code).toBe(3);
		expect(failed.io.out()).toMatch(/^NO VERDICT/);
		expect(failed.io.out()).toContain('SERVER_ERROR (502)');

		simulator.setFaults({html: true});
		const html = await check([...keyArgs(), '--auth', 'jwt', '--json']);
		expect(html.code).toBe(3);
		expect(parseOnlyObject(html.io.out())['results']).toMatchObject([{code: 'NOT_CYBERSOURCE', httpStatus: 502}]);
	});

	test('no answer within --timeout: exit 3 TIMEOUT with the "may have gone through" advice', async () => {
		simulator.setFaults({hang: true});
		const {io, code} = await check([...keyArgs(), '--auth', 'jwt', '--timeout', '0.3']);
		expect(code).toBe(3);
		expect(io.out()).toContain('TIMEOUT');
		expect(io.out()).toContain('may still have gone through');
	});

	test('interrupted mid-request: exit 130', async () => {
		const io = fakeIo({argv: [], cwd: dir});
		// A simulator that never answers and aborts the run the moment the request arrives.
		const hanging = await startSimulator({
			faults: {hang: true},
			explain(line) {
				if (line.includes('fault: hang')) io.controller.abort();
			},
		});
		try {
			const run = fakeIo({argv: [...keyArgs(), '--base-url', hanging.url, '--json'], cwd: dir});
			const aborter = run.controller;
			io.controller.signal.addEventListener('abort', () => aborter.abort());
			const code = await main(run);
			expect(code).toBe(130);
			expectNoSecret(run);
			expect(parseOnlyObject(run.out())['results']).toMatchObject([{code: 'CANCELLED'}]);
			expect(io.controller.signal.aborted).toBe(true);
		} finally {
			await hanging.close();
		}
	});

	test('interrupted while waiting for the secret on stdin: exit 130, nothing sent', async () => {
		const base = fakeIo({argv: ['--org-id', orgId, '--key-id', key.keyId, '--secret-file', '-', '--base-url', simulator.url, '--json'], cwd: dir});
		// stdin never delivers; the moment check starts reading it, the user presses Ctrl+C.
		const stdin = new Readable({
			read() {
				base.controller.abort();
			},
		});
		const code = await main({...base, stdin});
		expect(code).toBe(130);
		expect(explained).toEqual([]);
		expect(parseOnlyObject(base.out())['diagnosis']).toMatchObject([{code: 'INTERRUPTED'}]);
	});

	test('already interrupted: exit 130 before anything is read or sent', async () => {
		const io = fakeIo({argv: keyArgs(), cwd: dir});
		io.controller.abort();
		expect(await main(io)).toBe(130);
		expect(explained).toEqual([]);
	});
});

describe('production safety', () => {
	test('a production identity only sends the no-charge probe', async () => {
		const production = await startSimulator({env: 'production'});
		try {
			const record = production.generateKey({orgId});
			secretsInPlay.add(record.secret);
			const {io, code} = await check([...keyArgs(record), '--env', 'production', '--json'], {baseUrl: production.url});
			expect(code).toBe(0);
			expect(production.transactions()).toEqual([]);
			expect(io.err()).toContain('No payment is sent');
			const parsed = parseOnlyObject(io.out());
			expect(parsed).toMatchObject({ok: true, environment: 'production'});
			expect(parsed['results']).toMatchObject([
				{auth: 'http-signature', code: 'PROBE_OK', httpStatus: 404, paymentStatus: null},
				{auth: 'jwt', code: 'PROBE_OK', httpStatus: 404},
			]);
		} finally {
			await production.close();
		}
	});
});

describe('--env simulator', () => {
	test('starts the built-in simulator with the default keys file (simulator keygen keys work)', async () => {
		const env = {CYBS_KEY_WIZARD_CONFIG_DIR: path.join(dir, 'config')};
		const keygen = await startSimulator({keysFile: defaultSimulatorKeysFile(env)});
		const record = keygen.generateKey({orgId: 'sim_merchant'});
		secretsInPlay.add(record.secret);
		await keygen.close();
		const {io, code} = await check([...keyArgs(record), '--env', 'simulator', '--json'], {baseUrl: false, env});
		expect(code).toBe(0);
		expect(parseOnlyObject(io.out())).toMatchObject({ok: true, environment: 'simulator'});
		expect(io.err()).toContain('Started the built-in simulator');
	});

	test('the published sample credentials work there', async () => {
		const sample = 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=';
		secretsInPlay.add(sample);
		const {code} = await check(['--env', 'simulator', '--auth', 'jwt'], {
			baseUrl: false,
			env: {CYBERSOURCE_MERCHANT_ID: 'testrest', CYBERSOURCE_KEY_ID: '08c94330-f618-42a3-b09d-e1e43be5efda', CYBERSOURCE_SHARED_SECRET: sample},
		});
		expect(code).toBe(0);
	});

	test('--env simulator with --base-url is a usage error', async () => {
		const {code} = await check([...keyArgs(), '--env', 'simulator']);
		expect(code).toBe(2);
	});
});

describe('profiles from check', () => {
	function configFile(): string {
		return path.join(dir, 'config', 'config.json');
	}

	test('--save stores the profile without the secret; --profile fills the inputs', async () => {
		const saved = await check([...keyArgs(), '--auth', 'jwt', '--save', 'ci']);
		expect(saved.code).toBe(0);
		expect(saved.io.err()).toContain(`Saved profile "ci" in ${configFile()}`);
		expect(readFileSync(configFile(), 'utf8')).not.toContain(key.secret);
		expect((statSync(configFile()).mode & 0o777).toString(8)).toBe('600');
		expect((statSync(path.join(dir, 'config')).mode & 0o777).toString(8)).toBe('700');
		const store = await openProfileStore({configDir: path.join(dir, 'config')});
		const profile = getProfile(store, 'ci');
		expect(profile).toMatchObject({orgId, keyId: key.keyId, environment: 'test', baseUrl: simulator.url, auth: 'jwt'});
		expect(profile?.requestId).toMatch(/^\d+$/);
		expect(profile?.secret).toBeUndefined();

		// The profile gives org, key, environment, base URL and auth; the secret comes from the environment.
		const reused = await check(['--profile', 'ci', '--json'], {baseUrl: false, env: {CYBERSOURCE_SHARED_SECRET: key.secret}});
		expect(reused.code).toBe(0);
		expect(parseOnlyObject(reused.io.out())['results']).toMatchObject([{auth: 'jwt', code: 'OK'}]);

		// Without a secret anywhere: exit 2, and the message says the profile holds none.
		const noSecret = await check(['--profile', 'ci'], {baseUrl: false});
		expect(noSecret.code).toBe(2);
		expect(noSecret.io.err()).toContain('Profile "ci" does not store one');
	});

	test('--save-secret stores it (0600) and says where; an environment variable overriding the profile is announced', async () => {
		const saved = await check([...keyArgs(), '--save', 'with-secret', '--save-secret']);
		expect(saved.code).toBe(0);
		expect(saved.io.err()).toContain(`WITH the shared secret in ${configFile()} (file mode 0600`);
		expect(readFileSync(configFile(), 'utf8')).toContain(key.secret);
		expect((statSync(configFile()).mode & 0o777).toString(8)).toBe('600');

		const reused = await check(['--profile', 'with-secret'], {baseUrl: false});
		expect(reused.code).toBe(0);
		expect(reused.io.err()).not.toContain('overrides');

		const other = simulator.generateKey({orgId: 'override_merchant'});
		secretsInPlay.add(other.secret);
		const overridden = await check(['--profile', 'with-secret', '--json'], {
			baseUrl: false,
			env: {CYBERSOURCE_MERCHANT_ID: 'override_merchant', CYBERSOURCE_KEY_ID: other.keyId, CYBERSOURCE_SHARED_SECRET: other.secret},
		});
		expect(overridden.code).toBe(0);
		const err = overridden.io.err();
		expect(err).toContain('CYBERSOURCE_MERCHANT_ID is set and overrides the organization ID in profile "with-secret"');
		expect(err).toContain('CYBERSOURCE_KEY_ID is set and overrides the key ID in profile "with-secret"');
		expect(err).toContain('CYBERSOURCE_SHARED_SECRET is set and overrides the shared secret stored in profile "with-secret"');
		expect(parseOnlyObject(overridden.io.out())['orgId']).toBe('override_merchant');
	});

	test('a failed test does not save the profile', async () => {
		const other = simulator.generateKey({orgId: 'x_merchant'});
		secretsInPlay.add(other.secret);
		const {io, code} = await check(['--org-id', orgId, '--key-id', key.keyId, '--secret-file', secretFile(other.secret), '--save', 'bad']);
		expect(code).toBe(1);
		expect(io.err()).toContain('Profile "bad" was not saved');
		const store = await openProfileStore({configDir: path.join(dir, 'config')});
		expect(getProfile(store, 'bad')).toBeUndefined();
	});

	test('an unknown profile: exit 2 before any request', async () => {
		const {io, code} = await check(['--profile', 'nope', '--json']);
		expect(code).toBe(2);
		expect(explained).toEqual([]);
		expect(parseOnlyObject(io.out())['diagnosis']).toMatchObject([{code: 'PROFILE_NOT_FOUND'}]);
	});

	test('--save records the time of the test from the injected clock, not the machine clock', async () => {
		// A whole second 90 s ago: inside the simulator's clock tolerance, and never the real time of the run.
		const testTime = Math.floor(Date.now() / 1000) * 1000 - 90_000;
		const clocked = createCheckMain({sleep: async () => undefined, now: () => testTime});
		const io = fakeIo({
			argv: [...keyArgs(), '--save', 'clocked', '--base-url', simulator.url],
			env: {CYBS_KEY_WIZARD_CONFIG_DIR: path.join(dir, 'config')},
			cwd: dir,
		});
		expect(await clocked(io)).toBe(0);
		const store = await openProfileStore({configDir: path.join(dir, 'config')});
		expect(getProfile(store, 'clocked')?.lastVerifiedAt).toBe(new Date(testTime).toISOString());
	});

	test('a corrupt config file is moved aside with a notice; the profile is then unknown (exit 2)', async () => {
		const configDir = path.join(dir, 'config');
		await check([...keyArgs(), '--save', 'ci']);
		writeFileSync(configFile(), '{ corrupt');
		const {io, code} = await check(['--profile', 'ci']);
		expect(code).toBe(2);
		expect(io.err()).toContain(`The config file ${configFile()} could not be used`);
		expect(io.err()).toContain('kept, not deleted');
		expect(io.err()).toContain('[PROFILE_NOT_FOUND]');
		const {readdirSync} = await import('node:fs');
		const aside = readdirSync(configDir).find(name => name.startsWith('config.json.corrupt-'));
		expect(aside).toBeDefined();
		expect(readFileSync(path.join(configDir, aside ?? ''), 'utf8')).toBe('{ corrupt');
	});
});
