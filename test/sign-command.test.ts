import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Readable} from 'node:stream';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import type {CommandIo} from '../source/commands/command-io.js';
import {createSignMain, main} from '../source/commands/sign.js';
import {httpVectors, jwtVectors} from './helpers/vectors.js';

const secret = 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=';
const keyId = '08c94330-f618-42a3-b09d-e1e43be5efda';
const date = 'Mon, 05 Jan 2026 09:07:03 GMT';

type Run = {code: number; stdout: string; stderr: string};

type RunOptions = {
	env?: Record<string, string | undefined>;
	stdin?: string | Uint8Array;
	stdinIsTty?: boolean;
	signal?: AbortSignal;
	command?: typeof main;
};

let directory = '';

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'cybs-sign-'));
});

afterAll(async () => {
	await rm(directory, {recursive: true, force: true});
});

async function sign(argv: string[], options: RunOptions = {}): Promise<Run> {
	const stdout: string[] = [];
	const stderr: string[] = [];
	const stdin = Object.assign(Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]), {
		isTTY: options.stdinIsTty ?? false,
	});
	const io: CommandIo = {
		argv,
		env: options.env ?? {},
		stdin,
		stdout: {write: (text: string) => stdout.push(text)},
		stderr: {write: (text: string) => stderr.push(text)},
		cwd: directory,
		signal: options.signal ?? new AbortController().signal,
	};
	const code = await (options.command ?? main)(io);
	return {code, stdout: stdout.join(''), stderr: stderr.join('')};
}

function parseJson(text: string): unknown {
	return JSON.parse(text);
}

function expectNoSecret(run: Run, value = secret) {
	expect(run.stdout).not.toContain(value);
	expect(run.stderr).not.toContain(value);
}

function expectUsageError(run: Run, code: string) {
	expect(run.code).toBe(2);
	expect(run.stdout).toBe('');
	expect(run.stderr.endsWith('\n')).toBe(true);
	expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
	expect(run.stderr).toContain(`[${code}]`);
}

const credentials = ['--org-id', 'testrest', '--key-id', keyId];
const secretEnv = {CYBERSOURCE_SHARED_SECRET: secret};

describe('--json reproduces every HTTP Signature vector', () => {
	for (const vector of httpVectors) {
		test(vector.id, async () => {
			const bodyPath = join(directory, `${vector.id}.json`);
			await writeFile(bodyPath, vector.body);
			const hasBody = ['POST', 'PUT', 'PATCH'].includes(vector.method);
			const run = await sign(
				[
					'--method', vector.method, '--host', vector.host, '--path', vector.path, '--date', vector.date,
					'--org-id', vector.merchantId, '--key-id', vector.keyId,
					...(vector.portfolioId === undefined ? [] : ['--portfolio-id', vector.portfolioId]),
					...(hasBody ? ['--body-file', bodyPath] : []),
					'--json',
				],
				{env: {CYBERSOURCE_SHARED_SECRET: vector.secret}},
			);
			expect(run.stderr).toBe('');
			expect(run.code).toBe(0);
			expect(parseJson(run.stdout)).toEqual({
				signingString: vector.expected.signingString,
				headers: {
					host: vector.host,
					date: vector.date,
					...(vector.expected.digestHeader === undefined ? {} : {digest: vector.expected.digestHeader}),
					'v-c-merchant-id': vector.merchantId,
					signature: vector.expected.signatureHeader,
				},
			});
			expectNoSecret(run, vector.secret);
		});
	}
});

describe('--json reproduces every JWT vector', () => {
	for (const vector of jwtVectors) {
		test(vector.id, async () => {
			const hasBody = ['POST', 'PUT', 'PATCH'].includes(vector.method);
			await writeFile(join(directory, `${vector.id}.json`), vector.body);
			await writeFile(join(directory, `${vector.id}.secret`), `${vector.secret}\n`);
			const run = await sign([
				'--auth', 'jwt', '--method', vector.method, '--host', vector.host, '--path', vector.path,
				'--iat', String(vector.iat), '--jti', vector.jti,
				'--org-id', vector.merchantId, '--key-id', vector.keyId, '--secret-file', `${vector.id}.secret`,
				...(vector.portfolioId === undefined ? [] : ['--portfolio-id', vector.portfolioId]),
				...(hasBody ? ['--body-file', `${vector.id}.json`] : []),
				'--json',
			]);
			expect(run.stderr).toBe('');
			expect(run.code).toBe(0);
			const json = parseJson(run.stdout);
			expect(json).toEqual({
				header: parseJson(vector.expected.jwtHeaderJson),
				claims: parseJson(vector.expected.jwtPayloadJson),
				token: vector.expected.token,
				headers: {authorization: vector.expected.authorizationHeader},
			});
			// Claim order is part of the signed bytes.
			const claims = typeof json === 'object' && json !== null && 'claims' in json ? json.claims : undefined;
			expect(JSON.stringify(claims)).toBe(vector.expected.jwtPayloadJson);
			expectNoSecret(run, vector.secret);
		});
	}
});

