/**
 * Checks of a real card typed, field by field, for the production charge (the wizard's review):
 * number (13-19 digits, Luhn), expiry (MM/YY or MM/YYYY, not in the past) and security code
 * (3 digits, 4 for American Express). The rules themselves (`cardNumberRules`, `expiryRules`,
 * `securityCodeShape`, the Luhn test) are shared with card-file.ts (check --card-file), which words
 * its messages for a file, so both front ends refuse a card alike and with the same codes.
 * Pure: the clock is passed in. Messages never repeat the number or the security code: at most the
 * last 4 digits of the number appear, as Business Center shows cards.
 */
import {sampleCardNumber} from './sample-payment.js';

/** An expiry further ahead than this is taken for a typo (cards are issued for a few years). */
export const maxYearsAhead = 20;

/** The Luhn (mod 10) check digit test every card number passes. `digits` holds digits only. */
export function luhnValid(digits: string): boolean {
	if (!/^\d+$/.test(digits)) return false;
	let sum = 0;
	for (let index = 0; index < digits.length; index += 1) {
		let digit = Number(digits[digits.length - 1 - index]);
		if (index % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}

		sum += digit;
	}

	return sum % 10 === 0;
}

/** "card ending 4242": how a card is named in messages. */
export function cardEnding(last4: string): string {
	return `card ending ${last4}`;
}

export type CardCheck<T> =
	| {readonly ok: true; readonly value: T}
	| {
			readonly ok: false;
			readonly code: CardCheckCode;
			readonly message: string;
	  };

export type CardCheckCode =
	| 'CARD_NUMBER_MISSING'
	| 'CARD_NUMBER_INVALID'
	/** The sample test card 4111…1111, which a live processor declines. */
	| 'CARD_NUMBER_SAMPLE'
	| 'CARD_EXPIRY_INVALID'
	| 'CARD_EXPIRED'
	| 'CARD_SECURITY_CODE_INVALID';

export type CardExpiry = {
	/** Two digits, "01" to "12". */
	readonly month: string;
	/** Four digits, e.g. "2027" (what CyberSource's expirationYear takes). */
	readonly year: string;
};

/** The digits of a card number as typed or pasted: spaces and dashes between the groups are dropped. */
export function cardDigits(raw: string): string {
	return raw.trim().replaceAll(/[\s-]/g, '');
}

/** The last 4 digits of a card number (fewer when it is shorter). */
export function lastFour(number: string): string {
	return cardDigits(number).slice(-4);
}

/** American Express: 15 digits starting 34 or 37; its security code has 4 digits. */
export function isAmex(number: string): boolean {
	return /^3[47]\d{13}$/.test(cardDigits(number));
}

function fail<T>(code: CardCheckCode, message: string): CardCheck<T> {
	return {ok: false, code, message};
}

/** How a front end words each way a (non-empty) card number fails; `ending` is e.g. "card ending 4242". */
export type CardNumberWords = {
	readonly notDigits: string;
	readonly length: (count: number) => string;
	readonly checkDigit: (ending: string) => string;
	readonly sample: (ending: string) => string;
};

/** The card number rules: digits only, 13 to 19 of them, a valid Luhn check digit, not the sample test card. */
export function cardNumberRules(digits: string, words: CardNumberWords): CardCheck<string> {
	if (!/^\d+$/.test(digits)) return fail('CARD_NUMBER_INVALID', words.notDigits);
	if (digits.length < 13 || digits.length > 19) return fail('CARD_NUMBER_INVALID', words.length(digits.length));
	if (!luhnValid(digits)) return fail('CARD_NUMBER_INVALID', words.checkDigit(cardEnding(lastFour(digits))));
	if (digits === sampleCardNumber) return fail('CARD_NUMBER_SAMPLE', words.sample(cardEnding(lastFour(digits))));
	return {ok: true, value: digits};
}

const typedNumberWords: CardNumberWords = {
	notDigits: 'A card number has only digits (spaces or dashes between groups are fine).',
	length: (count) => `A card number has 13 to 19 digits; that was ${count}.`,
	checkDigit: (ending) => `That is not a valid card number (${ending} fails the check digit test): a digit is mistyped.`,
	sample: (ending) => `That is the sample test card (${ending}): a live processor declines it. Use a real card you own.`,
};

