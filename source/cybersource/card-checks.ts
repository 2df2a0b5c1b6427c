/**
 * Checks of a real card typed, field by field, for the production charge (the wizard's review):
 * number (13-19 digits, Luhn), expiry (MM/YY or MM/YYYY, not in the past) and security code
 * (3 digits, 4 for American Express). The Luhn test, `cardEnding` and the expiry horizon are
 * card-file.ts's (check --card-file), and so are the codes, so both front ends refuse a card alike.
 * Pure: the clock is passed in. Messages never repeat the number or the security code: at most the
 * last 4 digits of the number appear, as Business Center shows cards.
 */
import {cardEnding, luhnValid, maxYearsAhead} from './card-file.js';
import {sampleCardNumber} from './sample-payment.js';

export {cardEnding, luhnValid} from './card-file.js';

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

/** The card number: digits (spaces and dashes allowed between groups), 13 to 19 of them, passing the Luhn check. */
export function checkCardNumber(raw: string): CardCheck<string> {
	const digits = cardDigits(raw);
	if (digits === '') return fail('CARD_NUMBER_MISSING', 'Type the card number (the long number on the front of the card).');
	if (!/^\d+$/.test(digits)) return fail('CARD_NUMBER_INVALID', 'A card number has only digits (spaces or dashes between groups are fine).');
	if (digits.length < 13 || digits.length > 19) {
		return fail('CARD_NUMBER_INVALID', `A card number has 13 to 19 digits; that was ${digits.length}.`);
	}

	if (!luhnValid(digits)) {
		return fail('CARD_NUMBER_INVALID', `That is not a valid card number (${cardEnding(lastFour(digits))} fails the check digit test): a digit is mistyped.`);
	}

	if (digits === sampleCardNumber) {
		return fail(
			'CARD_NUMBER_SAMPLE',
			`That is the sample test card (${cardEnding(lastFour(digits))}): a live processor declines it. Use a real card you own.`,
		);
	}

	return {ok: true, value: digits};
}

/**
 * The expiry date as printed on the card, MM/YY or MM/YYYY (a one-digit month and a dash are fine).
 * A card is valid to the end of its expiry month, so the current month is accepted. `now` in ms (UTC).
 */
export function checkExpiry(raw: string, now: number): CardCheck<CardExpiry> {
	const match = /^(\d{1,2})\s*[/-]\s*(\d{2}|\d{4})$/.exec(raw.trim());
	const month = Number(match?.[1]);
	if (match?.[2] === undefined || month < 1 || month > 12) {
		return fail('CARD_EXPIRY_INVALID', 'Type the expiry date as on the card: MM/YY or MM/YYYY, e.g. 04/28.');
	}

	const year = match[2].length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
	const today = new Date(now);
	const current = today.getUTCFullYear() * 12 + today.getUTCMonth();
	if (year * 12 + (month - 1) < current) {
		return fail('CARD_EXPIRED', 'That card has expired: use a card whose expiry date is this month or later.');
	}

	if (year > today.getUTCFullYear() + maxYearsAhead) {
		return fail('CARD_EXPIRY_INVALID', `That expiry is more than ${maxYearsAhead} years ahead: check the year printed on the card.`);
	}

	return {ok: true, value: {month: String(month).padStart(2, '0'), year: String(year)}};
}

/** The security code (CVV/CVC): 3 digits on the back, 4 on the front of an American Express card. */
export function checkSecurityCode(raw: string, number: string): CardCheck<string> {
	const code = raw.trim();
	const digits = isAmex(number) ? 4 : 3;
	if (code.length !== digits || !/^\d+$/.test(code)) {
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