describe('inputs', () => {
	const vector = httpVectors.find((v) => v.id === 'post-sample-payment-apitest');
	if (!vector) throw new Error('sample payment vector missing');

	test('the secret can come from stdin with --secret-file -', async () => {
		const run = await sign([...credentials, '--date', vector.date, '--method', 'GET', '--secret-file', '-', '--json'], {stdin: `${secret}\n`});
		expect(run.code).toBe(0);
		expect(parseJson(run.stdout)).toMatchObject({headers: {date: vector.date}});
	});

	test('the body can come from stdin with --body-file -', async () => {
		const run = await sign([...credentials, '--date', vector.date, '--body-file', '-', '--json'], {stdin: vector.body, env: secretEnv});
		expect(run.code).toBe(0);
		expect(parseJson(run.stdout)).toMatchObject({signingString: vector.expected.signingString});
	});

	test('the secret can come from a file, with a trailing newline and quotes', async () => {
		await writeFile(join(directory, 'secret.txt'), `"${secret}"\n`);
		const run = await sign([...credentials, '--date', vector.date, '--body-file', '-', '--secret-file', 'secret.txt', '--json'], {stdin: vector.body});
		expect(run.code).toBe(0);
		expect(parseJson(run.stdout)).toMatchObject({headers: {signature: vector.expected.signatureHeader}});
	});

	test('the secret file may be the Business Center key file', async () => {
		await writeFile(join(directory, 'key.pem'), `Key: ${keyId}\nShared Secret: ${secret}\n`);
		const run = await sign([...credentials, '--date', vector.date, '--body-file', '-', '--secret-file', 'key.pem', '--json'], {stdin: vector.body});
		expect(run.code).toBe(0);
		expect(parseJson(run.stdout)).toMatchObject({headers: {signature: vector.expected.signatureHeader}});
	});

	test('organization ID and key ID come from the environment; a flag wins', async () => {
		const env = {...secretEnv, CYBERSOURCE_MERCHANT_ID: 'testrest', CYBERSOURCE_KEY_ID: keyId};
		const fromEnv = await sign(['--date', date, '--method', 'GET', '--path', '/tss/v2/transactions/1', '--json'], {env});
		expect(parseJson(fromEnv.stdout)).toMatchObject({headers: {'v-c-merchant-id': 'testrest'}});
		const flagWins = await sign(['--org-id', 'other_merchant', '--date', date, '--method', 'GET', '--json'], {env});
		expect(parseJson(flagWins.stdout)).toMatchObject({headers: {'v-c-merchant-id': 'other_merchant'}});
	});

	test('without --date the clock gives the date; without --iat/--jti the clock and a UUID', async () => {
		const command = createSignMain({now: () => Date.UTC(2026, 0, 5, 9, 7, 3, 500), uuid: () => 'fixed-jti'});
		const http = await sign([...credentials, '--json'], {env: secretEnv, command});
		expect(parseJson(http.stdout)).toMatchObject({headers: {date: date}});
		const jwt = await sign([...credentials, '--auth', 'jwt', '--json'], {env: secretEnv, command});
		expect(parseJson(jwt.stdout)).toMatchObject({claims: {iat: 1_767_604_023, exp: 1_767_604_143, jti: 'fixed-jti'}});
	});

	test('a POST without --body-file signs the empty body', async () => {
		const run = await sign([...credentials, '--date', date, '--json'], {env: secretEnv});
		expect(parseJson(run.stdout)).toMatchObject({headers: {digest: 'SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='}});
	});
});

