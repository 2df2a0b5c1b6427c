/** The one verdict of a key test: every kind of outcome, its exit code, label, tone and mark. */
import {describe, expect, test} from 'vitest';
import {environment} from '../source/cybersource/environments.js';
import type {AttemptOutcome, KeyTestAttempt, KeyTestReport} from '../source/cybersource/key-test-types.js';
import type {AuthMethod} from '../source/cybersource/types.js';
import {exitCodes} from '../source/exit-codes.js';
import {exitCodeOf, verdictKind, verdictOf, type VerdictKind} from '../source/session/verdict.js';

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

function report(attempts: KeyTestAttempt[], extra: Partial<KeyTestReport> = {}): KeyTestReport {
	return {
		ok: attempts.length > 0 && attempts.every(item => item.outcome === 'works'),
		environment: environment('test'),
		mode: 'payment',
		attempts,
		diagnosis: [],
		durationMs: 10,
		...extra,
	};
}

const paid = attempt('http-signature', 'works', 'OK', {httpStatus: 201, paymentStatus: 'AUTHORIZED', requestId: '7'});
const probed = attempt('jwt', 'works', 'PROBE_OK', {httpStatus: 404, endpoint: 'GET /tss/v2/transactions/0'});
const rejected = attempt('jwt', 'rejected', 'AUTHENTICATION_FAILED', {httpStatus: 401});
const declined = attempt('jwt', 'authenticated', 'PAYMENT_DECLINED', {httpStatus: 201, paymentStatus: 'DECLINED'});
const timedOut = attempt('http-signature', 'no-verdict', 'TIMEOUT', {mayHaveBeenProcessed: true});
const serverError = attempt('jwt', 'no-verdict', 'SERVER_ERROR', {httpStatus: 502});
const cancelled = attempt('jwt', 'no-verdict', 'CANCELLED');

const mayHaveGoneThrough = {auth: 'http-signature', code: 'PAYMENT_MAY_HAVE_GONE_THROUGH', message: 'It may have gone through.', steps: []} as const;

/** One report of every kind, with the exit code, label, tone and mark it must give. */
const cases: ReadonlyArray<{
	readonly name: string;
	readonly input: {readonly report?: KeyTestReport; readonly aborted?: boolean};
	readonly kind: VerdictKind;
	readonly exitCode: number;
	readonly label: string;
	readonly tone: string;
	readonly mark: string;
}> = [
	{name: 'both methods work', input: {report: report([paid, {...paid, auth: 'jwt'}])}, kind: 'works', exitCode: exitCodes.ok, label: 'PASS', tone: 'success', mark: '✔'},
	{name: 'the production no-charge probe', input: {report: report([{...probed, auth: 'http-signature'}, probed], {mode: 'probe'})}, kind: 'works', exitCode: 0, label: 'PASS', tone: 'success', mark: '✔'},
	{
		name: 'a production charge reversed',
		input: {report: report([paid], {reversal: {status: 'reversed', code: 'REVERSAL_OK', message: 'ok'}, charge: {amount: '1.00', currency: 'USD'}})},
		kind: 'works',
		exitCode: 0,
		label: 'PASS',
		tone: 'success',
		mark: '✔',
	},
	{
		name: 'a production charge whose reversal failed (money is held)',
		input: {report: report([paid, probed], {ok: false, reversal: {status: 'failed', code: 'REVERSAL_FAILED', message: 'failed'}})},
		kind: 'reversal-failed',
		exitCode: exitCodes.failed,
		label: 'FAIL',
		tone: 'failure',
		mark: '✖',
	},
	{name: 'one method works, the other is rejected', input: {report: report([paid, rejected])}, kind: 'works-partly', exitCode: 1, label: 'FAIL', tone: 'warning', mark: '⚠'},
	{name: 'rejected (401)', input: {report: report([{...rejected, auth: 'http-signature'}, rejected])}, kind: 'rejected', exitCode: 1, label: 'FAIL', tone: 'failure', mark: '✖'},
	{name: 'rejected, then no answer', input: {report: report([{...rejected, auth: 'http-signature'}, serverError])}, kind: 'rejected', exitCode: 1, label: 'FAIL', tone: 'failure', mark: '✖'},
	{name: 'the payment was declined', input: {report: report([declined])}, kind: 'declined', exitCode: 1, label: 'FAIL', tone: 'warning', mark: '⚠'},
	{
		name: 'a payment that may have gone through',
		input: {report: report([timedOut], {paymentMayHaveGoneThrough: mayHaveGoneThrough})},
		kind: 'may-have-gone-through',
		exitCode: exitCodes.noVerdict,
		label: 'NO VERDICT',
		tone: 'warning',
		mark: '⚠',
	},
	{name: '5xx', input: {report: report([serverError])}, kind: 'no-verdict', exitCode: 3, label: 'NO VERDICT', tone: 'unknown', mark: '?'},
	{name: 'one method works, the other got no answer', input: {report: report([paid, serverError])}, kind: 'no-verdict', exitCode: 3, label: 'NO VERDICT', tone: 'unknown', mark: '?'},
	{name: 'no attempts', input: {report: report([])}, kind: 'no-verdict', exitCode: 3, label: 'NO VERDICT', tone: 'unknown', mark: '?'},
	{name: 'no report (the test could not run)', input: {}, kind: 'no-verdict', exitCode: 3, label: 'NO VERDICT', tone: 'unknown', mark: '?'},
	{name: 'a CANCELLED attempt', input: {report: report([paid, cancelled])}, kind: 'interrupted', exitCode: exitCodes.interrupted, label: 'INTERRUPTED', tone: 'unknown', mark: '?'},
	{name: 'aborted, even though the key works', input: {report: report([paid]), aborted: true}, kind: 'interrupted', exitCode: 130, label: 'INTERRUPTED', tone: 'unknown', mark: '?'},
	{name: 'aborted before a report', input: {aborted: true}, kind: 'interrupted', exitCode: 130, label: 'INTERRUPTED', tone: 'unknown', mark: '?'},
];

describe('verdictOf', () => {
	test.each(cases)('$name → $kind, exit $exitCode', ({input, kind, exitCode, label, tone, mark}) => {
		const verdict = verdictOf(input);
		expect(verdict).toMatchObject({kind, exitCode, label, tone, mark});
		expect(verdictKind(input.report, input.aborted)).toBe(kind);
		expect(exitCodeOf(input)).toBe(exitCode);
		expect(verdict.headline).not.toBe('');
	});

	test('every kind is covered above', () => {
		const kinds: VerdictKind[] = ['works', 'reversal-failed', 'works-partly', 'rejected', 'declined', 'may-have-gone-through', 'no-verdict', 'interrupted'];
		expect(new Set(cases.map(item => item.kind))).toEqual(new Set(kinds));
	});

	test('every exit code a key test can end with: 0, 1, 3 and 130 (2 is a usage error, decided before any request)', () => {
		expect(new Set(cases.map(item => item.exitCode))).toEqual(new Set([exitCodes.ok, exitCodes.failed, exitCodes.noVerdict, exitCodes.interrupted]));
	});
});
