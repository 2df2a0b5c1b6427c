/**
 * The card file of `check --charge --card-file` (source/cybersource/card-file.ts and read-card-file.ts):
 * both layouts, normalisation, the Luhn check, the expiry against the clock, every failure code, and
 * that no message ever holds the card number (beyond its last 4 digits) or the CVV.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {luhnValid, maxCardFileBytes, parseCardFile, type CardFileResult} from '../source/cybersource/card-file.js';
import {readCardFile, shownCardFilePath} from '../source/cybersource/read-card-file.js';
import {temporaryDirectory} from './helpers/check-io.js';

/** 15 July 2026, UTC. */
const now = Date.UTC(2026, 6, 15, 12);
const visa = '4242424242424242';
const cvv = '7391';

/** `prefix` followed by its Luhn check digit. */
function withCheckDigit(prefix: string): string {
	for (let digit = 0; digit <= 9; digit += 1) {
		if (luhnValid(`${prefix}${digit}`)) return `${prefix}${digit}`;
	}

	throw new Error('unreachable: one check digit always fits');
}

function failure(result: CardFileResult): {code: string; message: string} {
	if (result.ok) throw new Error('expected a failure');
	return {code: result.code, message: result.message};
}

/** No run of 5 digits of `number` (the last 4 alone may be shown) and not the CVV as a token. */
function expectNoEcho(message: string, number: string, securityCode?: string): void {
	const digits = number.replaceAll(/\D/g, '');
	for (let start = 0; start + 5 <= digits.length; start += 1) expect(message).not.toContain(digits.slice(start, start + 5));
	if (securityCode !== undefined) expect(message).not.toMatch(new RegExp(`(?<![\\w-])${securityCode}(?![\\w-])`));
}

describe('luhnValid', () => {
	it.each([visa, '4111111111111111', '378282246310005', '5555555555554444', '4222222222222', '6011111111111117'])('accepts %s', number => {
		expect(luhnValid(number)).toBe(true);
	});

	it('rejects one mistyped digit and two swapped digits', () => {
		expect(luhnValid('4242424242424241')).toBe(false);
		expect(luhnValid('4242424242424224')).toBe(false);
		expect(luhnValid('')).toBe(false);
		expect(luhnValid('4242 4242 4242 4242')).toBe(false);
	});
});

describe('parseCardFile: what it accepts', () => {
	it('JSON with the request\'s field names', () => {
		const text = JSON.stringify({number: visa, expirationMonth: '09', expirationYear: '2031', securityCode: cvv});
		expect(parseCardFile(text, now)).toEqual({
			ok: true,
			card: {number: visa, expirationMonth: '09', expirationYear: '2031', securityCode: cvv},
			last4: '4242',
			format: 'json',
		});
	});

	it('JSON: month and year as numbers, a 2-digit year, no CVV, spaces in the number', () => {
		const result = parseCardFile('{"number": "4242 4242 4242 4242", "expirationMonth": 9, "expirationYear": "31"}\n', now);
		expect(result).toEqual({ok: true, card: {number: visa, expirationMonth: '09', expirationYear: '2031'}, last4: '4242', format: 'json'});
	});

	it('lines, labels in any case, MM/YYYY, comments, blank lines and CRLF', () => {
		const text = '# card for the production check\r\nNUMBER: 4242-4242-4242-4242\r\n\r\nExpiry: 9/2031\r\nCVV: 7391\r\n';
		expect(parseCardFile(text, now)).toEqual({
			ok: true,
			card: {number: visa, expirationMonth: '09', expirationYear: '2031', securityCode: cvv},
			last4: '4242',
			format: 'lines',
		});
	});

	it('lines: MM/YY, "=" and quoted values, other label spellings, a 15-digit Amex with a 4-digit CVV', () => {
		const text = 'Card Number = "378282246310005"\nexp = 12/30\nsecurity code: \'1234\'\n';
		expect(parseCardFile(text, now)).toMatchObject({ok: true, card: {number: '378282246310005', expirationMonth: '12', expirationYear: '2030', securityCode: '1234'}, last4: '0005'});
	});

	it('lines: separate month and year labels; the CVV line may be left empty', () => {
		const result = parseCardFile('number: 4222222222222\nmonth: 7\nyear: 2026\ncvv:\n', now);
		expect(result).toEqual({ok: true, card: {number: '4222222222222', expirationMonth: '07', expirationYear: '2026'}, last4: '2222', format: 'lines'});
	});

	it('13 and 19 digits are both card numbers', () => {
		const nineteen = withCheckDigit('601100099013942412');
		expect(parseCardFile(`number: ${nineteen}\nexpiry: 01/2030`, now)).toMatchObject({ok: true, card: {number: nineteen}});
		expect(parseCardFile('number: 4222222222222\nexpiry: 01/2030', now)).toMatchObject({ok: true});
	});

	it('a card is valid through its expiry month; the month before is expired', () => {
		expect(parseCardFile(`number: ${visa}\nexpiry: 07/2026`, now).ok).toBe(true);
		expect(failure(parseCardFile(`number: ${visa}\nexpiry: 06/2026`, now)).code).toBe('CARD_EXPIRED');
		expect(failure(parseCardFile(`number: ${visa}\nexpiry: 12/25`, now)).code).toBe('CARD_EXPIRED');
		// The same file passes a year earlier: the clock decides.
		expect(parseCardFile(`number: ${visa}\nexpiry: 06/2026`, Date.UTC(2025, 6, 1)).ok).toBe(true);
	});
});

