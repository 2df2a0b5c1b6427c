// Random and hostile input (huge, binary, unicode, control characters) never makes the credential
// checks, the key-file parser, the secret reader or the sign flag parser throw, and a secret-like
// value is never echoed in any message.
import {Readable} from 'node:stream';
import fc from 'fast-check';
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
import {parseKeyFile} from '../source/cybersource/key-file.js';
import {readSecret, secretFromText} from '../source/commands/secret-input.js';
import {parseSignOptions} from '../source/commands/sign-options.js';

const numRuns = 10_000;
const base64Alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'];

const fragments = [
	'Key:', 'Shared Secret:', 'Key ID =', 'Organization ID:', '#', '\n', '\r\n', '"', "'", '`', '=', ':', '{', '}', '[', ']',
	'-----BEGIN CERTIFICATE-----', '-----END', '\uFEFF', '\u200B', '\u0000', '\uFFFD', '\uD800', '_acct', '.p12', '/', '\\',
	'08c94330-f618-42a3-b09d-e1e43be5efda', 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=', '"keyId":', '"sharedSecret":', ' ', '\t',
];

/** A real-looking secret: canonical base64 of 32 random bytes, sometimes damaged the usual ways. */
const secretLike = fc.oneof(
	fc.uint8Array({minLength: 32, maxLength: 32}).map((bytes) => Buffer.from(bytes).toString('base64')),
	fc.uint8Array({minLength: 32, maxLength: 32}).map((bytes) => Buffer.from(bytes).toString('base64url')),
	fc.tuple(fc.uint8Array({minLength: 32, maxLength: 32}), fc.integer({min: 8, max: 43})).map(([bytes, length]) =>
		Buffer.from(bytes).toString('base64').slice(0, length),
	),
	fc.array(fc.constantFrom(...base64Alphabet), {minLength: 8, maxLength: 80}).map((characters) => characters.join('')),
).filter((value) => /[\d+/=_-]/.test(value) || value.length >= 20);

/** How people wrap a pasted secret. */
const wrapper = fc.constantFrom(
	(value: string) => value,
	(value: string) => `${value}\n`,
	(value: string) => `"${value}"`,
	(value: string) => ` '${value}'\r\n`,
	(value: string) => `\uFEFF${value}\u200B`,
	(value: string) => `Shared Secret: ${value}`,
	(value: string) => `-----BEGIN KEY-----\n${value}\n-----END KEY-----`,
	(value: string) => `${value} ${value}`,
	(value: string) => `\u0000${value}`,
);

const huge = fc
	.tuple(fc.string({unit: 'binary', minLength: 1, maxLength: 16}), fc.integer({min: 5000, max: 50_000}))
	.map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));

const hostile = fc.oneof(
	{weight: 4, arbitrary: fc.string({unit: 'binary', maxLength: 200})},
	{weight: 2, arbitrary: fc.string({unit: 'grapheme', maxLength: 80})},
	{weight: 2, arbitrary: fc.uint8Array({maxLength: 300}).map((bytes) => Buffer.from(bytes).toString('latin1'))},
	{weight: 2, arbitrary: fc.uint8Array({maxLength: 300}).map((bytes) => new TextDecoder().decode(bytes))},
	{weight: 3, arbitrary: fc.array(fc.oneof(fc.constantFrom(...fragments), fc.string({maxLength: 8})), {maxLength: 30}).map((parts) => parts.join(''))},
	{weight: 2, arbitrary: fc.tuple(secretLike, wrapper).map(([value, wrap]) => wrap(value))},
	{weight: 1, arbitrary: huge},
);

const codePattern = /^[A-Z][A-Z\d]*(?:_[A-Z\d]+)*$/;

function expectWellFormed(check: FieldCheck) {
	expect(typeof check.value).toBe('string');
	expect(check.ok).toBe(check.notes.every((note) => note.severity !== 'error'));
	for (const note of check.notes) {
		expect(note.code).toMatch(codePattern);
		expect(note.message.length).toBeGreaterThan(0);
	}
}

function allMessages(check: {notes: ReadonlyArray<{message: string}>}): string {
	return check.notes.map((note) => note.message).join('\n');
}

const fieldChecks = {checkOrgId, checkPortfolioId, checkKeyId, checkSecret};