describe('human output', () => {
	test('HTTP Signature: the signing string line by line, then the headers; the secret only masked', async () => {
		const vector = httpVectors.find((v) => v.portfolioId !== undefined);
		if (!vector) throw new Error('meta key vector missing');
		await writeFile(join(directory, 'meta.json'), vector.body);
		const run = await sign(
			['--org-id', vector.merchantId, '--key-id', vector.keyId, '--portfolio-id', vector.portfolioId ?? '', '--date', vector.date, '--method', vector.method, '--host', vector.host, '--path', vector.path, '--body-file', 'meta.json'],
			{env: {CYBERSOURCE_SHARED_SECRET: `${vector.secret}\n`}},
		);
		expect(run.code).toBe(0);
		expect(run.stderr).toBe('');
		const lines = run.stdout.split('\n');
		const signingStart = lines.findIndex((line) => line.startsWith('Signing string'));
		const headersStart = lines.indexOf('Headers to send:');
		expect(signingStart).toBeGreaterThan(0);
		expect(headersStart).toBeGreaterThan(signingStart);
		expect(lines.slice(signingStart + 1, signingStart + 1 + vector.expected.signingString.split('\n').length).map((line) => line.trim())).toEqual(
			vector.expected.signingString.split('\n'),
		);
		expect(run.stdout).toContain(`  signature: ${vector.expected.signatureHeader}`);
		expect(run.stdout).toContain(`  v-c-merchant-id: ${vector.merchantId}`);
		expect(run.stdout).toContain(`Meta key: the signed v-c-merchant-id line carries the portfolio ID (${vector.portfolioId})`);
		expect(run.stdout).toContain(`••••••••${vector.secret.slice(-4)}`);
		expect(run.stdout).toContain('Note: Removed a trailing newline from the shared secret.');
		expectNoSecret(run, vector.secret);
	});

	test('JWT: header, claims, token and the Authorization header', async () => {
		const vector = jwtVectors[0];
		if (!vector) throw new Error('no JWT vector');
		await writeFile(join(directory, 'jwt.json'), vector.body);
		const run = await sign(
			['--auth', 'jwt', '--org-id', vector.merchantId, '--key-id', vector.keyId, '--iat', String(vector.iat), '--jti', vector.jti, '--method', vector.method, '--host', vector.host, '--path', vector.path, '--body-file', 'jwt.json'],
			{env: {CYBERSOURCE_SHARED_SECRET: vector.secret}},
		);
		expect(run.code).toBe(0);
		expect(run.stdout).toContain(`  ${vector.expected.jwtHeaderJson}\n`);
		expect(run.stdout).toContain(`  ${vector.expected.jwtPayloadJson}\n`);
		expect(run.stdout).toContain(`  authorization: ${vector.expected.authorizationHeader}\n`);
		expect(run.stdout).toContain('  request-method: "post"');
		expectNoSecret(run, vector.secret);
	});

	test('a POST without a body file says it signed an empty body', async () => {
		const run = await sign([...credentials, '--date', date], {env: secretEnv});
		expect(run.stdout).toContain('EMPTY body (0 bytes)');
	});
});

