// Faults (delay, 502, html, reset, hang, clock skew), the keys file and its hot reload, keygen,
// and the `simulator` command run in-process.
import {mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {Readable} from 'node:stream';
import {performance} from 'node:perf_hooks';
import {afterAll, afterEach, beforeAll, describe, expect, test} from 'vitest';
import {Agent, request} from 'undici';
import {parseKeyFile} from '../source/cybersource/key-file.js';
import {main} from '../source/commands/simulator.js';
import {UsageError, type CommandIo} from '../source/commands/command-io.js';
import {parseKeygenArgs, parseServeArgs} from '../source/simulator/cli-args.js';
import {readKeysFile, startSimulator, writeKeyFile, type Simulator} from '../source/simulator/index.js';
import {explainLog, sampleCreds, send, signedRequest, type Creds} from './helpers/simulator-helpers.js';

let dir: string;
beforeAll(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'cybs-sim-'));
});
afterAll(() => {
	rmSync(dir, {recursive: true, force: true});
});

function mode(file: string): number {
	return statSync(file).mode & 0o777;
}

describe('faults', () => {
	let sim: Simulator;
	beforeAll(async () => {
		sim = await startSimulator();
	});
	afterAll(async () => {
		await sim.close();
	});
	afterEach(() => {
		sim.setFaults({});
	});

	test('delay: the answer comes, but no sooner than the delay', async () => {
		sim.setFaults({delayMs: 150});
		const started = performance.now();
		const response = await send(sim, signedRequest(sim, sampleCreds));
		expect(response.status).toBe(201);
		expect(performance.now() - started).toBeGreaterThanOrEqual(140);
	});

	test('502: CyberSource’s SERVER_ERROR shape, with a correlation id', async () => {
		sim.setFaults({status502: true});
		const response = await send(sim, signedRequest(sim, sampleCreds));
		expect(response.status).toBe(502);
		expect(response.json).toMatchObject({status: 'SERVER_ERROR', reason: 'SYSTEM_ERROR'});
		expect(response.headers['v-c-correlation-id']).toBeTypeOf('string');
	});

	test('html: an HTML page and no v-c-correlation-id, as a proxy answers', async () => {
		sim.setFaults({html: true});
		const response = await send(sim, signedRequest(sim, sampleCreds));
		expect(response.status).toBe(502);
		expect(response.headers['content-type']).toBe('text/html');
		expect(response.headers['v-c-correlation-id']).toBeUndefined();
		expect(response.text).toContain('<html>');
	});

	test('reset: the connection is reset mid-response, after the payment was made', async () => {
		sim.setFaults({reset: true});
		const before = sim.transactions().length;
		await expect(send(sim, signedRequest(sim, sampleCreds))).rejects.toThrow();
		expect(sim.transactions().length).toBe(before + 1);
	});

	test('hang: never answers, so the client times out', async () => {
		sim.setFaults({hang: true});
		const dispatcher = new Agent({headersTimeout: 200});
		try {
			const outgoing = signedRequest(sim, sampleCreds);
			await expect(
				request(`${sim.url}${outgoing.path}`, {method: 'POST', headers: outgoing.headers, body: outgoing.body, dispatcher}),
			).rejects.toMatchObject({code: 'UND_ERR_HEADERS_TIMEOUT'});
		} finally {
			await dispatcher.destroy();
		}
	});

	test('clock skew: a correct request dated by a right clock is refused by a skewed simulator, whose Date header shows its clock', async () => {
		const log = explainLog();
		const skewed = await startSimulator({clock: () => Date.now() + 10 * 60 * 1000, explain: log.explain});
		try {
			const response = await send(skewed, signedRequest(skewed, sampleCreds));
			expect(response.status).toBe(401);
			expect(log.text()).toContain('behind the simulator clock');
			const date = Date.parse(String(response.headers['date']));
			expect(date - Date.now()).toBeGreaterThan(9 * 60 * 1000);
		} finally {
			await skewed.close();
		}
	});
});

type FakeIo = CommandIo & {out: () => string; err: () => string; abort: () => void; waitFor: (pattern: RegExp) => Promise<string>};