describe('parseCardFile: failure codes, never the number or the CVV', () => {
	const good = {number: `number: ${visa}`, expiry: 'expiry: 09/2031', cvv: `cvv: ${cvv}`};
	const lines = (replace: Partial<typeof good>) => Object.values({...good, ...replace}).join('\n');
	it.each([
		['an empty file', '  \n\n', 'CARD_FILE_UNRECOGNISED'],
		['a binary file', `\u0000\u0001${visa}`, 'CARD_FILE_UNRECOGNISED'],
		['a bare number without a label', `${visa}\n09/2031\n${cvv}`, 'CARD_FILE_UNRECOGNISED'],
		['an unknown label', lines({cvv: `pin: ${cvv}`}), 'CARD_FILE_UNRECOGNISED'],
		['a field given twice', `${lines({})}\ncard: ${visa}`, 'CARD_FILE_UNRECOGNISED'],
		['an expiry given as a date and as month/year', `${lines({})}\nmonth: 09\nyear: 2031`, 'CARD_FILE_UNRECOGNISED'],
		['broken JSON', `{"number": "${visa}", "securityCode": "${cvv}"`, 'CARD_FILE_UNRECOGNISED'],
		['a JSON member it does not know', JSON.stringify({number: visa, expirationMonth: '09', expirationYear: '2031', cvc2x: cvv}), 'CARD_FILE_UNRECOGNISED'],
		['no number', lines({number: '# no number'}), 'CARD_NUMBER_MISSING'],
		['letters in the number', lines({number: `number: ${visa.slice(0, 8)}O${visa.slice(9)}`}), 'CARD_NUMBER_INVALID'],
		['12 digits', lines({number: 'number: 424242424242'}), 'CARD_NUMBER_INVALID'],
		['20 digits', lines({number: `number: ${withCheckDigit('4242424242424242424')}`}), 'CARD_NUMBER_INVALID'],
		['a mistyped digit (Luhn)', lines({number: 'number: 4242424242424241'}), 'CARD_NUMBER_INVALID'],
		['the sample test card', lines({number: 'number: 4111 1111 1111 1111'}), 'CARD_NUMBER_SAMPLE'],
		['a JSON number for the card number', `{"number": ${visa}, "expirationMonth": "09", "expirationYear": "2031"}`, 'CARD_NUMBER_INVALID'],
		['no expiry', lines({expiry: ''}), 'CARD_EXPIRY_MISSING'],
		['a month without a year', lines({expiry: 'month: 09'}), 'CARD_EXPIRY_MISSING'],
		['month 13', lines({expiry: 'expiry: 13/2031'}), 'CARD_EXPIRY_INVALID'],
		['month 00', lines({expiry: 'expiry: 00/2031'}), 'CARD_EXPIRY_INVALID'],
		['year first', lines({expiry: 'expiry: 2031/09'}), 'CARD_EXPIRY_INVALID'],
		['a 3-digit year', lines({expiry: 'expiry: 09/203'}), 'CARD_EXPIRY_INVALID'],
		['more than 20 years ahead', lines({expiry: 'expiry: 09/2099'}), 'CARD_EXPIRY_INVALID'],
		['an expired card', lines({expiry: 'expiry: 01/2024'}), 'CARD_EXPIRED'],
		['a 2-digit CVV', lines({cvv: 'cvv: 73'}), 'CARD_SECURITY_CODE_INVALID'],
		['a 5-digit CVV', lines({cvv: 'cvv: 73911'}), 'CARD_SECURITY_CODE_INVALID'],
		['a JSON number for the CVV', `{"number": "${visa}", "expirationMonth": "09", "expirationYear": "2031", "securityCode": 739}`, 'CARD_SECURITY_CODE_INVALID'],
	])('%s: %s', (_name, text, code) => {
		const {code: got, message} = failure(parseCardFile(text, now));
		expect(got).toBe(code);
		expect(message.length).toBeGreaterThan(20);
		expectNoEcho(message, visa, cvv);
	});

	it('a Luhn failure names the last 4 digits only', () => {
		const {message} = failure(parseCardFile(lines({number: 'number: 4242 4242 4242 4241'}), now));
		expect(message).toContain('card ending 4241');
		expect(message).toContain('Luhn');
		expectNoEcho(message, '4242424242424241', cvv);
	});

	it('an unknown label is named only when it is a plain word', () => {
		expect(failure(parseCardFile(lines({cvv: `pin: ${cvv}`}), now)).message).toContain('Line 3 has a label this tool does not know, "pin"');
		expect(failure(parseCardFile(lines({cvv: `x${cvv}: 1`}), now)).message).toContain('(not shown)');
	});

	it('property: whatever one field gets wrong, no message holds 5 digits of the number in a row', () => {
		const number = fc.integer({min: 12, max: 18}).chain(length => fc.stringMatching(new RegExp(`^[1-9]\\d{${length - 1}}$`))).map(withCheckDigit);
		const broken = fc.constantFrom('luhn', 'length', 'expiry', 'expired', 'cvv', 'label', 'json');
		fc.assert(
			fc.property(number, broken, (card, what) => {
				const last = Number(card.at(-1));
				const text = {
					luhn: `number: ${card.slice(0, -1)}${(last + 1) % 10}\nexpiry: 09/2031`,
					length: `number: ${card}${card}\nexpiry: 09/2031`,
					expiry: `number: ${card}\nexpiry: 19/2031`,
					expired: `number: ${card}\nexpiry: 09/2021`,
					cvv: `number: ${card}\nexpiry: 09/2031\ncvv: 1a2`,
					label: `number: ${card}\nexpiry: 09/2031\n${card}: yes`,
					json: `{"number": "${card}", "expirationMonth": 9,`,
				}[what];
				const result = parseCardFile(text, now);
				expect(result.ok).toBe(false);
				if (!result.ok) expectNoEcho(result.message, card);
			}),
			{numRuns: 300},
		);
	});
});

