/** check's text and JSON without I/O (the exit codes are tested with session/verdict.ts). */
import {describe, expect, test} from 'vitest';
import {parseCheckArgs} from '../source/commands/check/args.js';
import {checkJson, checkText, type CheckContext} from '../source/commands/check/output.js';
import {environment} from '../source/cybersource/environments.js';
import type {AttemptOutcome, KeyTestAttempt, KeyTestReport} from '../source/cybersource/key-test-types.js';
import type {AuthMethod} from '../source/cybersource/types.js';

const test_ = environment('test');

function attempt(auth: AuthMethod, outcome: AttemptOutcome, code: string, extra: Partial<KeyTestAttempt> = {}): KeyTestAttempt {
	return {
		auth,
		endpoint: 'POST /pts/v2/payments',
		url: 'https://apitest.cybersource.com/pts/v2/payments',
		outcome,
		code,
		message: `${code} happened.`,
		signed: {headerList: '', signingString: ''},
		durationMs: 5,
		...extra,
	};
}

function report(attempts: KeyTestAttempt[], mode: 'payment' | 'probe' = 'payment'): KeyTestReport {
	return {
		ok: attempts.length > 0 && attempts.every(item => item.outcome === 'works'),
		environment: test_,
		mode,
		attempts,
		diagnosis: attempts.filter(item => item.outcome !== 'works').map(item => ({code: item.code, message: item.message})),
		durationMs: 10,
	};
}

const context: CheckContext = {
	environmentName: 'test',
	environment: test_,
	orgId: 'demo_merchant',
	keyId: '08c94330-f618-42a3-b09d-e1e43be5efda',
};

describe('checkText', () => {
	test('a declined payment: the keys authenticate, the payment was refused', () => {
		const declined = report([attempt('jwt', 'authenticated', 'PAYMENT_DECLINED', {httpStatus: 201, paymentStatus: 'DECLINED', requestId: '7000'})]);
		const text = checkText(declined, context, 1);
		expect(text).toMatch(/^FAIL {2}The key pair authenticates in test \(apitest\.cybersource\.com\), but the test payment was refused\./);
		expect(text).toContain('JWT (shared secret): PAYMENT_DECLINED (201 DECLINED)');
		expect(text).toContain('the key pair itself is fine');
		expect(text).not.toContain('Key Management');
	});

	test('works with one method, not the other: says which', () => {
		const mixed = report([attempt('http-signature', 'works', 'OK'), attempt('jwt', 'rejected', 'AUTHENTICATION_FAILED', {httpStatus: 401})]);
		expect(checkText(mixed, context, 1)).toContain('FAIL  The key pair works with HTTP Signature but not with JWT (shared secret) in test');
	});

	test('success in test: the Business Center transaction search and deep link', () => {
		const ok = report([attempt('jwt', 'works', 'OK', {httpStatus: 201, paymentStatus: 'AUTHORIZED', requestId: '7411', correlationId: 'c-1'})]);
		const text = checkText(ok, context, 0);
		expect(text).toContain('PASS  The key pair works in test (apitest.cybersource.com): the test payment was authorized.');
		expect(text).toContain('request ID 7411, correlation ID c-1');
		expect(text).toContain('https://businesscentertest.cybersource.com) open Transaction Management > Transactions and search for request ID 7411');
		expect(text).toContain('/ebc2/app/TransactionManagement/details?requestId=7411&merchantId=demo_merchant');
	});

	test('the production probe: no payment was sent', () => {
		const probe = report([attempt('jwt', 'works', 'PROBE_OK', {httpStatus: 404})], 'probe');
		const text = checkText(probe, {...context, environmentName: 'production', environment: environment('production')}, 0);
		expect(text).toContain('PASS  The key pair authenticates in production (api.cybersource.com).');
		expect(text).toContain('No payment was sent');
	});
});

describe('checkJson', () => {
	test('absent facts are null, the key ID is masked, warnings come first in the diagnosis', () => {
		const json = checkJson(report([attempt('jwt', 'no-verdict', 'DNS_FAILURE')]), context, [{code: 'ORG_ID_ACCOUNT_LEVEL', message: 'w'}]);
		expect(json).toEqual({
			ok: false,
			environment: 'test',
			host: 'apitest.cybersource.com',
			orgId: 'demo_merchant',
			keyId: '08c94330…',
			results: [
				{auth: 'jwt', code: 'DNS_FAILURE', httpStatus: null, requestId: null, paymentStatus: null, correlationId: null, message: 'DNS_FAILURE happened.'},
			],
			diagnosis: [
				{code: 'ORG_ID_ACCOUNT_LEVEL', message: 'w'},
				{code: 'DNS_FAILURE', message: 'DNS_FAILURE happened.'},
			],
			lookup: null,
			reversal: null,
			probes: [],
			durationMs: 10,
		});
	});
});

