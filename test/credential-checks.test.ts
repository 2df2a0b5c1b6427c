import {describe, expect, test} from 'vitest';
import {cleanInput, describeRemoved} from '../source/cybersource/clean-input.js';
import {
	checkCredentials,
	checkKeyId,
	checkOrgId,
	checkPortfolioId,
	checkSecret,
	looksSwapped,
	maskId,
	maskSecret,
	type FieldCheck,
} from '../source/cybersource/credential-checks.js';

const keyId = '08c94330-f618-42a3-b09d-e1e43be5efda';
const secret = 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=';

function codes(check: {notes: ReadonlyArray<{code: string}>}): string[] {
	return check.notes.map((note) => note.code);
}

function messages(check: {notes: ReadonlyArray<{message: string}>}): string {
	return check.notes.map((note) => note.message).join('\n');
}

function errorCode(check: FieldCheck): string | undefined {
	return check.notes.find((note) => note.severity === 'error')?.code;
}

describe('cleaning pasted values', () => {
	test.each([
		['abc\n', 'abc', 'Removed a trailing newline.'],
		['"abc"\n', 'abc', 'Removed a trailing newline and surrounding quotes.'],
		['  abc  ', 'abc', 'Removed surrounding whitespace.'],
		["'abc'", 'abc', 'Removed surrounding quotes.'],
		['`abc`', 'abc', 'Removed surrounding quotes.'],
		['\u201Cabc\u201D', 'abc', 'Removed surrounding quotes.'],
		[' "abc"\r\n', 'abc', 'Removed surrounding whitespace and surrounding quotes.'],
		[' "abc\r\n', 'abc', 'Removed surrounding whitespace and a leading quote.'],
		['abc\n\n', 'abc', 'Removed trailing newlines.'],
		['\u200Babc', 'abc', 'Removed invisible characters (zero-width space or byte order mark).'],
		['abc"', 'abc', 'Removed a trailing quote.'],
	])('%j -> %j', (raw, value, description) => {
		const cleaned = cleanInput(raw);
		expect(cleaned.value).toBe(value);
		expect(describeRemoved(cleaned.removed)).toBe(description);
	});

	test('nothing removed says nothing; inner whitespace is kept', () => {
		expect(cleanInput('a b')).toEqual({value: 'a b', removed: []});
		expect(describeRemoved([])).toBeUndefined();
	});

	test('the cleaning note names the field, not the value', () => {
		const check = checkSecret(`"${secret}"\n`);
		expect(check.ok).toBe(true);
		expect(check.value).toBe(secret);
		expect(check.notes).toEqual([
			{field: 'secret', severity: 'info', code: 'INPUT_CLEANED', message: 'Removed a trailing newline and surrounding quotes from the shared secret.'},
		]);
	});
});

describe('organization ID', () => {
	test.each(['testrest', 'testrest_cpctv', 'demo_merchant', 'ABC123', 'a'.repeat(30)])('%s is valid', (value) => {
		const check = checkOrgId(value);
		expect(check).toEqual({value, ok: true, notes: []});
	});

	test.each([
		['', 'ORG_ID_MISSING'],
		['abc', 'ORG_ID_TOO_SHORT'],
		['a'.repeat(31), 'ORG_ID_TOO_LONG'],
		['Acme Corp', 'ORG_ID_HAS_SPACES'],
		['acme-corp', 'ORG_ID_INVALID_CHARACTERS'],
		[keyId, 'ORG_ID_IS_KEY_ID'],
		[secret, 'ORG_ID_LOOKS_LIKE_SECRET'],
		['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', 'ORG_ID_IS_CERTIFICATE'],
	])('%j -> %s', (value, code) => {
		const check = checkOrgId(value);
		expect(check.ok).toBe(false);
		expect(errorCode(check)).toBe(code);
	});

	test('an _acct suffix is a warning that names the transacting merchant ID', () => {
		const check = checkOrgId('demo_merchant_acct');
		expect(check.ok).toBe(true);
		expect(codes(check)).toEqual(['ORG_ID_ACCOUNT_LEVEL']);
		expect(check.notes[0]?.severity).toBe('warning');
		expect(check.notes[0]?.message).toContain('"demo_merchant"');
		expect(check.notes[0]?.message).toContain('meta key');
	});

	test('a portfolio ID has the same format, and _acct is normal there', () => {
		expect(checkPortfolioId('demo_portfolio_acct')).toEqual({value: 'demo_portfolio_acct', ok: true, notes: []});
		expect(errorCode(checkPortfolioId('x'))).toBe('PORTFOLIO_ID_TOO_SHORT');
		expect(errorCode(checkPortfolioId(''))).toBe('PORTFOLIO_ID_MISSING');
	});

	test('a secret pasted as the organization ID is not echoed', () => {
		expect(messages(checkOrgId(secret))).not.toContain(secret);
		expect(messages(checkOrgId(`${secret}x`))).not.toContain(secret);
	});
});

