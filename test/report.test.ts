import {chmod, mkdtemp, readFile, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {buildSupportReport, type SupportReport, type SupportReportInput} from '../source/report/support-report.js';
import {renderReportJson, renderReportMarkdown} from '../source/report/render-report.js';
import {reportPaths} from '../source/report/report-paths.js';
import {writeSupportReport} from '../source/report/write-report.js';
import {leaks, secretNeedles, sensitiveNeedles, signedFixture, type SignedFixture} from './helpers/report-fixtures.js';

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

describe('support report: issue 6 (ranked diagnosis, lookup, production charge and reversal, simulator runs)', () => {
	function issue6Report(fixture: SignedFixture, baseUrl = 'https://apitest.cybersource.com'): SignedFixture['report'] {
		const [first, second] = fixture.report.attempts;
		if (first === undefined || second === undefined) throw new Error('fixture has two attempts');
		const requestId = first.requestId ?? 'missing';
		const lookup = {
			status: 'found',
			code: 'LOOKUP_FOUND',
			message: `CyberSource's transaction search shows request ID ${requestId}.`,
			requestId,
			transaction: {
				requestId,
				status: 'REVERSED',
				amount: '1.00',
				currency: 'USD',
				submitTimeUtc: '2026-07-01T12:00:01Z',
				applications: [
					{name: 'ics_auth', status: 'AUTHORIZED', rFlag: 'SOK', rMessage: 'Request was processed successfully.'},
					{name: 'ics_auth_reversal', status: 'REVERSED', rFlag: 'SOK', rMessage: 'Request was processed successfully.'},
				],
			},
			attempts: 1,
			elapsedMs: 5000,
			manualSteps: ['Log in to Business Center: https://businesscenter.cybersource.com'],
			detailsUrl: `https://businesscenter.cybersource.com/ebc2/app/TransactionManagement/details?requestId=${requestId}&merchantId=acme_corp_001`,
		} as const;
		const reversal = {
			status: 'failed',
			code: 'REVERSAL_FAILED',
			message: `THE AUTOMATIC REVERSAL FAILED (HTTP 502): the 1.00 USD authorization with request ID ${requestId} still holds funds.`,
			paymentRequestId: requestId,
			httpStatus: 502,
			correlationId: 'rev-corr-1',
			amount: '1.00',
			currency: 'USD',
			voidSteps: ['Log in to Business Center: https://businesscenter.cybersource.com', 'Click the request ID, then Void / Reverse the authorization.'],
		} as const;
		return {
			...fixture.report,
			environment: {...fixture.report.environment, baseUrl},
			attempts: [{...first, lookup, reversal}, second],
			lookup,
			reversal,
			charge: {amount: '1.00', currency: 'USD'},
			probes: [
				{name: 'control', label: 'Control (published sample credentials)', code: 'CONTROL_AUTHENTICATES', outcome: 'passed', message: 'The samples work.', httpStatus: 404},
			],
			diagnosis: [
				{code: 'REVERSAL_FAILED', message: reversal.message, kind: 'failure', severity: 'error', steps: reversal.voidSteps},
				{code: 'WRONG_ORGANIZATION', message: 'Another organization.', kind: 'cause', severity: 'warning', rank: 2},
				{code: 'KEY_OR_SECRET_WRONG', message: 'Mistyped secret.', kind: 'cause', severity: 'error', rank: 1, steps: ['Generate a new key.']},
				{code: 'CHECK_KEY_ACTIVE', message: 'Key is active.', kind: 'checklist', severity: 'info'},
				{code: 'HTTP_SIGNATURE_RETIRING', message: 'JWT uses the same key.', kind: 'info', severity: 'info'},
			],
		};
	}

	function build(report: SignedFixture['report'], fixture: SignedFixture, extra: Partial<SupportReportInput> = {}): SupportReport {
		return buildSupportReport({...input(fixture), report, diagnosisProbes: undefined, ...extra});
	}

	it('Markdown: a failed reversal as a banner; ranked causes in rank order with steps; checklist; notes; lookup; probes from the report', async () => {
		const fixture = await signedFixture();
		const markdown = renderReportMarkdown(build(issue6Report(fixture), fixture));
		const requestId = fixture.report.attempts[0]?.requestId ?? 'missing';
		expect(markdown).toContain('> **Action needed: the automatic reversal failed.** THE AUTOMATIC REVERSAL FAILED (HTTP 502)');
		expect(markdown.indexOf('Action needed')).toBeLessThan(markdown.indexOf('| Generated (UTC)'));
		expect(markdown).toContain('## Production charge and reversal');
		expect(markdown).toContain('A real authorization of 1.00 USD was sent (confirmed by the user) and reversed automatically.');
		expect(markdown).toContain('| Reversal | failed (`REVERSAL_FAILED`) |');
		expect(markdown).toContain(`| Authorization request ID | \`${requestId}\` |`);
		expect(markdown).toContain('Void the authorization in Business Center:\n\n1. Log in to Business Center: https://businesscenter.cybersource.com\n2. Click the request ID, then Void / Reverse the authorization.');
		expect(markdown).toContain('## Transaction lookup (Business Center)');
		expect(markdown).toContain('| Applications | ics_auth AUTHORIZED (SOK) Request was processed successfully.; ics_auth_reversal REVERSED (SOK) Request was processed successfully. |');
		expect(markdown).toContain('| Amount | 1.00 USD |');
		expect(markdown).toContain(`| Business Center link | https://businesscenter.cybersource.com/ebc2/app/TransactionManagement/details?requestId=${requestId}&merchantId=acme_corp_001 |`);
		expect(markdown).toContain('## Diagnosis\n\n- `REVERSAL_FAILED` THE AUTOMATIC REVERSAL FAILED');
		expect(markdown).toContain('### Likely causes, most likely first\n\n1. `KEY_OR_SECRET_WRONG` Mistyped secret.\n   - Generate a new key.\n2. `WRONG_ORGANIZATION` Another organization.');
		expect(markdown).toContain('### To check in Business Center (CyberSource does not reveal which)\n\n- [ ] `CHECK_KEY_ACTIVE` Key is active.');
		expect(markdown).toContain('### Notes\n\n- `HTTP_SIGNATURE_RETIRING` JWT uses the same key.');
		// Without diagnosisProbes the report's own probes are listed.
		expect(markdown).toContain('| Control (published sample credentials) | passed (CONTROL_AUTHENTICATES): The samples work. |');
		expect(markdown).toContain('## What to attach to a Business Center support case');
		expect(markdown).toContain('`rev-corr-1`');
		expect(leaks(markdown, sensitiveNeedles(fixture))).toEqual([]);
	});

	it('JSON: diagnosis items keep kind, severity, rank and steps; lookups, charge and reversal are there; simulatorRun false', async () => {
		const fixture = await signedFixture();
		const data = build(issue6Report(fixture), fixture);
		const parsed: unknown = JSON.parse(renderReportJson(data));
		expect(parsed).toMatchObject({
			simulatorRun: false,
			charge: {amount: '1.00', currency: 'USD'},
			reversal: {status: 'failed', code: 'REVERSAL_FAILED', httpStatus: 502, voidSteps: expect.arrayContaining([expect.stringContaining('Business Center')])},
			lookups: [{auth: 'http-signature', authLabel: 'HTTP Signature', code: 'LOOKUP_FOUND', transaction: {status: 'REVERSED'}}],
			diagnosis: expect.arrayContaining([
				{code: 'KEY_OR_SECRET_WRONG', message: 'Mistyped secret.', kind: 'cause', severity: 'error', rank: 1, steps: ['Generate a new key.']},
				{code: 'CHECK_KEY_ACTIVE', message: 'Key is active.', kind: 'checklist', severity: 'info'},
			]),
			probes: [{name: 'Control (published sample credentials)', outcome: expect.stringContaining('CONTROL_AUTHENTICATES')}],
			supportCase: {correlationIds: expect.arrayContaining(['rev-corr-1'])},
		});
	});

	it('a simulator (loopback) run: says so and does not tell the user to attach it to a Business Center case', async () => {
		const fixture = await signedFixture();
		const data = build(issue6Report(fixture, 'http://127.0.0.1:4010'), fixture);
		expect(data.simulatorRun).toBe(true);
		const markdown = renderReportMarkdown(data);
		expect(markdown).toContain('## Simulator run: not for a Business Center support case');
		expect(markdown).toContain('These requests went to http://127.0.0.1:4010 on this machine');
		expect(markdown).toContain('Do not attach this report to a Business Center case');
		expect(markdown).not.toContain('## What to attach to a Business Center support case');
		expect(markdown).not.toContain('Attach this report');
		// No dead Business Center link for a transaction the simulator holds.
		expect(markdown).not.toContain('| Business Center link |');
	});

	it('card numbers in anything passed in are masked to their last 4 digits', async () => {
		const fixture = await signedFixture();
		const [first, second] = fixture.report.attempts;
		if (first === undefined || second === undefined) throw new Error('fixture has two attempts');
		const careless = {...fixture.report, attempts: [{...first, cybersourceMessage: 'card 4111111111111111 declined'}, second]};
		const markdown = renderReportMarkdown(buildSupportReport(input({...fixture, report: careless})));
		expect(markdown).not.toContain('4111111111111111');
		expect(markdown).toContain('card [REDACTED card number ending 1111] declined');
	});
});