describe('parseCheckArgs', () => {
	test('reads every flag', () => {
		expect(
			parseCheckArgs([
				'--org-id', 'o_merchant', '--key-id', 'k', '--secret-file', '-', '--env', 'india', '--base-url', 'https://h.example',
				'--auth', 'jwt', '--meta-key', '--portfolio-id', 'p_one', '--profile', 'p', '--timeout', '2.5', '--json', '--save', 'n', '--save-secret',
				'--report', 'r.md', '--force', '--debug', 'd.log', '--redact-ids', '--export', 'out',
				'--charge', '--lookup-timeout', '90', '--counterpart-base-url', 'http://127.0.0.1:9',
			]),
		).toEqual({
			orgId: 'o_merchant', keyId: 'k', secretFile: '-', keyFile: undefined, env: 'india', baseUrl: 'https://h.example', auth: 'jwt',
			metaKey: true, portfolioId: 'p_one', profile: 'p', timeoutSeconds: 2.5, json: true, save: 'n', saveSecret: true,
			report: 'r.md', force: true, debug: 'd.log', redactIds: true, exportDir: 'out',
			charge: true, noLookup: false, lookupTimeoutSeconds: 90, counterpartBaseUrl: 'http://127.0.0.1:9',
		});
	});

	test.each([
		[['--secret=abc'], /no secret on the command line/],
		[['--portfolio-id', 'p'], /--meta-key/],
		[['--save', '../x'], /not a valid profile name/],
		[['--timeout', '601'], /at most 600/],
		[['--auth', 'oauth'], /http-signature, jwt or both/],
		[['--org-id', ''], /needs a value/],
		[['extra'], /stray argument/i],
		[['--force'], /--report FILE/],
		[['--report', ''], /needs a value/],
	])('%j is refused', (argv, message) => {
		expect(() => parseCheckArgs(argv)).toThrow(message);
	});
});

describe('checkText: lookup, charge and diagnosis sections (against CyberSource itself)', () => {
	const requestId = '7411000000000000000001';
	const lookupBase = {
		requestId,
		attempts: 4,
		elapsedMs: 60_000,
		manualSteps: [
			'Log in to Business Center: https://businesscentertest.cybersource.com',
			'Open Transaction Management › Transactions.',
			`Search by Request ID ${requestId} (the list shows the last 7 days by default; pick the right merchant in the organization selector).`,
			'The Applications column shows ics_auth (and ics_auth_reversal once reversed); click the request ID for the details.',
		],
		detailsUrl: `https://businesscentertest.cybersource.com/ebc2/app/TransactionManagement/details?requestId=${requestId}&merchantId=demo_merchant`,
	};

	test('not searchable yet: says CyberSource takes a while, keeps the manual steps and the direct link; still PASS', () => {
		const lookup = {...lookupBase, status: 'not-yet', code: 'LOOKUP_NOT_YET', message: 'not yet'} as const;
		const paid = attempt('jwt', 'works', 'OK', {httpStatus: 201, paymentStatus: 'AUTHORIZED', requestId, lookup});
		const text = checkText({...report([paid]), lookup}, context, 0);
		expect(text).toContain(`JWT (shared secret), request ID ${requestId}: not searchable yet [LOOKUP_NOT_YET] (4 requests in 1 min).`);
		expect(text).toContain('CyberSource takes a little while to make a transaction searchable');
		expect(text).toContain('    Find it in Business Center by hand:\n      1. Log in to Business Center: https://businesscentertest.cybersource.com\n      2. Open Transaction Management › Transactions.');
		expect(text).toContain(`    Direct link: ${lookupBase.detailsUrl}`);
		expect(text).toContain('Next: use these keys in your integration.');
	});

	test('found: what Business Center shows, and the direct link', () => {
		const lookup = {
			...lookupBase,
			attempts: 2,
			elapsedMs: 15_000,
			status: 'found',
			code: 'LOOKUP_FOUND',
			message: 'found',
			transaction: {
				requestId,
				status: 'AUTHORIZED',
				amount: '102.21',
				currency: 'USD',
				submitTimeUtc: '2026-07-01T12:00:00Z',
				applications: [{name: 'ics_auth', status: 'AUTHORIZED', rFlag: 'SOK', rMessage: 'Request was processed successfully.'}],
			},
		} as const;
		const paid = attempt('http-signature', 'works', 'OK', {httpStatus: 201, requestId, lookup});
		const text = checkText({...report([paid]), lookup}, context, 0);
		expect(text).toContain(`HTTP Signature, request ID ${requestId}: found [LOOKUP_FOUND] (2 requests in 15 s); what Business Center shows:
    Request ID ${requestId}, status AUTHORIZED
    ics_auth AUTHORIZED (SOK) Request was processed successfully.
    Amount 102.21 USD, submitted 2026-07-01T12:00:00Z
    Direct link: ${lookupBase.detailsUrl}`);
		expect(text).not.toContain('Find it in Business Center by hand');
	});

	test('diagnosis groups: failures with steps (even when they repeat an attempt), ranked causes in rank order, checklist, notes', () => {
		const failed = attempt('jwt', 'no-verdict', 'DNS_FAILURE');
		const text = checkText(
			{
				...report([failed]),
				diagnosis: [
					{code: 'DNS_FAILURE', message: failed.message, kind: 'failure', steps: ['Check the host name.']},
					{code: 'SECOND', message: 'second cause', kind: 'cause', rank: 2},
					{code: 'FIRST', message: 'first cause', kind: 'cause', rank: 1, steps: ['do this']},
					{code: 'CHECK_ME', message: 'look here', kind: 'checklist'},
					{code: 'HTTP_SIGNATURE_RETIRING', message: 'retiring', kind: 'info'},
				],
			},
			context,
			3,
		);
		expect(text).toContain('Diagnosis:\n  - DNS_FAILURE (see above); what to do:\n    - Check the host name.');
		expect(text).toContain('Likely causes, most likely first:\n  1. FIRST: first cause\n     - do this\n  2. SECOND: second cause');
		expect(text).toContain('  [ ] CHECK_ME: look here');
		expect(text).toContain('Notes:\n  - HTTP_SIGNATURE_RETIRING: retiring');
	});

	test('a repeated failure item without steps is not printed twice', () => {
		const failed = attempt('jwt', 'no-verdict', 'DNS_FAILURE');
		const text = checkText(report([failed]), context, 3);
		expect(text).not.toContain('Diagnosis:');
	});
});