function fakeIo(argv: string[], options: {cwd?: string; env?: Record<string, string>} = {}): FakeIo {
	let out = '';
	let err = '';
	const controller = new AbortController();
	const waiters: Array<{pattern: RegExp; resolve: (match: string) => void}> = [];
	const check = () => {
		for (const waiter of [...waiters]) {
			const match = waiter.pattern.exec(out);
			if (match) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve(match[0]);
			}
		}
	};

	return {
		argv,
		env: options.env ?? {CYBS_KEY_WIZARD_CONFIG_DIR: path.join(dir, 'config')},
		stdin: Readable.from([]),
		stdout: {
			write(text: string) {
				out += text;
				check();
				return true;
			},
		},
		stderr: {
			write(text: string) {
				err += text;
				return true;
			},
		},
		cwd: options.cwd ?? dir,
		signal: controller.signal,
		out: () => out,
		err: () => err,
		abort: () => controller.abort(),
		waitFor: async (pattern) =>
			new Promise((resolve) => {
				waiters.push({pattern, resolve});
				check();
			}),
	};
}

function credsFromKeyFile(file: string, merchantId: string): Creds {
	const parsed = parseKeyFile(readFileSync(file, 'utf8'));
	if (!parsed.ok) throw new Error(parsed.message);
	return {merchantId, keyId: parsed.keyId, secret: parsed.secret};
}

describe('simulator keygen', () => {
	test('writes a 0600 key file the credential checks read, and records the key in a 0600 keys file', async () => {
		const keys = path.join(dir, 'keygen', 'keys.json');
		const out = path.join(dir, 'keygen-key.pem');
		const io = fakeIo(['keygen', '--org-id', 'merchant_kg', '--keys', keys, '--out', out]);
		expect(await main(io)).toBe(0);
		expect(mode(out)).toBe(0o600);
		expect(mode(keys)).toBe(0o600);
		expect(mode(path.dirname(keys))).toBe(0o700);
		const text = readFileSync(out, 'utf8');
		const lines = text.split('\n');
		expect(lines[0]).toBe('# CyberSource REST – Shared Secret key (simulated by cybs-key-wizard; not a real key)');
		expect(lines[1]).toBe('Organization ID: merchant_kg');
		expect(lines[2]).toMatch(/^Key: [\da-f-]{36}$/);
		expect(lines[3]).toMatch(/^Shared Secret: [A-Za-z\d+/]{43}=$/);
		const creds = credsFromKeyFile(out, 'merchant_kg');
		const file = await readKeysFile(keys);
		expect(file.ok && file.keys.map((k) => [k.keyId, k.orgId, k.env])).toEqual([[creds.keyId, 'merchant_kg', 'test']]);
		expect(io.out()).toContain(creds.keyId);
		expect(io.out()).toContain(out);
		expect(io.out()).not.toContain(creds.secret);
	});

	test('never overwrites an existing key file', async () => {
		const out = path.join(dir, 'existing.pem');
		writeFileSync(out, 'keep me');
		await expect(main(fakeIo(['keygen', '--org-id', 'm', '--keys', path.join(dir, 'k2.json'), '--out', out]))).rejects.toThrow(UsageError);
		expect(readFileSync(out, 'utf8')).toBe('keep me');
		expect(existsSync(path.join(dir, 'k2.json'))).toBe(false);
	});

	test('defaults: ./cybersource-key-<first8>.pem and the keys file in the config directory', async () => {
		const cwd = mkdtempSync(path.join(dir, 'cwd-'));
		const config = path.join(dir, 'default-config');
		const io = fakeIo(['keygen', '--org-id', 'merchant_default', '--meta-key', '--portfolio-id', 'portfolio_default'], {
			cwd,
			env: {CYBS_KEY_WIZARD_CONFIG_DIR: config},
		});
		expect(await main(io)).toBe(0);
		const file = await readKeysFile(path.join(config, 'simulator-keys.json'));
		if (!file.ok) throw new Error(file.message);
		const [record] = file.keys;
		expect(record?.metaKey).toEqual({portfolioId: 'portfolio_default', merchants: ['merchant_default']});
		const keyFile = path.join(cwd, `cybersource-key-${record?.keyId.slice(0, 8)}.pem`);
		expect(readFileSync(keyFile, 'utf8')).toContain('Organization ID: portfolio_default');
		expect(mode(path.join(config))).toBe(0o700);
	});

	test('writeKeyFile refuses to overwrite', () => {
		const out = path.join(dir, 'twice.pem');
		const record = {keyId: 'k', secret: 'AAAA', orgId: 'o', env: 'test' as const, createdAt: ''};
		writeKeyFile(out, record);
		expect(() => writeKeyFile(out, record)).toThrow(/EEXIST/);
	});
});