/** The card number: digits (spaces and dashes allowed between groups), 13 to 19 of them, passing the Luhn check. */
export function checkCardNumber(raw: string): CardCheck<string> {
	const digits = cardDigits(raw);
	if (digits === '') return fail('CARD_NUMBER_MISSING', 'Type the card number (the long number on the front of the card).');
	return cardNumberRules(digits, typedNumberWords);
}

/** "MM/YY" or "MM/YYYY" (a one-digit month, a dash and spaces around the separator are fine) split in two; undefined otherwise. */
export function splitExpiry(text: string): {readonly month: string; readonly year: string} | undefined {
	const match = /^(\d{1,2})\s*[/-]\s*(\d{2}|\d{4})$/.exec(text);
	return match?.[1] === undefined || match[2] === undefined ? undefined : {month: match[1], year: match[2]};
}

/** How a front end words each way an expiry fails; `today` is the current month as MM/YYYY. */
export type ExpiryWords = {
	readonly monthNotNumber: string;
	readonly monthOutOfRange: string;
	readonly yearForm: string;
	readonly expired: (today: string) => string;
	readonly tooFarAhead: string;
};

/**
 * The expiry rules, for a month (1-2 digits, 01-12) and a year (YY or YYYY) given as text. A card is
 * valid to the end of its expiry month, so the current month is accepted. `now` in ms (UTC).
 */
export function expiryRules(monthText: string, yearText: string, now: number, words: ExpiryWords): CardCheck<CardExpiry> {
	if (!/^\d{1,2}$/.test(monthText)) return fail('CARD_EXPIRY_INVALID', words.monthNotNumber);
	const month = Number(monthText);
	if (month < 1 || month > 12) return fail('CARD_EXPIRY_INVALID', words.monthOutOfRange);
	if (!/^(?:\d{2}|\d{4})$/.test(yearText)) return fail('CARD_EXPIRY_INVALID', words.yearForm);
	const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
	const today = new Date(now);
	const thisYear = today.getUTCFullYear();
	const thisMonth = today.getUTCMonth() + 1;
	if (year < thisYear || (year === thisYear && month < thisMonth)) {
		return fail('CARD_EXPIRED', words.expired(`${String(thisMonth).padStart(2, '0')}/${thisYear}`));
	}

	if (year > thisYear + maxYearsAhead) return fail('CARD_EXPIRY_INVALID', words.tooFarAhead);
	return {ok: true, value: {month: String(month).padStart(2, '0'), year: String(year)}};
}

const typedExpiryForm = 'Type the expiry date as on the card: MM/YY or MM/YYYY, e.g. 04/28.';

const typedExpiryWords: ExpiryWords = {
	monthNotNumber: typedExpiryForm,
	monthOutOfRange: typedExpiryForm,
	yearForm: typedExpiryForm,
	expired: () => 'That card has expired: use a card whose expiry date is this month or later.',
	tooFarAhead: `That expiry is more than ${maxYearsAhead} years ahead: check the year printed on the card.`,
};

/**
 * The expiry date as printed on the card, MM/YY or MM/YYYY (a one-digit month and a dash are fine).
 * A card is valid to the end of its expiry month, so the current month is accepted. `now` in ms (UTC).
 */
export function checkExpiry(raw: string, now: number): CardCheck<CardExpiry> {
	const parts = splitExpiry(raw.trim());
	if (parts === undefined) return fail('CARD_EXPIRY_INVALID', typedExpiryForm);
	return expiryRules(parts.month, parts.year, now, typedExpiryWords);
}

/** A security code's shape: digits only, `digits` of them (3 or 4 when not given). */
export function securityCodeShape(code: string, digits?: 3 | 4): boolean {
	return /^\d{3,4}$/.test(code) && (digits === undefined || code.length === digits);
}

/** The security code (CVV/CVC): 3 digits on the back, 4 on the front of an American Express card. */
export function checkSecurityCode(raw: string, number: string): CardCheck<string> {
	const code = raw.trim();
	if (!securityCodeShape(code, isAmex(number) ? 4 : 3)) {
		return fail(
			'CARD_SECURITY_CODE_INVALID',
			isAmex(number)
				? 'Type the 4-digit security code printed on the front of the American Express card.'
				: 'Type the 3-digit security code (CVV) from the back of the card.',
		);
	}

	return {ok: true, value: code};
}

/** MM/YYYY, as the expiry is shown back (it is not secret). */
export function expiryText(expiry: CardExpiry): string {
	return `${expiry.month}/${expiry.year}`;
}
