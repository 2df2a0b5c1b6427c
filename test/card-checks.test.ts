import {describe, expect, test} from 'vitest';
import fc from 'fast-check';
import {cardDigits, checkCardNumber, checkExpiry, checkSecurityCode, expiryText, isAmex, lastFour, luhnValid} from '../source/cybersource/card-checks.js';
import {maskedCardNumber} from '../source/steps/charge-card.js';

/** 15 June 2026, 12:00 UTC. */
const now = Date.UTC(2026, 5, 15, 12);

/** The digit that makes `body` + digit pass the Luhn test. */
function checkDigit(body: string): string {
	return ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].find((digit) => luhnValid(body + digit)) ?? 'none';
}

describe('card number', () => {
	test('real-world numbers pass, grouped by spaces or dashes too; digits only come back', () => {
		expect(checkCardNumber('5555 5555 5555 4444')).toEqual({ok: true, value: '5555555555554444'});
		expect(checkCardNumber(' 4242-4242-4242-4242 ')).toEqual({ok: true, value: '4242424242424242'});
		expect(checkCardNumber('3782 822463 10005')).toEqual({ok: true, value: '378282246310005'});
		expect(checkCardNumber('6011111111111117')).toMatchObject({ok: true});
	});

	test('each refusal has its code and never repeats more than the last 4 digits', () => {
		const cases: Array<[string, string, string]> = [
			['', 'CARD_NUMBER_MISSING', 'Type the card number'],
			['5555 5555 5555 444a', 'CARD_NUMBER_INVALID', 'only digits'],
			['555555555555', 'CARD_NUMBER_INVALID', '13 to 19 digits; that was 12'],
			['55555555555544440000', 'CARD_NUMBER_INVALID', '13 to 19 digits; that was 20'],
			['5555555555554445', 'CARD_NUMBER_INVALID', 'card ending 4445 fails the check digit test'],
			['4111 1111 1111 1111', 'CARD_NUMBER_SAMPLE', 'sample test card (card ending 1111)'],
		];
		for (const [raw, code, words] of cases) {
			const checked = checkCardNumber(raw);
			expect(checked).toMatchObject({ok: false, code});
			if (!checked.ok) {
				expect(checked.message).toContain(words);
				expect(checked.message).not.toMatch(/\d{5}/);
			}
		}
	});

	test('Luhn: a number with its check digit passes; changing any one digit fails', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^\d{12,18}$/), fc.nat(), fc.integer({min: 1, max: 9}), (body, at, delta) => {
				const number = body + checkDigit(body);
				expect(luhnValid(number)).toBe(true);
				const index = at % number.length;
				const changed = `${number.slice(0, index)}${(Number(number[index]) + delta) % 10}${number.slice(index + 1)}`;
				expect(luhnValid(changed)).toBe(false);
				expect(checkCardNumber(changed)).toMatchObject({ok: false, code: 'CARD_NUMBER_INVALID'});
			}),
		);
	});

	test('shown: only the last 4 digits, the rest as grouped bullets', () => {
		expect(lastFour('5555 5555 5555 4444')).toBe('4444');
		expect(cardDigits(' 5555-5555 5555 4444 ')).toBe('5555555555554444');
		expect(maskedCardNumber('5555555555554444')).toBe('•••• •••• •••• 4444');
		expect(maskedCardNumber('378282246310005')).toBe('•••• •••• ••• 0005');
		expect(isAmex('3782 822463 10005')).toBe(true);
		expect(isAmex('5555555555554444')).toBe(false);
	});
});

describe('expiry', () => {
	test('MM/YY and MM/YYYY, a one-digit month; the current month is still valid', () => {
		expect(checkExpiry('04/28', now)).toEqual({ok: true, value: {month: '04', year: '2028'}});
		expect(checkExpiry('4/2028', now)).toEqual({ok: true, value: {month: '04', year: '2028'}});
		expect(checkExpiry(' 06 / 26 ', now)).toEqual({ok: true, value: {month: '06', year: '2026'}});
		expect(checkExpiry('06-2026', now)).toEqual({ok: true, value: {month: '06', year: '2026'}});
		expect(expiryText({month: '04', year: '2028'})).toBe('04/2028');
	});

	test('last month and last year have expired', () => {
		expect(checkExpiry('05/26', now)).toMatchObject({ok: false, code: 'CARD_EXPIRED'});
		expect(checkExpiry('12/2025', now)).toMatchObject({ok: false, code: 'CARD_EXPIRED'});
	});

	test('anything else is refused with the expected layout', () => {
		for (const raw of ['', '13/28', '00/28', '0428', '04/028', 'April 2028', '04/28/01']) {
			const checked = checkExpiry(raw, now);
			expect(checked).toMatchObject({ok: false, code: 'CARD_EXPIRY_INVALID'});
			if (!checked.ok) expect(checked.message).toContain('MM/YY or MM/YYYY');
		}

		expect(checkExpiry('04/2050', now)).toMatchObject({ok: false, code: 'CARD_EXPIRY_INVALID'});
	});
});

describe('security code', () => {
	test('3 digits, 4 for American Express; the message never repeats it', () => {
		expect(checkSecurityCode('737', '5555555555554444')).toEqual({ok: true, value: '737'});
		expect(checkSecurityCode('0737', '378282246310005')).toEqual({ok: true, value: '0737'});
		for (const [raw, number] of [
			['', '5555555555554444'],
			['7373', '5555555555554444'],
			['73a', '5555555555554444'],
			['737', '378282246310005'],
		] as const) {
			const checked = checkSecurityCode(raw, number);
			expect(checked).toMatchObject({ok: false, code: 'CARD_SECURITY_CODE_INVALID'});
			if (!checked.ok) expect(checked.message).not.toContain('737');
		}
	});
});
