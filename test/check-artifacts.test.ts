/**
 * `check --report / --debug / --redact-ids / --export` driven in-process against the real simulator
 * (loopback, port 0): the files, their modes, what they say, and that none of them (nor any output)
 * holds the secret in any form, a whole Signature value or a whole JWT.
 */
import {createHmac} from 'node:crypto';
import {existsSync, readFileSync, readdirSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {createCheckMain} from '../source/commands/check/index.js';

/** check with an instant lookup wait: the transaction search is asked at once, no real waiting. */
const main = createCheckMain({sleep: async () => undefined});
import {reportWrittenLines} from '../source/commands/check/artifact-lines.js';
import {environment} from '../source/cybersource/environments.js';
import type {KeyTestReport} from '../source/cybersource/key-test-types.js';
import {maskId} from '../source/cybersource/mask.js';
import {buildSupportReport, reportProbesOf} from '../source/report/support-report.js';
import {startSimulator, type KeyRecord, type Simulator} from '../source/simulator/index.js';
import {fakeIo, temporaryDirectory, type FakeIo} from './helpers/check-io.js';

let simulator: Simulator;
let explained: string[] = [];
let key: KeyRecord;
let wrong: KeyRecord;
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
const orgId = 'artifact_merchant';

beforeAll(async () => {
	simulator = await startSimulator({env: 'test', explain: line => explained.push(line)});
	key = simulator.generateKey({orgId});
	wrong = simulator.generateKey({orgId: 'someone_else_entirely'});
});

afterAll(async () => {
	await simulator.close();
});

beforeEach(async () => {
	explained = [];
	({dir, cleanup} = await temporaryDirectory('check-artifacts-'));
});

afterEach(async () => {
	await cleanup();
});

/** Every textual form of a secret that must never be written anywhere. */
function secretForms(secret: string): string[] {
	const bytes = Buffer.from(secret, 'base64');
	return [secret, bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url'), bytes.toString('hex'), encodeURIComponent(secret)];
}

function expectNoSecret(text: string, ...secrets: string[]): void {
	for (const secret of secrets) {
		for (const form of secretForms(secret)) expect(text).not.toContain(form);
		expect(text.toLowerCase()).not.toContain(Buffer.from(secret, 'base64').toString('hex'));
	}
}

/** No whole `signature="…"` value and no JWT with its signature segment. */
function expectNoSignatureOrToken(text: string): void {
	for (const match of text.matchAll(/signature\s*=\s*\\?"([^"\\]*)/gi)) expect(match[1]).toBe('[REDACTED]');
	expect(text).not.toMatch(/eyJ[\w-]{5,}\.[\w-]{2,}\.(?!\[REDACTED\])[\w-]{10,}/);
}

async function check(argv: string[], secret = key.secret): Promise<{io: FakeIo; code: number}> {
	const secretPath = path.join(dir, 'secret.txt');
	writeFileSync(secretPath, `${secret}\n`, {mode: 0o600});
	const io = fakeIo({
		argv: ['--org-id', orgId, '--key-id', key.keyId, '--secret-file', secretPath, '--base-url', simulator.url, ...argv],
		env: {CYBS_KEY_WIZARD_CONFIG_DIR: path.join(dir, 'config')},
		cwd: dir,
	});
	const code = await main(io);
	expectNoSecret(io.out() + io.err(), key.secret, wrong.secret);
	return {io, code};
}

function onlyObject(stdout: string): Record<string, unknown> {
	const lines = stdout.split('\n').filter(line => line !== '');
	expect(lines).toHaveLength(1);
	const parsed: unknown = JSON.parse(lines[0] ?? '');
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
	return Object.fromEntries(Object.entries(parsed));
}

function record(value: unknown): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`not an object: ${String(value)}`);
	return Object.fromEntries(Object.entries(value));
}

function results(json: Record<string, unknown>): Array<Record<string, unknown>> {
	const list = json['results'];
	if (!Array.isArray(list)) throw new Error('results is not an array');
	return list.map(item => record(item));
}