describe('bad input: one line on stderr, exit 2, never the secret', () => {
	test.each([
		['unknown flag', ['--frobnicate'], 'USAGE'],
		['unknown flag carrying a secret', [`--secret=${secret}`], 'USAGE'],
		['stray argument (maybe a secret)', [secret], 'USAGE'],
		['flag without value', ['--host'], 'USAGE'],
		['--json with a value', ['--json=yes'], 'USAGE'],
		['bad --auth', ['--auth', 'oauth'], 'USAGE'],
		['unknown method', ['--method', 'FETCH'], 'SIGN_UNKNOWN_METHOD'],
		['URL as host', ['--host', 'https://apitest.cybersource.com/pts'], 'SIGN_BAD_HOST'],
		['path without slash', ['--path', 'pts/v2/payments'], 'SIGN_BAD_PATH'],
		['bad date', ['--date', '2026-01-05T09:07:03Z'], 'SIGN_BAD_DATE'],
		['--date with JWT', ['--auth', 'jwt', '--date', date], 'USAGE'],
		['--iat with HTTP Signature', ['--iat', '1767604023'], 'USAGE'],
		['bad --iat', ['--auth', 'jwt', '--iat', 'soon'], 'SIGN_BAD_IAT'],
		['bad --jti', ['--auth', 'jwt', '--jti', 'has space'], 'SIGN_BAD_JTI'],
		['body on GET', ['--method', 'GET', '--body-file', 'x.json'], 'SIGN_BODY_NOT_ALLOWED'],
		['stdin twice', ['--body-file', '-', '--secret-file', '-'], 'SIGN_STDIN_TWICE'],
		['missing body file', ['--body-file', 'missing.json'], 'BODY_FILE_NOT_FOUND'],
		['missing secret file', ['--secret-file', 'missing-secret.txt'], 'SECRET_FILE_NOT_FOUND'],
	])('%s', async (_name, flags, code) => {
		const run = await sign([...credentials, ...flags], {env: secretEnv});
		expectUsageError(run, code);
		expectNoSecret(run);
	});

	test('file errors name the path', async () => {
		const run = await sign([...credentials, '--body-file', 'missing.json'], {env: secretEnv});
		expect(run.stderr).toContain('missing.json');
	});

	test.each([
		['no organization ID', {...secretEnv, CYBERSOURCE_KEY_ID: keyId}, [], 'ORG_ID_MISSING'],
		['no key ID', {...secretEnv, CYBERSOURCE_MERCHANT_ID: 'testrest'}, [], 'KEY_ID_MISSING'],
		['no secret', {}, credentials, 'SECRET_NOT_GIVEN'],
		['truncated secret', {CYBERSOURCE_SHARED_SECRET: secret.slice(0, 40)}, credentials, 'SECRET_TRUNCATED'],
		['URL-safe secret', {CYBERSOURCE_SHARED_SECRET: secret.replaceAll('+', '-').replaceAll('/', '_')}, credentials, 'SECRET_URL_SAFE_BASE64'],
		['swapped', {CYBERSOURCE_SHARED_SECRET: keyId}, ['--org-id', 'testrest', '--key-id', secret], 'KEY_ID_AND_SECRET_SWAPPED'],
		['Secure Acceptance secret', {CYBERSOURCE_SHARED_SECRET: 'ab12'.repeat(64)}, credentials, 'SECRET_IS_SECURE_ACCEPTANCE_KEY'],
		['merchant ID as key ID', secretEnv, ['--org-id', 'testrest', '--key-id', 'testrest'], 'KEY_ID_IS_MERCHANT_ID'],
		['bad organization ID', secretEnv, ['--org-id', 'Acme Corp', '--key-id', keyId], 'ORG_ID_HAS_SPACES'],
		['bad portfolio ID', secretEnv, [...credentials, '--portfolio-id', 'x'], 'PORTFOLIO_ID_TOO_SHORT'],
	])('%s', async (_name, env, flags, code) => {
		const run = await sign([...flags, '--date', date], {env});
		expectUsageError(run, code);
		expectNoSecret(run);
		expectNoSecret(run, secret.slice(0, 40));
	});

	test('a truncated secret from a file is refused without echoing it', async () => {
		await writeFile(join(directory, 'short.txt'), secret.slice(0, 43));
		const run = await sign([...credentials, '--secret-file', 'short.txt'], {});
		expectUsageError(run, 'SECRET_TRUNCATED');
		expectNoSecret(run, secret.slice(0, 43));
	});

	test('--secret-file - on a terminal is refused (typing would show the secret)', async () => {
		const run = await sign([...credentials, '--secret-file', '-'], {stdinIsTty: true});
		expectUsageError(run, 'SECRET_STDIN_IS_TERMINAL');
	});

	test('an abort while reading stdin exits 130', async () => {
		const controller = new AbortController();
		controller.abort();
		const run = await sign([...credentials, '--secret-file', '-'], {signal: controller.signal, stdin: secret});
		expect(run.code).toBe(130);
		expectNoSecret(run);
	});
});

describe('secret file contents', () => {
	test.each([
		['a bare secret', `${secret}\n`, true],
		['a lone "Shared Secret:" line', `Shared Secret: ${secret}\n`, true],
		['the whole key file', `Key: ${keyId}\nShared Secret: ${secret}\n`, true],
		['a key file with a cut-off secret', `Key: ${keyId}\nShared Secret: ${secret.slice(0, 30)}\n`, false],
	])('%s', async (_name, content, ok) => {
		await writeFile(join(directory, 'secret-variant.txt'), content);
		const run = await sign([...credentials, '--date', date, '--method', 'GET', '--secret-file', 'secret-variant.txt', '--json']);
		expectNoSecret(run);
		expectNoSecret(run, secret.slice(0, 30));
		if (ok) {
			expect(run.code).toBe(0);
			expect(parseJson(run.stdout)).toMatchObject({headers: {date}});
		} else {
			expectUsageError(run, 'SECRET_FILE_UNRECOGNISED');
			expect(run.stderr).toContain('secret-variant.txt');
		}
	});
});