describe('key ID', () => {
	test.each([keyId, keyId.toUpperCase(), '1b0c2f7e-3c1d-4b8e-9f51-6a2d1e0c9b77'])('%s is valid', (value) => {
		expect(checkKeyId(value)).toEqual({value, ok: true, notes: []});
	});

	test.each([
		['', 'KEY_ID_MISSING'],
		[secret, 'KEY_ID_LOOKS_LIKE_SECRET'],
		['testrest', 'KEY_ID_IS_MERCHANT_ID'],
		['demo_merchant', 'KEY_ID_IS_MERCHANT_ID'],
		['0123456789abcdef0123456789abcdef', 'KEY_ID_IS_SECURE_ACCEPTANCE_KEY'],
		['ab'.repeat(64), 'KEY_ID_IS_SECURE_ACCEPTANCE_KEY'],
		['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', 'KEY_ID_IS_CERTIFICATE'],
		['/home/me/keys/merchant.p12', 'KEY_ID_IS_CERTIFICATE'],
		['C:\\keys\\key.pem', 'KEY_ID_IS_FILE_PATH'],
		[`Key: ${keyId}\nShared Secret: ${secret}`, 'KEY_ID_IS_KEY_FILE'],
		['08c94330-f618-42a3-b09d', 'KEY_ID_NOT_UUID'],
		['\u0000\u0001binary', 'KEY_ID_NOT_TEXT'],
	])('%j -> %s', (value, code) => {
		const check = checkKeyId(value);
		expect(check.ok).toBe(false);
		expect(errorCode(check)).toBe(code);
	});

	test('messages say where to find the key ID in Business Center and never echo a secret', () => {
		const check = checkKeyId(secret);
		expect(check.notes[0]?.message).toContain('UUID');
		expect(messages(check)).not.toContain(secret);
		expect(checkKeyId('testrest').notes[0]?.message).toContain('Key Management');
		expect(messages(checkKeyId(`Key: ${keyId}\nShared Secret: ${secret}`))).not.toContain(secret);
	});
});

describe('shared secret', () => {
	test.each([secret, 'zXKpCqMQPmOR/JRldSlkQUtvvIzOewUVqsUP0sBHpxQ=', '0123k20MBbIB2t012345678993gHCIZsQKFpf7dR0hY='])('%s is valid', (value) => {
		expect(checkSecret(value)).toEqual({value, ok: true, notes: []});
	});

	test.each([
		['', 'SECRET_MISSING'],
		[keyId, 'SECRET_IS_KEY_ID'],
		[secret.slice(0, -1), 'SECRET_TRUNCATED'],
		[secret.slice(0, 30), 'SECRET_TRUNCATED'],
		[secret.replaceAll('+', '-').replaceAll('/', '_'), 'SECRET_URL_SAFE_BASE64'],
		[`${secret.slice(0, 20)}\n${secret.slice(20)}`, 'SECRET_HAS_INNER_WHITESPACE'],
		[`${secret.slice(0, -1)}AAAAA`, 'SECRET_WRONG_LENGTH'],
		['yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tF=', 'SECRET_NOT_BASE64'],
		['not-a-secret!', 'SECRET_NOT_BASE64'],
		['0123456789abcdef0123456789abcdef', 'SECRET_IS_SECURE_ACCEPTANCE_KEY'],
		['0123456789abcdef'.repeat(16), 'SECRET_IS_SECURE_ACCEPTANCE_KEY'],
		['-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n', 'SECRET_IS_CERTIFICATE'],
		['merchant.pfx', 'SECRET_IS_CERTIFICATE'],
		['./secret.txt', 'SECRET_IS_FILE_PATH'],
		['0\u0082\u0001\u0000binary p12', 'SECRET_NOT_TEXT'],
		[`Key: ${keyId}\nShared Secret: ${secret}`, 'SECRET_IS_KEY_FILE'],
	])('%j -> %s', (value, code) => {
		const check = checkSecret(value);
		expect(check.ok).toBe(false);
		expect(errorCode(check)).toBe(code);
		const text = messages(check);
		if (value.length >= 8) expect(text).not.toContain(value.trim());
		expect(text).not.toContain(secret.slice(0, 20));
	});

	test('a certificate names its PEM type and how to create a shared secret key', () => {
		const message = checkSecret('-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----').notes[0]?.message ?? '';
		expect(message).toContain('(CERTIFICATE)');
		expect(message).toContain('Key Management > + Generate key > REST – Shared Secret');
	});

	test('a truncated secret says how long it is and how long it should be', () => {
		const message = checkSecret(secret.slice(0, 43)).notes[0]?.message ?? '';
		expect(message).toContain('43 characters with no "=" at the end');
		expect(message).toContain('should be 44');
	});
});