function mode(file: string): string {
	return (statSync(file).mode & 0o777).toString(8);
}

function hmac(secret: string, text: string, encoding: 'base64' | 'base64url'): string {
	return createHmac('sha256', Buffer.from(secret, 'base64')).update(text, 'utf8').digest(encoding);
}

describe('--report', () => {
	test('after a pass: Markdown + JSON, 0600, with the IDs support needs, and no secret, signature or token', async () => {
		const {io, code} = await check(['--json', '--report', 'support', '--debug', 'wire.log']);
		expect(code).toBe(0);
		const json = onlyObject(io.out());
		const markdownFile = path.join(dir, 'support.md');
		const jsonFile = path.join(dir, 'support.json');
		expect(json['report']).toEqual({markdown: markdownFile, json: jsonFile});
		// The documented members are unchanged: report and debugLog are added only for their flags.
		expect(Object.keys(json).sort()).toEqual([
			'debugLog', 'diagnosis', 'durationMs', 'environment', 'host', 'keyId', 'lookup', 'ok', 'orgId', 'probes', 'report', 'results', 'reversal',
		]);
		expect(mode(markdownFile)).toBe('600');
		expect(mode(jsonFile)).toBe('600');
		const markdown = readFileSync(markdownFile, 'utf8');
		const reportJson = readFileSync(jsonFile, 'utf8');
		const data = record(JSON.parse(reportJson));
		expect(data).toMatchObject({ok: true, organizationId: orgId, keyIdPrefix: key.keyId.slice(0, 8), proxyInUse: false, probes: []});
		for (const result of results(json)) {
			expect(markdown).toContain(String(result['correlationId']));
			expect(markdown).toContain(String(result['requestId']));
			expect(reportJson).toContain(String(result['requestId']));
		}

		expect(markdown).toContain('Signed header list: `host date request-target digest v-c-merchant-id`');
		expect(markdown).toContain('Proxy | no proxy');
		expect(markdown).not.toContain(key.keyId);

		// The real signature and token, recomputed from what was sent: in neither file, nor in the debug log.
		const attempts = data['attempts'];
		if (!Array.isArray(attempts)) throw new Error('attempts is not an array');
		const signingString = String(record(attempts[0])['signingString']);
		const signature = hmac(key.secret, signingString, 'base64');
		const debugLog = readFileSync(path.join(dir, 'wire.log'), 'utf8');
		const token = /authorization: Bearer (eyJ[\w-]+\.[\w-]+)\./.exec(debugLog)?.[1];
		expect(token).toBeDefined();
		const tokenSignature = hmac(key.secret, token ?? '', 'base64url');
		for (const text of [markdown, reportJson, debugLog, io.out(), io.err()]) {
			expect(text).not.toContain(signature);
			expect(text).not.toContain(tokenSignature);
			expectNoSecret(text, key.secret);
			expectNoSignatureOrToken(text);
		}
	});

	test('after a 401: written too, with the diagnosis and the correlation ID; stderr says where and what to attach', async () => {
		const {io, code} = await check(['--report', 'failed.txt', '--auth', 'jwt'], wrong.secret);
		expect(code).toBe(1);
		const markdownFile = path.join(dir, 'failed.txt');
		const jsonFile = path.join(dir, 'failed.txt.json');
		const markdown = readFileSync(markdownFile, 'utf8');
		expect(markdown).toContain('CyberSource rejected the key pair (authentication failed).');
		expect(markdown).toMatch(/## Diagnosis\n\n- `AUTHENTICATION_FAILED` CyberSource rejected the keys/);
		const correlationId = /correlation ID (\S+)/.exec(io.out())?.[1];
		expect(correlationId).toBeDefined();
		expect(markdown).toContain(`v-c-correlation-id | \`${correlationId}\``);
		expect(mode(markdownFile)).toBe('600');
		expect(mode(jsonFile)).toBe('600');
		const reportJson = readFileSync(jsonFile, 'utf8');
		const reportData = record(JSON.parse(reportJson));
		expect(reportData['ok']).toBe(false);
		expect(reportData['diagnosis']).toEqual(expect.arrayContaining([expect.objectContaining({code: 'AUTHENTICATION_FAILED'})]));
		expect(reportData['diagnosis']).toEqual(expect.arrayContaining([expect.objectContaining({code: 'KEY_OR_SECRET_WRONG', kind: 'cause', rank: 1})]));
		for (const text of [markdown, reportJson]) {
			expectNoSecret(text, wrong.secret, key.secret);
			expectNoSignatureOrToken(text);
		}

		expect(io.err()).toContain(`Support report written (mode 0600, no shared secret in it): ${markdownFile} (to read) and ${jsonFile}`);
		// Loopback: the simulator's requests cannot be looked up by CyberSource support, and the user is told so.
		expect(io.err()).toContain('not directly to CyberSource, so CyberSource support cannot look them up');
	});

	test('an existing report file: exit 2 (REPORT_EXISTS) before anything is sent; --force replaces it', async () => {
		const existing = path.join(dir, 'taken.json');
		writeFileSync(existing, 'keep me');
		const refused = await check(['--report', 'taken.md', '--json']);
		expect(refused.code).toBe(2);
		expect(explained).toEqual([]);
		expect(readFileSync(existing, 'utf8')).toBe('keep me');
		expect(existsSync(path.join(dir, 'taken.md'))).toBe(false);
		expect(onlyObject(refused.io.out())).toMatchObject({ok: false, results: [], diagnosis: [{code: 'REPORT_EXISTS'}]});

		const human = await check(['--report', 'taken.md']);
		expect(human.code).toBe(2);
		expect(human.io.out()).toBe('');
		expect(human.io.err()).toContain(`${existing} already exists`);
		expect(human.io.err()).toContain('--force');
		expect(explained).toEqual([]);

		const forced = await check(['--report', 'taken.md', '--force', '--auth', 'jwt', '--no-lookup']);
		expect(forced.code).toBe(0);
		expect(explained).toHaveLength(1);
		expect(record(JSON.parse(readFileSync(existing, 'utf8')))['ok']).toBe(true);
		expect(mode(existing)).toBe('600');
	});

	test('a report folder that does not exist: exit 2 before anything is sent', async () => {
		const {io, code} = await check(['--report', 'no/such/folder/r.md', '--json']);
		expect(code).toBe(2);
		expect(explained).toEqual([]);
		expect(onlyObject(io.out())['diagnosis']).toMatchObject([{code: 'REPORT_FOLDER_NOT_FOUND'}]);
	});

	test('a network failure (exit 3) still gets a report', async () => {
		simulator.setFaults({status502: true});
		try {
			const {code} = await check(['--report', 'no-verdict', '--auth', 'jwt']);
			expect(code).toBe(3);
			expect(readFileSync(path.join(dir, 'no-verdict.md'), 'utf8')).toContain('SERVER_ERROR');
		} finally {
			simulator.setFaults({});
		}
	});
});

describe('--debug', () => {
	test('every request and response, with Signature and Authorization redacted and no secret; 0600; stderr says where', async () => {
		const {io, code} = await check(['--debug', 'debug.log'], wrong.secret);
		expect(code).toBe(1);
		const file = path.join(dir, 'debug.log');
		const log = readFileSync(file, 'utf8');
		expect(mode(file)).toBe('600');
		// Two payments (401), then the no-charge probes: the control GET (sample credentials) and the GET with the same key.
		expect(explained).toHaveLength(4);
		const blocks = log.match(/^#\d+ \S+ (?:POST|GET) http:\/\/127\.0\.0\.1:\d+\/(?:pts\/v2\/payments|tss\/v2\/transactions\/0+)$/gm) ?? [];
		expect(blocks).toHaveLength(explained.length);
		expect(log.match(/^#\d+ \S+ POST /gm)).toHaveLength(2);
		expect(log.match(/^< HTTP 401/gm)).toHaveLength(3);
		expect(log.match(/^< HTTP 404/gm)).toHaveLength(1);
		expect(log).toMatch(/^> signature: keyid="[^"]+", algorithm="HmacSHA256", headers="host date request-target digest v-c-merchant-id", signature="\[REDACTED\]"$/m);
		expect(log).toMatch(/^> authorization: Bearer eyJ[\w-]+\.[\w-]+\.\[REDACTED\]$/m);
		expect(log).toContain('"rmsg":"Authentication Failed"');
		expectNoSecret(log, wrong.secret, key.secret);
		expectNoSignatureOrToken(log);
		expect(io.err()).toContain(`Debug log: 4 HTTP exchanges appended to ${file} (mode 0600; Signature, Authorization and the shared secret redacted).`);
	});

	test('a debug log that cannot be opened: exit 2 before anything is sent', async () => {
		const {io, code} = await check(['--debug', 'missing-folder/debug.log', '--json']);
		expect(code).toBe(2);
		expect(explained).toEqual([]);
		expect(onlyObject(io.out())['diagnosis']).toMatchObject([{code: 'DEBUG_LOG_OPEN_FAILED'}]);
	});
});

describe('--redact-ids', () => {
	test('human output (a 401, which names both IDs): masked on stdout and stderr; the correlation ID stays', async () => {
		const {io, code} = await check(['--redact-ids', '--auth', 'jwt'], wrong.secret);
		expect(code).toBe(1);
		const all = io.out() + io.err();
		expect(all).not.toContain(orgId);
		expect(all).not.toContain(key.keyId);
		expect(io.out()).toContain(`created with ${maskId(orgId)} selected`);
		expect(io.err()).toContain(`Testing key ${maskId(key.keyId)} for ${maskId(orgId)}`);
		expect(io.out()).toMatch(/correlation ID [\da-f-]{36}/);
	});

	test('--json: orgId and keyId masked, request IDs visible; without the flag the organization ID is shown', async () => {
		const {io, code} = await check(['--redact-ids', '--json', '--report', 'r']);
		expect(code).toBe(0);
		const json = onlyObject(io.out());
		expect(json).toMatchObject({orgId: maskId(orgId), keyId: maskId(key.keyId)});
		expect(io.out() + io.err()).not.toContain(orgId);
		for (const result of results(json)) expect(result['requestId']).toMatch(/^\d{10,}$/);
		// The report is for CyberSource support: it keeps the organization ID.
		expect(readFileSync(path.join(dir, 'r.md'), 'utf8')).toContain(`\`${orgId}\``);

		const plain = await check(['--json', '--auth', 'jwt']);
		expect(onlyObject(plain.io.out())['orgId']).toBe(orgId);
	});
});

describe('--export', () => {
	test('after a pass: the four SDK files (0600) for JWT, no secret; an existing file is kept', async () => {
		const out = path.join(dir, 'sdk');
		const {mkdirSync} = await import('node:fs');
		mkdirSync(out);
		writeFileSync(path.join(out, '.env'), 'MINE=1\n');
		const {io, code} = await check(['--export', 'sdk', '--json']);
		expect(code).toBe(0);
		expect(readdirSync(out).sort()).toEqual(['.env', 'cybersource-config.cjs', 'cybersource_config.py', 'cybs.properties']);
		expect(readFileSync(path.join(out, '.env'), 'utf8')).toBe('MINE=1\n');
		for (const name of ['cybersource-config.cjs', 'cybersource_config.py', 'cybs.properties']) {
			const file = path.join(out, name);
			expect(mode(file)).toBe('600');
			const text = readFileSync(file, 'utf8');
			expectNoSecret(text, key.secret);
			expect(text).toContain(key.keyId);
			expect(text).toContain('CYBERSOURCE_SHARED_SECRET');
		}

		expect(readFileSync(path.join(out, 'cybersource-config.cjs'), 'utf8')).toContain(`'authenticationType': "jwt"`);
		const exported = record(onlyObject(io.out())['export']);
		expect(exported).toMatchObject({ok: true, dir: out, auth: 'jwt', failed: []});
		expect(exported['written']).toHaveLength(3);
		expect(exported['skipped']).toEqual([expect.objectContaining({path: path.join(out, '.env'), code: 'EXPORT_FILE_EXISTS'})]);
		expect(io.err()).toContain(`Kept the existing ${path.join(out, '.env')} (not overwritten)`);
	});

	test('HTTP Signature only: exported as http_signature', async () => {
		const {code} = await check(['--export', 'sdk', '--auth', 'http-signature']);
		expect(code).toBe(0);
		expect(readFileSync(path.join(dir, 'sdk', 'cybs.properties'), 'utf8')).toContain('authenticationType=http_signature');
	});

	test('a failed test exports nothing and says so', async () => {
		const {io, code} = await check(['--export', 'sdk', '--auth', 'jwt'], wrong.secret);
		expect(code).toBe(1);
		expect(existsSync(path.join(dir, 'sdk'))).toBe(false);
		expect(io.err()).toContain('the test did not pass. [EXPORT_NOT_WRITTEN]');
	});

	test('an export path that is a file: exit 2 before anything is sent', async () => {
		writeFileSync(path.join(dir, 'file'), '');
		const {code} = await check(['--export', 'file']);
		expect(code).toBe(2);
		expect(explained).toEqual([]);
	});
});

describe('report helpers', () => {
	const sampleReport: KeyTestReport = {
		ok: false,
		environment: environment('test'),
		mode: 'payment',
		attempts: [
			{
				auth: 'jwt',
				endpoint: 'POST /pts/v2/payments',
				url: 'https://apitest.cybersource.com/pts/v2/payments',
				outcome: 'rejected',
				code: 'AUTHENTICATION_FAILED',
				message: 'Rejected.',
				httpStatus: 401,
				correlationId: 'corr-1',
				signed: {headerList: 'authorization', signingString: '{}'},
				durationMs: 5,
			},
		],
		diagnosis: [],
		durationMs: 5,
	};

	test('reportProbesOf: none without report.probes; each probe with its outcome, code, message and request', () => {
		expect(reportProbesOf(sampleReport)).toEqual([]);
		const withProbes: KeyTestReport = {
			...sampleReport,
			probes: [
				{
					name: 'environment-swap',
					label: 'Environment swap',
					code: 'ENVIRONMENT_SWAP_AUTHENTICATES',
					outcome: 'failed',
					message: 'Your key authenticates in production, not in test.',
					request: 'GET https://api.cybersource.com/tss/v2/transactions/000',
					httpStatus: 404,
					correlationId: 'corr-2',
				},
				{name: 'clock', label: 'Clock', code: 'CLOCK_OK', outcome: 'passed', message: 'The clock is within 2 s of CyberSource.'},
			],
		};
		expect(reportProbesOf(withProbes)).toEqual([
			{
				name: 'Environment swap',
				outcome:
					'failed (ENVIRONMENT_SWAP_AUTHENTICATES): Your key authenticates in production, not in test. Request: GET https://api.cybersource.com/tss/v2/transactions/000 → HTTP 404, v-c-correlation-id corr-2.',
			},
			{name: 'Clock', outcome: 'passed (CLOCK_OK): The clock is within 2 s of CyberSource.'},
		]);
	});

	test('against CyberSource itself: where to open the support case and which IDs to quote', () => {
		const data = buildSupportReport({
			report: sampleReport,
			credentials: {orgId, keyId: '08c94330-f618-42a3-b09d-e1e43be5efda'},
			now: () => 0,
			toolVersion: '0.0.0',
			nodeVersion: 'v20',
			os: {platform: 'linux', release: '6', arch: 'x64'},
			proxyInUse: false,
		});
		const lines = reportWrittenLines({paths: {markdown: '/r.md', json: '/r.json'}, data});
		expect(lines).toEqual([
			'Support report written (mode 0600, no shared secret in it): /r.md (to read) and /r.json (the same, for tools).',
			'For a support case: log in to Business Center (https://businesscentertest.cybersource.com), open Support > Support Center > General Support Request, choose Test, attach both files, and quote:',
			'  JWT (shared secret): v-c-correlation-id corr-1',
		]);
	});
});
