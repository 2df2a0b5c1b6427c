import {execFile} from 'node:child_process';
import {chmod, mkdtemp, readFile, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {promisify} from 'node:util';
import {beforeAll, beforeEach, describe, expect, it} from 'vitest';
import {environment, type EnvironmentId} from '../source/cybersource/environments.js';
import type {KeyTestAttempt, KeyTestReport} from '../source/cybersource/key-test-types.js';
import type {AuthMethod} from '../source/cybersource/types.js';
import {renderSdkExports, type ExportFile} from '../source/export/render-exports.js';
import {propertiesValue} from '../source/export/render-java.js';
import type {SdkExportInput} from '../source/export/sdk-config.js';
import {methodToExport} from '../source/session/artifacts/proof.js';
import {writeExports} from '../source/export/write-exports.js';
import {leaks, secretNeedles, signedFixture, type SignedFixture} from './helpers/report-fixtures.js';

const run = promisify(execFile);

/** A minimal java.util.Properties reader: comments, key=value, backslash escapes, \uXXXX. */
function parseProperties(text: string): Map<string, string> {
	const result = new Map<string, string>();
	for (const line of text.split('\n')) {
		if (line.trim() === '' || line.startsWith('#') || line.startsWith('!')) continue;
		const separator = line.indexOf('=');
		const key = line.slice(0, separator);
		const raw = line.slice(separator + 1);
		const value = raw.replaceAll(/\\(u[\da-fA-F]{4}|.)/g, (_match, escape: string) => {
			if (escape.startsWith('u') && escape.length === 5) return String.fromCharCode(Number.parseInt(escape.slice(1), 16));
			return new Map([['n', '\n'], ['r', '\r'], ['t', '\t']]).get(escape) ?? escape;
		});
		result.set(key, value);
	}

	return result;
}

function file(files: readonly ExportFile[], name: string): ExportFile {
	const found = files.find((candidate) => candidate.name === name);
	if (found === undefined) throw new Error(`no ${name} in the export`);
	return found;
}

function exportInput(fixture: SignedFixture, auth: AuthMethod, env: EnvironmentId = 'test'): SdkExportInput {
	// The whole Credentials (secret included) goes in: the exports must not use the secret.
	return {environment: environment(env), credentials: fixture.credentials, auth, toolVersion: '0.1.0'};
}

function attempt(auth: AuthMethod, outcome: KeyTestAttempt['outcome']): KeyTestAttempt {
	return {auth, endpoint: 'POST /pts/v2/payments', url: 'https://apitest.cybersource.com/pts/v2/payments', outcome, code: 'X', message: 'm', signed: {headerList: '', signingString: ''}, durationMs: 1};
}

function reportWith(...attempts: KeyTestAttempt[]): KeyTestReport {
	return {ok: false, environment: environment('test'), mode: 'payment', attempts, diagnosis: [], durationMs: 1};
}

describe('methodToExport', () => {
	it('prefers JWT when it worked, else HTTP Signature, else nothing', () => {
		expect(methodToExport(reportWith(attempt('http-signature', 'works'), attempt('jwt', 'works')))).toBe('jwt');
		expect(methodToExport(reportWith(attempt('http-signature', 'works'), attempt('jwt', 'rejected')))).toBe('http-signature');
		expect(methodToExport(reportWith(attempt('jwt', 'authenticated')))).toBe('jwt');
		expect(methodToExport(reportWith(attempt('http-signature', 'rejected'), attempt('jwt', 'no-verdict')))).toBeUndefined();
	});
});

type Case = {label: string; auth: AuthMethod; portfolioId?: string; expected: Record<string, unknown>};

describe.each<Case>([
	{
		label: 'JWT',
		auth: 'jwt',
		expected: {authenticationType: 'jwt', jwtKeyType: 'SHARED_SECRET', useMetaKey: false, portfolioID: ''},
	},
	{
		label: 'HTTP Signature',
		auth: 'http-signature',
		expected: {authenticationType: 'http_signature', useMetaKey: false, portfolioID: ''},
	},
	{
		label: 'JWT with a meta key',
		auth: 'jwt',
		portfolioId: 'acme_portfolio',
		expected: {authenticationType: 'jwt', jwtKeyType: 'SHARED_SECRET', useMetaKey: true, portfolioID: 'acme_portfolio'},
	},
	{
		label: 'HTTP Signature with a meta key',
		auth: 'http-signature',
		portfolioId: 'acme_portfolio',
		expected: {authenticationType: 'http_signature', useMetaKey: true, portfolioID: 'acme_portfolio'},
	},
])('exports for $label', ({auth, portfolioId, expected}) => {
	let fixture: SignedFixture;
	let files: ExportFile[];
	let dir: string;
	let common: Record<string, unknown>;
	beforeAll(async () => {
		fixture = await signedFixture(portfolioId === undefined ? {} : {portfolioId});
		files = renderSdkExports(exportInput(fixture, auth));
		dir = await mkdtemp(join(tmpdir(), 'h6-export-'));
		const result = await writeExports(dir, files);
		expect(result.failed).toEqual([]);
		common = {
			...expected,
			merchantID: fixture.credentials.orgId,
			merchantKeyId: fixture.credentials.keyId,
			runEnvironment: 'apitest.cybersource.com',
		};
	});

	it('no file contains the secret in any form', () => {
		expect(files.map((exported) => exported.name)).toEqual(['cybersource-config.cjs', 'cybersource_config.py', 'cybs.properties', '.env']);
		for (const exported of files) {
			expect(leaks(exported.contents, secretNeedles(fixture.credentials.secret)), exported.name).toEqual([]);
		}
	});

	it('Node: importing the module gives the SDK configuration object, the secret taken from the environment', async () => {
		const script = 'const {default: c} = await import(process.argv[1]); process.stdout.write(JSON.stringify(c));';
		const {stdout} = await run(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(join(dir, 'cybersource-config.cjs')).href], {
			env: {PATH: process.env.PATH ?? '', CYBERSOURCE_SHARED_SECRET: fixture.credentials.secret},
		});
		const config: unknown = JSON.parse(stdout);
		expect(config).toEqual({...common, merchantsecretKey: fixture.credentials.secret});
		expect(file(files, 'cybersource-config.cjs').contents).toContain('process.env.CYBERSOURCE_SHARED_SECRET');
	});

	it('Node: without CYBERSOURCE_SHARED_SECRET the module says what to set', async () => {
		const script = 'await import(process.argv[1]);';
		const failure = run(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(join(dir, 'cybersource-config.cjs')).href], {
			env: {PATH: process.env.PATH ?? ''},
		});
		await expect(failure).rejects.toMatchObject({stderr: expect.stringContaining('CYBERSOURCE_SHARED_SECRET is not set')});
	});

	it('Python: parses, and evaluates to the SDK configuration dict (snake_case names)', async () => {
		const path = join(dir, 'cybersource_config.py');
		await run('python3', ['-c', 'import ast,sys; ast.parse(open(sys.argv[1]).read())', path]);
		const {stdout} = await run('python3', ['-c', 'import json,runpy,sys; print(json.dumps(runpy.run_path(sys.argv[1])["merchant_config"]))', path], {
			env: {PATH: process.env.PATH ?? '', CYBERSOURCE_SHARED_SECRET: fixture.credentials.secret},
		});
		const config: unknown = JSON.parse(stdout);
		expect(config).toEqual({
			authentication_type: expected['authenticationType'],
			...(auth === 'jwt' ? {jwt_key_type: 'SHARED_SECRET'} : {}),
			merchantid: fixture.credentials.orgId,
			run_environment: 'apitest.cybersource.com',
			merchant_keyid: fixture.credentials.keyId,
			merchant_secretkey: fixture.credentials.secret,
			use_metakey: expected['useMetaKey'],
			portfolio_id: expected['portfolioID'],
		});
		expect(file(files, 'cybersource_config.py').contents).toContain('os.environ["CYBERSOURCE_SHARED_SECRET"]');
	});

	it('Java: the properties parse into the SDK keys, the secret a documented placeholder', () => {
		const text = file(files, 'cybs.properties').contents;
		const properties = Object.fromEntries(parseProperties(text));
		expect(properties).toEqual({
			...Object.fromEntries(Object.entries(common).map(([key, value]) => [key, String(value)])),
			merchantsecretKey: '${CYBERSOURCE_SHARED_SECRET}',
		});
		expect(text).toContain('do NOT expand ${...}');
		expect(text).toContain('System.getenv("CYBERSOURCE_SHARED_SECRET")');
	});

	it('.env: CYBERSOURCE_SHARED_SECRET is present and empty, with the warning', () => {
		const text = file(files, '.env').contents;
		const assignments = text.split('\n').filter((line) => line !== '' && !line.startsWith('#'));
		expect(assignments).toEqual(['CYBERSOURCE_SHARED_SECRET=']);
		expect(text).toContain('# paste your shared secret here (never commit this file)');
	});

	it('every file is written with mode 0600', async () => {
		for (const exported of files) {
			expect((await stat(join(dir, exported.name))).mode & 0o777, exported.name).toBe(0o600);
		}
	});
});