describe('the keys file', () => {
	test('a running simulator accepts a key added by `simulator keygen` without a restart', async () => {
		const keys = path.join(dir, 'hot', 'keys.json');
		const sim = await startSimulator({keysFile: keys});
		try {
			const out = path.join(dir, 'hot-key.pem');
			expect(await main(fakeIo(['keygen', '--org-id', 'merchant_hot', '--keys', keys, '--out', out]))).toBe(0);
			const creds = credsFromKeyFile(out, 'merchant_hot');
			expect((await send(sim, signedRequest(sim, creds))).status).toBe(201);
			expect(sim.acceptedKeyIds()).toContain(creds.keyId);
		} finally {
			await sim.close();
		}
	});

	test('generateKey persists to the keys file, 0600; another instance on the file accepts the key', async () => {
		const keys = path.join(dir, 'persist', 'keys.json');
		const first = await startSimulator({keysFile: keys});
		const record = first.generateKey({orgId: 'merchant_persist'});
		await first.close();
		expect(mode(keys)).toBe(0o600);
		const second = await startSimulator({keysFile: keys});
		try {
			const creds = {merchantId: 'merchant_persist', keyId: record.keyId, secret: record.secret};
			expect((await send(second, signedRequest(second, creds))).status).toBe(201);
		} finally {
			await second.close();
		}
	});

	test('an invalid keys file at start is an error; a broken reload keeps the previous keys', async () => {
		const keys = path.join(dir, 'broken.json');
		writeFileSync(keys, '{"version":1,"keys":[{"keyId":"x"}]}');
		await expect(startSimulator({keysFile: keys})).rejects.toThrow(/key #1/);
		rmSync(keys);
		const log = explainLog();
		const sim = await startSimulator({keysFile: keys, explain: log.explain});
		try {
			const record = sim.generateKey({orgId: 'merchant_broken'});
			writeFileSync(keys, 'not json');
			const creds = {merchantId: 'merchant_broken', keyId: record.keyId, secret: record.secret};
			expect((await send(sim, signedRequest(sim, {...creds, keyId: '00000000-0000-4000-8000-000000000000'}))).status).toBe(401);
			expect(log.text()).toContain('keys file not reloaded (the previous keys stay)');
			expect((await send(sim, signedRequest(sim, creds))).status).toBe(201);
		} finally {
			await sim.close();
		}
	});
});

describe('the simulator command', () => {
	test('prints the URL and accepted key IDs, explains refusals without a secret, closes on abort', async () => {
		const keys = path.join(dir, 'cli', 'keys.json');
		const io = fakeIo(['--keys', keys, '--explain', '--search-delay', '0']);
		const running = main(io);
		const url = await io.waitFor(/http:\/\/127\.0\.0\.1:\d+/);
		const line = io.out().split('\n')[0] ?? '';
		expect(line).toContain('accepts key IDs: 08c94330-f618-42a3-b09d-e1e43be5efda, 964f2ecc-96f0-4432-a742-db0b44e6a73a');
		const target = {url};
		const wrongSecret = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
		const refused = await send(target, signedRequest(target, {...sampleCreds, secret: wrongSecret}));
		expect(refused.status).toBe(401);
		const explained = await io.waitFor(/Authentication Failed: .*/);
		expect(explained).toContain('does not match the signing string rebuilt from the request');
		expect(io.out()).not.toContain(sampleCreds.secret);
		expect(io.out()).not.toContain(wrongSecret);
		io.abort();
		expect(await running).toBe(0);
		await expect(send(target, signedRequest(target, sampleCreds))).rejects.toThrow();
	});

	test('a bad flag is a usage error', async () => {
		await expect(main(fakeIo(['--fault', 'explode']))).rejects.toThrow(/--fault must be delay, 502, html, reset or hang/);
		await expect(main(fakeIo(['keygen']))).rejects.toThrow(/needs --org-id/);
	});

	test('flags become options', () => {
		const parsed = parseServeArgs(['--port=4010', '--env', 'production', '--fault', 'delay', '--fault-delay', '2', '--fault', 'reset', '--clock-skew', '-90', '--max-skew', '60']);
		expect(parsed).toMatchObject({
			ok: true,
			args: {port: 4010, env: 'production', hostGiven: false, faults: {delayMs: 2000, reset: true}, clockSkewSeconds: -90, maxSkewSeconds: 60},
		});
		expect(parseServeArgs(['--host', '0.0.0.0'])).toMatchObject({ok: true, args: {host: '0.0.0.0', hostGiven: true}});
		expect(parseKeygenArgs(['--meta-key', '--org-id', 'm'])).toMatchObject({ok: false});
	});
});