describe('no check throws, whatever it is fed', () => {
	for (const [name, check] of Object.entries(fieldChecks)) {
		test(name, () => {
			fc.assert(
				fc.property(hostile, (raw) => {
					expectWellFormed(check(raw));
				}),
				{numRuns},
			);
		});
	}

	test('cleanInput', () => {
		fc.assert(
			fc.property(hostile, (raw) => {
				const cleaned = cleanInput(raw);
				expect(raw.includes(cleaned.value)).toBe(true);
				expect(cleaned.removed.length === 0).toBe(cleaned.value === raw);
				const description = describeRemoved(cleaned.removed, 'the shared secret');
				if (description) expect(description).not.toContain(cleaned.value.length >= 8 ? cleaned.value : '\u0000never');
			}),
			{numRuns},
		);
	});

	test('checkCredentials and looksSwapped', () => {
		fc.assert(
			fc.property(hostile, hostile, hostile, fc.option(hostile, {nil: undefined}), (orgId, keyId, secret, portfolioId) => {
				const result = checkCredentials({orgId, keyId, secret, ...(portfolioId === undefined ? {} : {portfolioId})});
				expect(result.ok).toBe(result.notes.every((note) => note.severity !== 'error'));
				expect(result.credentials !== undefined).toBe(result.ok);
				expect(result.swapped).toBe(looksSwapped(keyId, secret));
			}),
			{numRuns},
		);
	});

	test('maskSecret shows at most the last 4 characters; maskId never the whole ID', () => {
		fc.assert(
			fc.property(hostile, (value) => {
				const masked = maskSecret(value);
				const shown = [...masked].slice(8).join('');
				expect([...shown].length).toBeLessThanOrEqual(4);
				if (value.length > 16 || [...value].length >= 8) expect(value.endsWith(shown)).toBe(true);
				else expect(shown).toBe('');
				const id = maskId(value);
				expect(id.endsWith('…')).toBe(true);
				if (value.length > 0) expect(id.slice(0, -1).length).toBeLessThan(value.length);
			}),
			{numRuns},
		);
	});

	test('parseKeyFile', () => {
		fc.assert(
			fc.property(hostile, (text) => {
				const result = parseKeyFile(text);
				if (result.ok) {
					expect(checkKeyId(result.keyId).ok).toBe(true);
					expect(checkSecret(result.secret).ok).toBe(true);
				} else {
					expect(result.code).toMatch(/^KEY_FILE_[A-Z_]+$/);
				}
			}),
			{numRuns},
		);
	});

	test('secretFromText (the secret file / stdin parser)', () => {
		fc.assert(
			fc.property(hostile, (text) => {
				const result = secretFromText(text);
				if (!result.ok) expect(result.code).toMatch(codePattern);
			}),
			{numRuns},
		);
	});

	test('parseSignOptions', () => {
		fc.assert(
			fc.property(fc.array(fc.oneof(hostile, fc.constantFrom('--host', '--date', '--json', '--auth', 'jwt', '--method', '--iat', '-')), {maxLength: 8}), (argv) => {
				const result = parseSignOptions(argv);
				if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
			}),
			{numRuns},
		);
	});
});

describe('a secret-like value is never echoed, whichever field or file it lands in', () => {
	test('field checks and the whole key pair', () => {
		fc.assert(
			fc.property(secretLike, wrapper, (secret, wrap) => {
				const raw = wrap(secret);
				for (const check of Object.values(fieldChecks)) expect(allMessages(check(raw))).not.toContain(secret);
				const pair = checkCredentials({orgId: raw, keyId: raw, secret: raw, portfolioId: raw});
				expect(allMessages(pair)).not.toContain(secret);
			}),
			{numRuns},
		);
	});

	test('key files', () => {
		const layout = fc.constantFrom(
			(secret: string) => `Key: 08c94330-f618-42a3-b09d-e1e43be5efda\nShared Secret: ${secret}\n`,
			(secret: string) => `Shared Secret: ${secret}\n`,
			(secret: string) => `Key: ${secret}\nShared Secret: 08c94330-f618-42a3-b09d-e1e43be5efda\n`,
			(secret: string) => `Organization ID: ${secret}\nKey: 08c94330-f618-42a3-b09d-e1e43be5efda\nShared Secret: yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=\n`,
			(secret: string) => `{"keyId": "08c94330-f618-42a3-b09d-e1e43be5efda", "sharedSecret": "${secret}",}`,
			(secret: string) => `{"keyId": "${secret}"}`,
			(secret: string) => `${secret}\n${secret}\n`,
			(secret: string) => `-----BEGIN CERTIFICATE-----\n${secret}\n-----END CERTIFICATE-----\n`,
			(secret: string) => `\u0000${secret}`,
			(secret: string) => `Shared Secret: ${secret}\nShared Secret: ${secret}x\nKey: x`,
		);
		fc.assert(
			fc.property(secretLike, layout, (secret, make) => {
				const result = parseKeyFile(make(secret));
				const text = result.ok ? result.notes.join('\n') : result.message;
				expect(text).not.toContain(secret);
				const fromText = secretFromText(make(secret));
				if (!fromText.ok) expect(fromText.message).not.toContain(secret);
			}),
			{numRuns},
		);
	});

	test('sign flags', () => {
		fc.assert(
			fc.property(secretLike, fc.constantFrom('--secret', '--key', '--method', '--host', '--path', '--date', '--iat', '--jti', '--auth'), fc.boolean(), (secret, flag, inline) => {
				const argv = inline ? [`${flag}=${secret}`] : [flag, secret];
				const result = parseSignOptions(argv.concat(flag === '--iat' || flag === '--jti' ? [] : ['--auth', 'jwt']));
				if (!result.ok) expect(result.message).not.toContain(secret);
				const positional = parseSignOptions([secret]);
				if (!positional.ok) expect(positional.message).not.toContain(secret);
			}),
			{numRuns},
		);
	});

	test('readSecret from stdin never throws and its errors never echo the input', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(hostile, fc.tuple(secretLike, wrapper).map(([secret, wrap]) => wrap(secret))), async (text) => {
				const result = await readSecret({secretFile: '-', env: {}, stdin: Readable.from([Buffer.from(text)])});
				if (!result.ok) {
					expect(result.code).toMatch(codePattern);
					const core = cleanInput(text).value;
					if (core.length >= 8) expect(result.message).not.toContain(core);
				} else {
					expect(result.source).toBe('stdin');
				}
			}),
			{numRuns},
		);
	});
});
