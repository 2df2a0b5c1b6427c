/**
 * The artifacts of a key test, once for the wizard and check: the ID masker, which methods proved the key
 * (what a profile saves, what is exported), the profile built from a test, and the report, export and
 * debug-log writes (mode 0600, never the secret).
 */
import {existsSync, readFileSync, statSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import type {HttpExchange} from '../source/cybersource/client.js';
import {environment} from '../source/cybersource/environments.js';
import type {AttemptOutcome, KeyTestAttempt, KeyTestReport} from '../source/cybersource/key-test-types.js';
import type {AuthMethod} from '../source/cybersource/types.js';
import {openDebugLog} from '../source/session/artifacts/debug-log.js';
import {createIdMasker, idsToMask, maskIdsInText} from '../source/session/artifacts/id-masker.js';
import {defaultProfileName, profileFromTest} from '../source/session/artifacts/profile.js';
import {methodToExport, provedAuthChoice, provedMethods} from '../source/session/artifacts/proof.js';
import {sdkExportFor, type SdkExport} from '../source/session/artifacts/sdk-export.js';
import {writeKeyTestReport, type ReportWriteInput} from '../source/session/artifacts/write-report.js';
import {writeSdkExport} from '../source/session/artifacts/write-sdk-export.js';
import {temporaryDirectory} from './helpers/check-io.js';

const secret = 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=';
const key = {orgId: 'artifact_merchant', keyId: '08c94330-f618-42a3-b09d-e1e43be5efda'};
const now = () => Date.UTC(2026, 0, 5, 9, 0, 0);

function attempt(auth: AuthMethod, outcome: AttemptOutcome, extra: Partial<KeyTestAttempt> = {}): KeyTestAttempt {
	return {
		auth,
		endpoint: 'POST /pts/v2/payments',
		url: 'https://apitest.cybersource.com/pts/v2/payments',
		outcome,
		code: outcome === 'works' ? 'OK' : 'X',
		message: 'm',
		signed: {headerList: '', signingString: ''},
		durationMs: 1,
		...extra,
	};
}

function reportWith(...attempts: KeyTestAttempt[]): KeyTestReport {
	return {ok: attempts.every(item => item.outcome === 'works'), environment: environment('test'), mode: 'payment', attempts, diagnosis: [], durationMs: 1};
}

function mode(file: string): string {
	return (statSync(file).mode & 0o777).toString(8);
}

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeEach(async () => {
	({dir, cleanup} = await temporaryDirectory('session-artifacts-'));
});

afterEach(async () => {
	await cleanup();
});

describe('the ID masker', () => {
	test('whole tokens only, longest first; a short ID only as a whole value; request IDs untouched', () => {
		const ids = idsToMask(['abc', ' acme_corp ', 'acme_corp_two', 'acme_corp', undefined, '']);
		expect(ids).toEqual(['acme_corp_two', 'acme_corp', 'abc']);
		expect(maskIdsInText('acme_corp_two and acme_corp, request 7000123', ids)).toBe('acme_cor… and acme_cor…, request 7000123');
		expect(maskIdsInText('acme_corp_three', ids)).toBe('acme_corp_three');
		expect(maskIdsInText('abc', ids)).toBe('a…');
		expect(maskIdsInText('abcdef abc', ids)).toBe('abcdef abc');
	});

	test('createIdMasker learns IDs as they come; JSON values masked, keys not', () => {
		const masker = createIdMasker();
		expect(masker.text('artifact_merchant')).toBe('artifact_merchant');
		masker.add('artifact_merchant');
		masker.add(undefined);
		masker.add('  ');
		expect(masker.text('org artifact_merchant.')).toBe('org artifact….');
		expect(masker.json({artifact_merchant: 'artifact_merchant'})).toBe('{"artifact_merchant":"artifact…"}');
	});
});

describe('which methods proved the key pair', () => {
	test('authorized or refused after authenticating both prove it; rejected and no verdict do not', () => {
		const mixed = reportWith(attempt('jwt', 'authenticated'), attempt('http-signature', 'works'));
		expect(provedMethods(mixed)).toEqual(['http-signature', 'jwt']);
		expect(provedAuthChoice(mixed)).toBe('both');
		expect(methodToExport(mixed)).toBe('jwt');
		const partly = reportWith(attempt('http-signature', 'works'), attempt('jwt', 'rejected'));
		expect(provedAuthChoice(partly)).toBe('http-signature');
		expect(methodToExport(partly)).toBe('http-signature');
		expect(provedAuthChoice(reportWith(attempt('http-signature', 'rejected'), attempt('jwt', 'works')))).toBe('jwt');
		const none = reportWith(attempt('http-signature', 'rejected'), attempt('jwt', 'no-verdict'));
		expect(provedMethods(none)).toEqual([]);
		expect(provedAuthChoice(none)).toBeUndefined();
		expect(methodToExport(none)).toBeUndefined();
	});
});

describe('profileFromTest', () => {
	test('the methods that proved it (not the methods asked for), the proving request ID, no secret unless asked', () => {
		const report = reportWith(attempt('http-signature', 'rejected', {requestId: 'rejected-id'}), attempt('jwt', 'works', {requestId: '7000123'}));
		expect(profileFromTest({environmentName: 'test', report, key, now})).toEqual({
			orgId: key.orgId,
			keyId: key.keyId,
			environment: 'test',
			auth: 'jwt',
			lastVerifiedAt: '2026-01-05T09:00:00.000Z',
			requestId: '7000123',
		});
	});

	test('a custom base URL, a meta key and the secret when asked for', () => {
		const report = reportWith(attempt('http-signature', 'works'), attempt('jwt', 'works'));
		const profile = profileFromTest({
			environmentName: 'production',
			baseUrl: new URL('http://127.0.0.1:4000'),
			report,
			key: {...key, portfolioId: 'portfolio_1'},
			secret,
			now,
		});
		expect(profile).toMatchObject({environment: 'production', baseUrl: 'http://127.0.0.1:4000', auth: 'both', metaKey: {portfolioId: 'portfolio_1'}, secret});
		expect(profile).not.toHaveProperty('requestId');
	});

	test('nothing proved: no profile', () => {
		expect(profileFromTest({environmentName: 'simulator', report: reportWith(attempt('jwt', 'rejected')), key, now})).toBeUndefined();
	});

	test('defaultProfileName: from the organization ID, always a valid name', () => {
		expect(defaultProfileName('artifact_merchant')).toBe('artifact_merchant');
		expect(defaultProfileName('__ acme/corp')).toBe('acme-corp');
		expect(defaultProfileName('***')).toBe('my-key');
	});
});

describe('the SDK export', () => {
	test('for the method to export; 0600; an existing file is kept unless overwrite says yes', async () => {
		const report = reportWith(attempt('http-signature', 'works'), attempt('jwt', 'works'));
		const exported = sdkExportFor({report, environment: environment('test'), key, toolVersion: '0.0.0'});
		expect(exported?.auth).toBe('jwt');
		if (exported === undefined) throw new Error('nothing to export');
		const [first] = exported.files;
		if (first === undefined) throw new Error('no files');
		writeFileSync(path.join(dir, first.name), 'mine\n');
		const kept = await writeSdkExport({dir, exported, secret});
		expect(kept).toMatchObject({ok: true, dir, auth: 'jwt', skipped: [{path: path.join(dir, first.name), code: 'EXPORT_FILE_EXISTS'}]});
		expect(readFileSync(path.join(dir, first.name), 'utf8')).toBe('mine\n');
		const replaced = await writeSdkExport({dir, exported, secret, overwrite: async () => true});
		expect(replaced.ok && replaced.written).toHaveLength(exported.files.length);
		for (const file of exported.files) {
			expect(mode(path.join(dir, file.name))).toBe('600');
			expect(readFileSync(path.join(dir, file.name), 'utf8')).not.toContain(secret);
		}
	});

	test('nothing proved: nothing to export; a file that would hold the secret: nothing written at all', async () => {
		expect(sdkExportFor({report: reportWith(attempt('jwt', 'rejected')), environment: environment('test'), key, toolVersion: '0'})).toBeUndefined();
		const leaking: SdkExport = {auth: 'jwt', files: [{name: 'a.env', description: 'dotenv', contents: `X=${secret}\n`}]};
		expect(await writeSdkExport({dir, exported: leaking, secret})).toMatchObject({ok: false, code: 'EXPORT_CONTAINS_SECRET'});
		expect(existsSync(path.join(dir, 'a.env'))).toBe(false);
	});
});

describe('the support report', () => {
	function reportInput(target: ReportWriteInput['target']): ReportWriteInput {
		return {
			target,
			report: reportWith(attempt('jwt', 'rejected', {httpStatus: 401, correlationId: 'corr-1'})),
			extraDiagnosis: [{code: 'KEY_ID_CASE', message: 'The key ID has capitals.'}],
			key,
			secret,
			proxyEnv: {},
			now,
			system: {toolVersion: '0.0.0', nodeVersion: 'v20', os: {platform: 'linux', release: '6', arch: 'x64'}},
		};
	}

	test('into a folder: a timestamped name, never replacing one (-2), 0600, the warnings first in the diagnosis', async () => {
		const first = await writeKeyTestReport(reportInput({dir}));
		const second = await writeKeyTestReport(reportInput({dir}));
		expect(first.ok && first.paths.markdown).toBe(path.join(dir, 'cybs-key-report-20260105-090000Z.md'));
		expect(second.ok && second.paths.json).toBe(path.join(dir, 'cybs-key-report-20260105-090000Z-2.json'));
		if (!first.ok) throw new Error(first.message);
		expect(first.data.diagnosis[0]).toMatchObject({code: 'KEY_ID_CASE'});
		for (const file of [first.paths.markdown, first.paths.json]) {
			expect(mode(file)).toBe('600');
			expect(readFileSync(file, 'utf8')).not.toContain(secret);
		}
	});

	test('to a file: refused when it exists, replaced when overwrite is given', async () => {
		const file = path.join(dir, 'r.md');
		expect((await writeKeyTestReport(reportInput({file, overwrite: false}))).ok).toBe(true);
		expect(await writeKeyTestReport(reportInput({file, overwrite: false}))).toMatchObject({ok: false, code: 'REPORT_EXISTS'});
		expect(await writeKeyTestReport(reportInput({file, overwrite: true}))).toMatchObject({ok: true, paths: {markdown: file, json: path.join(dir, 'r.json')}});
	});
});

describe('the debug log', () => {
	const exchange: HttpExchange = {
		auth: 'jwt',
		request: {method: 'GET', url: 'https://apitest.cybersource.com/tss/v2/transactions/0', headers: {authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl'}},
		response: {status: 404, headers: {}, body: `{"echo":"${secret}"}`},
		startedAt: now(),
		durationMs: 3,
	};

	test('opened for a secret at once (check) or at the first send (the wizard): 0600, counted, redacted, finished once', async () => {
		const file = path.join(dir, 'debug.log');
		const opened = await openDebugLog(file, {secret});
		if (!opened.ok) throw new Error(opened.message);
		opened.log.recorderFor(secret)(exchange);
		opened.log.recorderFor(secret)(exchange);
		expect(opened.log.exchanges()).toBe(2);
		const finished = await opened.log.finish();
		expect(finished).toEqual({ok: true, path: file, exchanges: 2});
		expect(await opened.log.finish()).toBe(finished);
		expect(mode(file)).toBe('600');
		expect(readFileSync(file, 'utf8')).not.toContain(secret);

		const later = path.join(dir, 'wizard.log');
		const waiting = await openDebugLog(later);
		if (!waiting.ok) throw new Error(waiting.message);
		expect(mode(later)).toBe('600');
		waiting.log.recorderFor(secret)(exchange);
		expect(await waiting.log.finish()).toEqual({ok: true, path: later, exchanges: 1});
		expect(readFileSync(later, 'utf8')).toContain('#1');
	});

	test('a file that cannot be opened: DEBUG_LOG_OPEN_FAILED, with or without the secret', async () => {
		const file = path.join(dir, 'missing', 'debug.log');
		expect(await openDebugLog(file)).toMatchObject({ok: false, code: 'DEBUG_LOG_OPEN_FAILED', message: expect.stringContaining('Cannot open the debug log')});
		expect(await openDebugLog(file, {secret})).toMatchObject({ok: false, code: 'DEBUG_LOG_OPEN_FAILED', message: expect.stringContaining('Cannot open the debug log')});
	});
});