describe('runEnvironment is the API host', () => {
	it.each([
		['test', 'apitest.cybersource.com'],
		['production', 'api.cybersource.com'],
		['india', 'api.in.cybersource.com'],
	] as const)('%s -> %s', async (env, host) => {
		const fixture = await signedFixture();
		const files = renderSdkExports(exportInput(fixture, 'jwt', env));
		expect(parseProperties(file(files, 'cybs.properties').contents).get('runEnvironment')).toBe(host);
		expect(file(files, 'cybersource-config.cjs').contents).toContain(`'runEnvironment': "${host}"`);
		expect(file(files, 'cybersource_config.py').contents).toContain(`"run_environment": "${host}"`);
	});
});

describe('properties escaping', () => {
	it('round-trips backslashes, leading blanks and non-ASCII', () => {
		const value = String.raw` a\b=c:d é ✓ 𝄞`;
		expect(parseProperties(`k=${propertiesValue(value)}`).get('k')).toBe(value);
		expect(propertiesValue(value)).toMatch(/^[\u0020-\u007E]*$/);
	});
});

describe('writeExports never overwrites without asking', () => {
	let dir: string;
	let files: ExportFile[];
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'h6-export-'));
		files = renderSdkExports(exportInput(await signedFixture(), 'jwt'));
	});

	it('skips existing files by default and reports them', async () => {
		await writeFile(join(dir, '.env'), 'MY_OTHER_VAR=1\n');
		const result = await writeExports(dir, files);
		expect(result.written).toEqual([join(dir, 'cybersource-config.cjs'), join(dir, 'cybersource_config.py'), join(dir, 'cybs.properties')]);
		expect(result.skipped).toEqual([{path: join(dir, '.env'), code: 'EXPORT_FILE_EXISTS', message: `${join(dir, '.env')} already exists and was left unchanged.`}]);
		expect(await readFile(join(dir, '.env'), 'utf8')).toBe('MY_OTHER_VAR=1\n');
	});

	it('asks once per existing file and follows the answer', async () => {
		await writeFile(join(dir, 'cybs.properties'), 'old');
		await chmod(join(dir, 'cybs.properties'), 0o644);
		await writeFile(join(dir, '.env'), 'keep');
		const asked: string[] = [];
		const result = await writeExports(dir, files, {
			overwrite(path) {
				asked.push(path);
				return path.endsWith('cybs.properties');
			},
		});
		expect(asked).toEqual([join(dir, 'cybs.properties'), join(dir, '.env')]);
		expect(result.written).toContain(join(dir, 'cybs.properties'));
		expect(result.skipped.map((entry) => entry.path)).toEqual([join(dir, '.env')]);
		expect(await readFile(join(dir, 'cybs.properties'), 'utf8')).toBe(file(files, 'cybs.properties').contents);
		expect((await stat(join(dir, 'cybs.properties'))).mode & 0o777).toBe(0o600);
		expect(await readFile(join(dir, '.env'), 'utf8')).toBe('keep');
	});

	it('accepts an async answer', async () => {
		await writeFile(join(dir, 'cybersource-config.cjs'), 'old');
		const result = await writeExports(dir, files, {overwrite: async () => true});
		expect(result.skipped).toEqual([]);
		expect(result.written).toHaveLength(4);
	});

	it('creates a missing folder', async () => {
		const nested = join(dir, 'config', 'cybersource');
		const result = await writeExports(nested, files);
		expect(result.written).toHaveLength(4);
	});
});
