import {chmod, mkdtemp, readFile, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {buildSupportReport, type SupportReport, type SupportReportInput} from '../source/report/support-report.js';
import {renderReportJson, renderReportMarkdown} from '../source/report/render-report.js';
import {reportPaths} from '../source/report/report-paths.js';
import {writeSupportReport} from '../source/report/write-report.js';
import {leaks, secretNeedles, sensitiveNeedles, signedFixture, type SignedFixture} from './report-fixtures.js';

const fixedNow = Date.UTC(2026, 6, 1, 12, 0, 5);

function input(fixture: SignedFixture, extra: Partial<SupportReportInput> = {}): SupportReportInput {
	return {
		report: fixture.report,
		// The whole Credentials object, secret included: the report must read only orgId/keyId/portfolioId.
		credentials: fixture.credentials,
		now: () => fixedNow,
		toolVersion: '0.1.0',
		nodeVersion: 'v20.20.0',
		os: {platform: 'linux', release: '6.8.0-45-generic', arch: 'x64'},
		proxyInUse: true,
		diagnosisProbes: [
			{name: 'Same key, HTTP Signature', outcome: 'works (201)'},
			{name: 'Same key on production (api.cybersource.com)', outcome: 'rejected (401)'},
		],
		...extra,
	};
}

async function privateMode(path: string): Promise<number> {
	return (await stat(path)).mode & 0o777;
}

describe('support report content', () => {
	let fixture: SignedFixture;
	let data: SupportReport;
	let markdown: string;
	let json: string;
	beforeEach(async () => {
		fixture = await signedFixture();
		data = buildSupportReport(input(fixture));
		markdown = renderReportMarkdown(data);
		json = renderReportJson(data);
	});

	it('Markdown holds every item a support case needs', () => {
		const {attempts} = fixture.report;
		const expected = [
			'2026-07-01T12:00:05.000Z',
			'cybs-key-wizard 0.1.0',
			'v20.20.0',
			'linux 6.8.0-45-generic (x64)',
			'Test (apitest.cybersource.com)',
			'`apitest.cybersource.com`',
			'`POST /pts/v2/payments`',
			`\`GET ${fixture.transactionPath}\``,
			'https://apitest.cybersource.com/pts/v2/payments',
			'HTTP Signature',
			'JWT (shared secret)',
			'| HTTP status | 201 |',
			'| HTTP status | 401 |',
			'Request was processed successfully.',
			'Authentication Failed',
			attempts[0]?.correlationId ?? 'missing',
			attempts[1]?.correlationId ?? 'missing',
			attempts[0]?.requestId ?? 'missing',
			'`acme_corp_001`',
			`\`${fixture.credentials.keyId.slice(0, 8)}\`…`,
			'`host date request-target digest v-c-merchant-id`',
			fixture.http.signingString,
			'yes, requests went through a proxy',
			'JWT_REJECTED_HTTP_SIGNATURE_WORKS',
			'HTTP Signature works with this key but JWT does not.',
			'| Same key, HTTP Signature | works (201) |',
			'| Same key on production (api.cybersource.com) | rejected (401) |',
			'## What to attach to a Business Center support case',
			'Support → Support Center → General Support Request',
			'https://businesscentertest.cybersource.com',
			'Attach this report',
		];
		for (const item of expected) {
			expect(markdown, item).toContain(item);
		}
	});

	it('shows only the first 8 characters of the key ID, even where the engine put the whole one (JWT kid)', () => {
		expect(fixture.report.attempts[1]?.signed.signingString).toContain(fixture.credentials.keyId);
		expect(markdown).not.toContain(fixture.credentials.keyId);
		expect(json).not.toContain(fixture.credentials.keyId);
		expect(data.keyIdPrefix).toBe(fixture.credentials.keyId.slice(0, 8));
	});

	it('contains neither the secret (any form) nor a whole signature or token', () => {
		expect(leaks(markdown, sensitiveNeedles(fixture))).toEqual([]);
		expect(leaks(json, sensitiveNeedles(fixture))).toEqual([]);
	});

	it('JSON carries the same content', () => {
		const parsed: unknown = JSON.parse(json);
		expect(parsed).toEqual(JSON.parse(JSON.stringify(data)));
		expect(parsed).toMatchObject({
			schema: 'cybs-key-wizard/support-report@1',
			generatedAt: '2026-07-01T12:00:05.000Z',
			nodeVersion: 'v20.20.0',
			organizationId: 'acme_corp_001',
			proxyInUse: true,
			authMethods: ['http-signature', 'jwt'],
			environment: {apiHost: 'apitest.cybersource.com', kind: 'test'},
			attempts: [
				{httpStatus: 201, requestId: '7829072001234567890123', signedHeaderList: 'host date request-target digest v-c-merchant-id'},
				{httpStatus: 401, cybersourceMessage: 'Authentication Failed'},
			],
			supportCase: {route: ['Support', 'Support Center', 'General Support Request'], environmentChoice: 'Test'},
		});
	});

	it('says "meta key" with the portfolio ID for a meta key', async () => {
		const meta = await signedFixture({portfolioId: 'acme_portfolio'});
		const text = renderReportMarkdown(buildSupportReport(input(meta)));
		expect(text).toContain('meta key (portfolio `acme_portfolio`)');
	});
});

describe('support report scrubbing', () => {
	it('removes a leaked secret, signature="…" value and JWT from anything the engine passes in', async () => {
		const fixture = await signedFixture();
		const {secret} = fixture.credentials;
		const hex = Buffer.from(secret, 'base64').toString('hex').toUpperCase();
		const [first, second] = fixture.report.attempts;
		if (first === undefined || second === undefined) throw new Error('fixture has two attempts');
		const careless: SignedFixture = {
			...fixture,
			report: {
				...fixture.report,
				attempts: [
					{...first, cybersourceMessage: `echo: ${fixture.http.headers.signature}`, message: `secret was ${secret}`},
					{...second, signed: {headerList: 'jwt', signingString: `Bearer ${fixture.jwt.token}`}, message: `key bytes ${hex}`},
				],
				diagnosis: [{code: 'X', message: `base64url ${Buffer.from(secret, 'base64').toString('base64url')}`}],
			},
		};
		const data = buildSupportReport(input(careless, {secret}));
		const markdown = renderReportMarkdown(data);
		const json = renderReportJson(data);
		expect(leaks(markdown, sensitiveNeedles(fixture))).toEqual([]);
		expect(leaks(json, sensitiveNeedles(fixture))).toEqual([]);
		expect(markdown).toContain('signature="[REDACTED]"');
		expect(markdown).toContain('[REDACTED] (shared secret)');
		// The JWT's header and claims stay readable for support; only its signature goes.
		const [header = '', payload = ''] = fixture.jwt.token.split('.');
		expect(markdown).toContain(`${header}.${payload}.[REDACTED]`);
	});

	it('renderers scrub signatures and JWTs even in data not built by buildSupportReport', async () => {
		const fixture = await signedFixture();
		const data = buildSupportReport(input(fixture));
		const tampered: SupportReport = {
			...data,
			verdict: `token ${fixture.jwt.token} and ${fixture.http.headers.signature}`,
		};
		const needles = sensitiveNeedles(fixture).filter((needle) => !needle.name.startsWith('base64') && !needle.name.startsWith('hex'));
		expect(leaks(renderReportMarkdown(tampered), needles)).toEqual([]);
		expect(leaks(renderReportJson(tampered), needles)).toEqual([]);
	});

	it('keeps table rows intact when CyberSource text contains pipes and line breaks', async () => {
		const fixture = await signedFixture();
		const [first, second] = fixture.report.attempts;
		if (first === undefined || second === undefined) throw new Error('fixture has two attempts');
		const odd = {...fixture, report: {...fixture.report, attempts: [{...first, cybersourceMessage: 'a | b\nc'}, second]}};
		const markdown = renderReportMarkdown(buildSupportReport(input(odd)));
		expect(markdown).toContain(String.raw`| CyberSource's message | a \| b c |`);
	});
});

describe('report file names', () => {
	it.each([
		['case.md', 'case.md', 'case.json'],
		['case.MD', 'case.MD', 'case.json'],
		['out/case.markdown', 'out/case.markdown', 'out/case.json'],
		['case.json', 'case.md', 'case.json'],
		['case', 'case.md', 'case.json'],
		['case.txt', 'case.txt', 'case.txt.json'],
	])('%s -> %s + %s', (file, markdown, json) => {
		expect(reportPaths(file)).toEqual({markdown, json});
	});
});

describe('writeSupportReport', () => {
	let dir: string;
	let fixture: SignedFixture;
	let data: SupportReport;
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'h6-report-'));
		fixture = await signedFixture();
		data = buildSupportReport(input(fixture));
	});

	it('writes Markdown and JSON with mode 0600, free of the secret', async () => {
		const result = await writeSupportReport(join(dir, 'case.md'), data, {secret: fixture.credentials.secret});
		expect(result).toEqual({ok: true, paths: {markdown: join(dir, 'case.md'), json: join(dir, 'case.json')}});
		for (const path of [join(dir, 'case.md'), join(dir, 'case.json')]) {
			expect(await privateMode(path)).toBe(0o600);
			expect(leaks(await readFile(path, 'utf8'), sensitiveNeedles(fixture))).toEqual([]);
		}

		expect(await readFile(join(dir, 'case.md'), 'utf8')).toBe(renderReportMarkdown(data));
		expect(JSON.parse(await readFile(join(dir, 'case.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(data)));
	});

	it('adds .md and .json to a name without an extension', async () => {
		const result = await writeSupportReport(join(dir, 'case'), data);
		expect(result.ok).toBe(true);
		expect(await privateMode(join(dir, 'case.md'))).toBe(0o600);
		expect(await privateMode(join(dir, 'case.json'))).toBe(0o600);
	});

	it('refuses to overwrite either file without consent and leaves both untouched', async () => {
		await writeFile(join(dir, 'case.json'), 'old json');
		const result = await writeSupportReport(join(dir, 'case.md'), data);
		expect(result).toMatchObject({ok: false, code: 'REPORT_EXISTS'});
		expect(result.ok ? '' : result.message).toContain(join(dir, 'case.json'));
		expect(await readFile(join(dir, 'case.json'), 'utf8')).toBe('old json');
		await expect(stat(join(dir, 'case.md'))).rejects.toThrow();
	});

	it('overwrites with overwrite: true, tightening a 0644 file to 0600', async () => {
		await writeFile(join(dir, 'case.md'), 'old markdown');
		await chmod(join(dir, 'case.md'), 0o644);
		const result = await writeSupportReport(join(dir, 'case.md'), data, {overwrite: true});
		expect(result.ok).toBe(true);
		expect(await readFile(join(dir, 'case.md'), 'utf8')).toBe(renderReportMarkdown(data));
		expect(await privateMode(join(dir, 'case.md'))).toBe(0o600);
	});

	it('writes nothing when the data would put the secret on disk', async () => {
		const leaky: SupportReport = {...data, organizationId: Buffer.from(fixture.credentials.secret, 'base64').toString('hex')};
		const result = await writeSupportReport(join(dir, 'case.md'), leaky, {secret: fixture.credentials.secret});
		expect(result).toMatchObject({ok: false, code: 'REPORT_CONTAINS_SECRET'});
		expect(result.ok ? '' : result.message).not.toContain(secretNeedles(fixture.credentials.secret)[3]?.text ?? 'x');
		await expect(stat(join(dir, 'case.md'))).rejects.toThrow();
		await expect(stat(join(dir, 'case.json'))).rejects.toThrow();
	});

	it('reports a folder that does not exist as REPORT_WRITE_FAILED', async () => {
		const result = await writeSupportReport(join(dir, 'missing', 'case.md'), data);
		expect(result).toMatchObject({ok: false, code: 'REPORT_WRITE_FAILED'});
	});
});