describe('readCardFile', () => {
	let dir = '';
	let cleanup: () => Promise<void> = async () => undefined;
	beforeEach(async () => {
		({dir, cleanup} = await temporaryDirectory('card-file-'));
	});
	afterEach(async () => cleanup());

	it('reads a file relative to cwd', async () => {
		writeFileSync(path.join(dir, 'card.json'), JSON.stringify({number: visa, expirationMonth: '09', expirationYear: '2031', securityCode: cvv}), {mode: 0o600});
		expect(await readCardFile('card.json', {cwd: dir, now: () => now})).toMatchObject({ok: true, last4: '4242', card: {securityCode: cvv}});
	});

	it('CARD_FILE_NOT_FOUND, CARD_FILE_UNREADABLE (a directory), CARD_FILE_TOO_LARGE', async () => {
		mkdirSync(path.join(dir, 'folder'));
		writeFileSync(path.join(dir, 'big.txt'), `number: ${visa}\n${'#'.repeat(maxCardFileBytes)}`);
		const missing = failure(await readCardFile('nope.txt', {cwd: dir, now: () => now}));
		expect(missing).toMatchObject({code: 'CARD_FILE_NOT_FOUND'});
		expect(missing.message).toContain('Card file nope.txt not found');
		expect(failure(await readCardFile('folder', {cwd: dir, now: () => now})).code).toBe('CARD_FILE_UNREADABLE');
		const big = failure(await readCardFile('big.txt', {cwd: dir, now: () => now}));
		expect(big.code).toBe('CARD_FILE_TOO_LARGE');
		expectNoEcho(big.message, visa);
	});

	it('a parse failure names the file, says nothing was sent, and holds neither the number nor the CVV', async () => {
		writeFileSync(path.join(dir, 'card.txt'), `number: 4242424242424241\nexpiry: 09/2031\ncvv: ${cvv}\n`);
		const result = failure(await readCardFile('card.txt', {cwd: dir, now: () => now}));
		expect(result.code).toBe('CARD_NUMBER_INVALID');
		expect(result.message).toMatch(/^Card file card\.txt: The card number \(card ending 4241\) fails the Luhn check digit.* Nothing was sent\.$/);
		expectNoEcho(result.message, '4242424242424241', cvv);
	});

	it('a card number typed where the path goes is not echoed', async () => {
		expect(shownCardFilePath(visa)).not.toContain('4242');
		const result = failure(await readCardFile('4242 4242 4242 4242', {cwd: dir, now: () => now}));
		expect(result.code).toBe('CARD_FILE_NOT_FOUND');
		expect(result.message).toContain('not shown: it looks like a card number');
		expectNoEcho(result.message, visa);
		expect(shownCardFilePath('cards/prod-card.txt')).toBe('cards/prod-card.txt');
	});
});
