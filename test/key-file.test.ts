import {chmod, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {parseKeyFile, type KeyFileResult} from '../source/cybersource/key-file.js';
import {readKeyFile} from '../source/cybersource/read-key-file.js';

const keyId = '1b0c2f7e-3c1d-4b8e-9f51-6a2d1e0c9b77';
const secret = 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=';

function expectOk(result: KeyFileResult, format: string) {
	if (!result.ok) throw new Error(`expected a parsed key file, got ${result.code}: ${result.message}`);
	expect(result.keyId).toBe(keyId);
	expect(result.secret).toBe(secret);
	expect(result.format).toBe(format);
	return result;
}

function expectError(result: KeyFileResult, code: string) {
	if (result.ok) throw new Error(`expected ${code}, got a parsed key file`);
	expect(result.code).toBe(code);
	expect(result.message).not.toContain(secret);
	expect(result.message).not.toContain(secret.slice(0, 16));
	return result;
}

describe('labelled key files', () => {
	test("the simulator's keygen format", () => {
		const text = [
			'# CyberSource REST – Shared Secret key (simulated by cybs-key-wizard; not a real key)',
			'Organization ID: demo_merchant',
			`Key: ${keyId}`,
			`Shared Secret: ${secret}`,
			'',
		].join('\n');
		const result = expectOk(parseKeyFile(text), 'labelled');
		expect(result.orgId).toBe('demo_merchant');
		expect(result.notes).toEqual([]);
	});

	test.each([
		['any order and case', `shared secret: ${secret}\nKEY: ${keyId}\n`],
		['Key ID and Shared secret key labels', `Key ID: ${keyId}\nShared secret key: ${secret}`],
		['= separators', `Key = ${keyId}\nShared Secret = ${secret}`],
		['CRLF and a BOM', `\uFEFFKey: ${keyId}\r\nShared Secret: ${secret}\r\n`],
		['quotes around values', `Key: "${keyId}"\nShared Secret: '${secret}'`],
		['value on the next line', `Key:\n${keyId}\nShared Secret:\n${secret}\n`],
		['PEM armour around labelled lines', `-----BEGIN SHARED SECRET-----\nKey: ${keyId}\nShared Secret: ${secret}\n-----END SHARED SECRET-----\n`],
		['other labelled lines', `Key Type: REST - Shared Secret\nKey: ${keyId}\nExpires: 2029-01-01\nShared Secret: ${secret}`],
	])('%s', (_name, text) => {
		expectOk(parseKeyFile(text), 'labelled');
	});

	test('cleaning is reported without the value', () => {
		const result = expectOk(parseKeyFile(`Key: ${keyId}\nShared Secret: "${secret}"\n`), 'labelled');
		expect(result.notes).toEqual(['Removed surrounding quotes from the shared secret.']);
	});

	test('an invalid organization ID in the file is ignored with a note; _acct is warned about', () => {
		const ignored = expectOk(parseKeyFile(`Organization ID: Acme Corp\nKey: ${keyId}\nShared Secret: ${secret}`), 'labelled');
		expect(ignored.orgId).toBeUndefined();
		expect(ignored.notes[0]).toContain("Ignored the file's organization ID");
		const account = expectOk(parseKeyFile(`Organization ID: demo_acct\nKey: ${keyId}\nShared Secret: ${secret}`), 'labelled');
		expect(account.orgId).toBe('demo_acct');
		expect(account.notes[0]).toContain('account-level');
	});
});

describe('JSON key files', () => {
	test.each([
		['keyId / sharedSecret', {keyId, sharedSecret: secret, organizationId: 'demo_merchant'}],
		['key_id / shared_secret', {key_id: keyId, shared_secret: secret, merchantId: 'demo_merchant'}],
		['SDK names', {merchantKeyId: keyId, merchantsecretKey: secret, merchantID: 'demo_merchant'}],
		['key / secret', {key: keyId, secret}],
		['nested SDK config', {merchantConfig: {merchantID: 'demo_merchant', merchantKeyId: keyId, merchantsecretKey: secret}}],
	])('%s', (_name, object) => {
		const result = expectOk(parseKeyFile(JSON.stringify(object, null, 2)), 'json');
		if ('organizationId' in object || 'merchantId' in object || 'merchantID' in object || 'merchantConfig' in object) {
			expect(result.orgId).toBe('demo_merchant');
		}
	});

	test('invalid JSON does not echo the parser message (which quotes the text)', () => {
		const result = expectError(parseKeyFile(`{"keyId": "${keyId}", "sharedSecret": "${secret}",,}`), 'KEY_FILE_INVALID_JSON');
		expect(result.message).toContain('not valid JSON');
	});
});

describe('bare lines', () => {
	test.each([
		['UUID then secret', `${keyId}\n${secret}\n`],
		['secret then UUID', `${secret}\r\n${keyId}`],
	])('%s', (_name, text) => {
		expectOk(parseKeyFile(text), 'bare-lines');
	});

	test('three bare lines are not guessed at', () => {
		expectError(parseKeyFile(`${keyId}\n${secret}\nsomething else\n`), 'KEY_FILE_UNRECOGNISED');
	});
});

describe('files that are not a shared secret key file', () => {
	test.each([
		['empty', '', 'KEY_FILE_EMPTY'],
		['whitespace only', ' \n\r\n\t', 'KEY_FILE_EMPTY'],
		['certificate', '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----\n', 'KEY_FILE_IS_CERTIFICATE'],
		['p12 binary', '0\u0082\n\u0000\u0002\u0001\u00030\u0082\n', 'KEY_FILE_BINARY'],
		['missing secret', `Key: ${keyId}\n`, 'KEY_FILE_MISSING_SECRET'],
		['missing key', `Shared Secret: ${secret}\n`, 'KEY_FILE_MISSING_KEY_ID'],
		['empty key value', `Key:\nShared Secret: ${secret}\n`, 'KEY_FILE_MISSING_KEY_ID'],
		['truncated secret', `Key: ${keyId}\nShared Secret: ${secret.slice(0, 40)}\n`, 'KEY_FILE_INVALID_SECRET'],
		['invalid key ID', `Key: testrest\nShared Secret: ${secret}\n`, 'KEY_FILE_INVALID_KEY_ID'],
		['swapped values', `Key: ${secret}\nShared Secret: ${keyId}\n`, 'KEY_FILE_VALUES_SWAPPED'],
		['two different secrets', `Key: ${keyId}\nShared Secret: ${secret}\nShared Secret: ${secret.replace('y', 'z')}\n`, 'KEY_FILE_AMBIGUOUS'],
		['unrelated text', 'hello world\n', 'KEY_FILE_UNRECOGNISED'],
		['JSON array', `["${keyId}", "${secret}"]`, 'KEY_FILE_UNRECOGNISED'],
		['JSON without secret', JSON.stringify({keyId}), 'KEY_FILE_MISSING_SECRET'],
		['too large', `Key: ${keyId}\nShared Secret: ${secret}\n${'#'.repeat(70_000)}`, 'KEY_FILE_TOO_LARGE'],
	])('%s -> %s', (_name, text, code) => {
		expectError(parseKeyFile(text), code);
	});

	test('a truncated secret in a file explains the truncation', () => {
		const result = expectError(parseKeyFile(`Key: ${keyId}\nShared Secret: ${secret.slice(0, 40)}\n`), 'KEY_FILE_INVALID_SECRET');
		expect(result.message).toContain('40 characters');
	});
});

describe('readKeyFile', () => {
	let directory = '';
	beforeAll(async () => {
		directory = await mkdtemp(join(tmpdir(), 'cybs-key-file-'));
	});
	afterAll(async () => {
		await rm(directory, {recursive: true, force: true});
	});

	test('reads a downloaded key file (relative to cwd)', async () => {
		await writeFile(join(directory, 'key.pem'), `Key: ${keyId}\nShared Secret: ${secret}\n`);
		expectOk(await readKeyFile('key.pem', directory), 'labelled');
		expectOk(await readKeyFile(join(directory, 'key.pem')), 'labelled');
	});

	test('reads a UTF-16 file saved by Notepad', async () => {
		const text = `Key: ${keyId}\r\nShared Secret: ${secret}\r\n`;
		await writeFile(join(directory, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
		expectOk(await readKeyFile('utf16.txt', directory), 'labelled');
	});

	test('a missing file names the path', async () => {
		const result = expectError(await readKeyFile('nope.pem', directory), 'KEY_FILE_NOT_FOUND');
		expect(result.message).toContain('nope.pem');
	});

	test('a directory is unreadable', async () => {
		const result = expectError(await readKeyFile(directory), 'KEY_FILE_UNREADABLE');
		expect(result.message).toContain(directory);
	});

	test('a file over 64 KiB is refused without reading it all', async () => {
		await writeFile(join(directory, 'big.pem'), Buffer.alloc(64 * 1024 + 1, 0x41));
		const result = expectError(await readKeyFile('big.pem', directory), 'KEY_FILE_TOO_LARGE');
		expect(result.message).toContain('big.pem');
	});

	test.skipIf(process.getuid?.() === 0)('a file without read permission is unreadable', async () => {
		const path = join(directory, 'locked.pem');
		await writeFile(path, `Key: ${keyId}\nShared Secret: ${secret}\n`);
		await chmod(path, 0o000);
		const result = expectError(await readKeyFile(path), 'KEY_FILE_UNREADABLE');
		expect(result.message).toContain('permission denied');
	});

	test('a parse error names the path but not the contents', async () => {
		await writeFile(join(directory, 'cert.pem'), '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBa\n-----END CERTIFICATE-----\n');
		const result = expectError(await readKeyFile('cert.pem', directory), 'KEY_FILE_IS_CERTIFICATE');
		expect(result.message).toMatch(/^Key file cert\.pem: /);
		expect(result.message).not.toContain('MIID');
	});
});