describe('whole key pair', () => {
	test('valid credentials come back cleaned', () => {
		const result = checkCredentials({orgId: ' testrest ', keyId: `${keyId}\n`, secret: `'${secret}'`});
		expect(result.ok).toBe(true);
		expect(result.swapped).toBe(false);
		expect(result.credentials).toEqual({orgId: 'testrest', keyId, secret});
		expect(result.notes.map((note) => note.severity)).toEqual(['info', 'info', 'info']);
	});

	test('a meta key carries the portfolio ID', () => {
		const result = checkCredentials({orgId: 'testrest', keyId, secret, portfolioId: 'demo_portfolio'});
		expect(result.credentials).toEqual({orgId: 'testrest', keyId, secret, portfolioId: 'demo_portfolio'});
	});

	test('swapped key ID and secret are named once, as a swap', () => {
		expect(looksSwapped(secret, keyId)).toBe(true);
		expect(looksSwapped(keyId, secret)).toBe(false);
		expect(looksSwapped(secret, secret)).toBe(false);
		expect(looksSwapped('', keyId)).toBe(false);
		const result = checkCredentials({orgId: 'testrest', keyId: secret, secret: `${keyId}\n`});
		expect(result.ok).toBe(false);
		expect(result.swapped).toBe(true);
		expect(result.credentials).toBeUndefined();
		expect(codes(result)).toEqual(['KEY_ID_AND_SECRET_SWAPPED', 'INPUT_CLEANED']);
		expect(result.notes[0]?.message).toContain('Swap the two values');
		expect(messages(result)).not.toContain(secret);
	});

	test('the merchant ID pasted as key ID', () => {
		const result = checkCredentials({orgId: 'testrest', keyId: 'testrest', secret});
		expect(codes(result)).toEqual(['KEY_ID_IS_MERCHANT_ID']);
		expect(result.notes[0]?.message).toContain('same as the organization ID');
	});

	test('errors from every field are reported', () => {
		const result = checkCredentials({orgId: 'x', keyId: 'nope', secret: 'short', portfolioId: ''});
		expect(codes(result)).toEqual(['ORG_ID_TOO_SHORT', 'KEY_ID_NOT_UUID', 'SECRET_TRUNCATED', 'PORTFOLIO_ID_MISSING']);
		expect(result.ok).toBe(false);
	});

	test('a warning alone does not fail the check', () => {
		const result = checkCredentials({orgId: 'demo_merchant_acct', keyId, secret});
		expect(result.ok).toBe(true);
		expect(codes(result)).toEqual(['ORG_ID_ACCOUNT_LEVEL']);
	});
});

describe('masks', () => {
	test.each([
		[secret, '••••••••1tE='],
		['12345678', '••••••••5678'],
		['1234567', '••••••••'],
		['', '••••••••'],
	])('maskSecret(%j) = %s', (value, masked) => {
		expect(maskSecret(value)).toBe(masked);
	});

	test.each([
		[keyId, '08c94330…'],
		['demo_merchant', 'demo_mer…'],
		['testrest', 'test…'],
		['', '…'],
	])('maskId(%j) = %s', (value, masked) => {
		expect(maskId(value)).toBe(masked);
	});
});
