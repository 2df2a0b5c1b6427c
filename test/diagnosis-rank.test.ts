// The pure parts of the diagnosis: ranking, the checklist, the clock probe, certificate advice, codes.
import {describe, expect, it} from 'vitest';
import {environment} from '../source/cybersource/environments.js';
import type {ProbeName, ProbeOutcome, ProbeResult} from '../source/cybersource/key-test-types.js';
import {causeCodes, checklistCodes, infoCodes, probeCodes} from '../source/cybersource/diagnosis/codes.js';
import {clockProbe, clockSkewSeconds} from '../source/cybersource/diagnosis/clock.js';
import {authenticationChecklist, rankAuthenticationCauses, type RankInput} from '../source/cybersource/diagnosis/rank.js';
import {lookupCodes} from '../source/cybersource/lookup.js';
import {reversalCodes} from '../source/cybersource/production-charge.js';
import {distinguishedName, issuerAdvice} from '../source/cybersource/tls-issuer.js';

function probe(name: ProbeName, code: keyof typeof probeCodes, outcome: ProbeOutcome): ProbeResult {
	return {name, label: name, code, outcome, message: code};
}

const base: RankInput = {
	probes: [],
	credentialNotes: [],
	environment: environment('test'),
	counterpart: environment('production'),
	orgId: 'rank_merchant',
	keyId: '1b0c2f7e-3c1d-4b8e-9f51-6a2d1e0c9b77',
};

function ranked(input: Partial<RankInput>) {
	return rankAuthenticationCauses({...base, ...input}).map((item) => [item.rank, item.code]);
}

describe('ranking a 401', () => {
	it('control passes: the key pair first', () => {
		expect(ranked({probes: [probe('control', 'CONTROL_AUTHENTICATES', 'passed')]})).toEqual([
			[1, 'KEY_OR_SECRET_WRONG'],
			[2, 'WRONG_ORGANIZATION'],
		]);
	});

	it('control rejected: this machine before the key', () => {
		expect(ranked({probes: [probe('control', 'CONTROL_REJECTED', 'failed')]})).toEqual([
			[1, 'NETWORK_OR_MACHINE'],
			[2, 'KEY_OR_SECRET_WRONG'],
			[3, 'WRONG_ORGANIZATION'],
		]);
	});

	it('a proven cause outranks everything else and removes the key causes and the checklist', () => {
		const probes = [
			probe('environment-swap', 'ENVIRONMENT_SWAP_AUTHENTICATES', 'failed'),
			probe('clock', 'CLOCK_SKEW', 'failed'),
			probe('control', 'CONTROL_REJECTED', 'failed'),
		];
		expect(ranked({probes, worstSkewSeconds: 90})).toEqual([
			[1, 'WRONG_ENVIRONMENT'],
			[2, 'CLOCK_OFF'],
		]);
		expect(authenticationChecklist({...base, probes})).toEqual([]);
	});

	it('a clock far off (over 5 minutes) outranks a failed control', () => {
		const probes = [probe('clock', 'CLOCK_SKEW', 'failed'), probe('control', 'CONTROL_REJECTED', 'failed')];
		expect(ranked({probes, worstSkewSeconds: -400}).slice(0, 2)).toEqual([
			[1, 'CLOCK_OFF'],
			[2, 'NETWORK_OR_MACHINE'],
		]);
		expect(rankAuthenticationCauses({...base, probes, worstSkewSeconds: -400})[0]?.message).toContain('400 s slow');
	});

	it('credential-check errors come first, warnings rank with the guesses', () => {
		const notes = [
			{field: 'keyId', severity: 'error', code: 'KEY_ID_AND_SECRET_SWAPPED', message: 'swapped'},
			{field: 'orgId', severity: 'warning', code: 'ORG_ID_ACCOUNT_LEVEL', message: 'acct'},
			{field: 'secret', severity: 'info', code: 'INPUT_CLEANED', message: 'cleaned'},
		] as const;
		expect(ranked({credentialNotes: notes})).toEqual([
			[1, 'KEY_ID_AND_SECRET_SWAPPED'],
			[2, 'ORG_ID_ACCOUNT_LEVEL'],
			[3, 'KEY_OR_SECRET_WRONG'],
			[4, 'WRONG_ORGANIZATION'],
		]);
	});

	it('the checklist speaks Business Center and masks the key ID', () => {
		const items = authenticationChecklist({...base, portfolioId: 'big_portfolio'});
		expect(items.map((item) => item.code)).toEqual(Object.keys(checklistCodes));
		const text = items.map((item) => item.message).join('\n');
		expect(text).toContain('https://businesscentertest.cybersource.com');
		expect(text).toContain('1b0c2f7e…');
		expect(text).not.toContain(base.keyId);
		expect(text).toContain('portfolio big_portfolio');
	});
});

describe('clock', () => {
	it('measures local minus server, and warns only above 60 s', () => {
		const server = 'Mon, 05 Jan 2026 09:00:00 GMT';
		expect(clockSkewSeconds(Date.UTC(2026, 0, 5, 9, 1, 30), server)).toBe(90);
		expect(clockSkewSeconds(Date.UTC(2026, 0, 5, 9, 0, 0), undefined)).toBeUndefined();
		expect(clockSkewSeconds(0, 'not a date')).toBeUndefined();
		expect(clockProbe([]).code).toBe('CLOCK_UNKNOWN');
		expect(clockProbe([2, -60]).code).toBe('CLOCK_OK');
		expect(clockProbe([2, -61])).toMatchObject({code: 'CLOCK_SKEW', outcome: 'failed'});
		expect(clockProbe([-61]).message).toContain('61 seconds behind');
	});
});

describe('certificate advice', () => {
	it('DigiCert means the trust store, anything else means interception', () => {
		expect(distinguishedName({O: 'DigiCert Inc', CN: 'DigiCert Global G2 TLS RSA SHA256 2020 CA1', C: 'US'})).toBe(
			'CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US',
		);
		expect(issuerAdvice({issuer: 'CN=DigiCert Global G2, O=DigiCert Inc', subject: 'CN=apitest.cybersource.com', selfSigned: false})).toContain(
			'trusted root certificates are missing or out of date',
		);
		const corporate = issuerAdvice({issuer: 'CN=Zscaler Root CA, O=Zscaler Inc.', subject: 'CN=apitest.cybersource.com', selfSigned: false});
		expect(corporate).toContain('issued by CN=Zscaler Root CA');
		expect(corporate).toContain('NODE_EXTRA_CA_CERTS');
	});
});

describe('codes', () => {
	it('every new code is UPPER_SNAKE and has a meaning; probe codes belong to their probe', () => {
		const all = {...probeCodes, ...causeCodes, ...checklistCodes, ...infoCodes, ...lookupCodes, ...reversalCodes};
		for (const [code, info] of Object.entries(all)) {
			expect(code).toMatch(/^[A-Z]+(?:_[A-Z]+)*$/);
			expect(typeof info === 'string' ? info : info.meaning).toMatch(/\S{3,}/);
		}

		expect(Object.keys(all)).toHaveLength(
			Object.keys(probeCodes).length + Object.keys(causeCodes).length + Object.keys(checklistCodes).length + Object.keys(infoCodes).length + Object.keys(lookupCodes).length + Object.keys(reversalCodes).length,
		);
	});
});
