import {expect, test} from 'vitest';
import type {KeyTestAttempt} from '../source/cybersource/key-test-types.js';
import {groupAttempts} from '../source/steps/result.js';

function attempt(auth: KeyTestAttempt['auth'], code: string, message: string): KeyTestAttempt {
	return {
		auth,
		endpoint: 'POST /pts/v2/payments',
		url: 'https://apitest.cybersource.com/pts/v2/payments',
		outcome: 'no-verdict',
		code,
		message,
		signed: {headerList: '', signingString: ''},
		durationMs: 1,
	};
}

test('failed attempts with the same code and message are shown once, for both methods', () => {
	const dns = 'Cannot resolve apitest.cybersource.com.';
	const groups = groupAttempts([attempt('http-signature', 'DNS_FAILURE', dns), attempt('jwt', 'DNS_FAILURE', dns)]);
	expect(groups.map((group) => group.map((each) => each.auth))).toEqual([['http-signature', 'jwt']]);
});

test('different outcomes stay apart, in order', () => {
	const groups = groupAttempts([
		attempt('http-signature', 'AUTHENTICATION_FAILED', 'rejected'),
		attempt('jwt', 'TIMEOUT', 'no answer'),
	]);
	expect(groups.map((group) => group.map((each) => each.code))).toEqual([['AUTHENTICATION_FAILED'], ['TIMEOUT']]);
});
