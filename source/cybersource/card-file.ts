/**
 * Parses the card file of `check --charge --card-file PATH`: the real card for the one 1.00
 * production authorization (reversed at once). Two layouts:
 *
 *   JSON   {"number": "…", "expirationMonth": "MM", "expirationYear": "YYYY", "securityCode": "…"}
 *   lines  number: …      expiry: MM/YYYY (or MM/YY)      cvv: …      (labels in any case; # comments)
 *
 * Validated before anything is sent: 13-19 digits with a valid Luhn check digit (and not the sample
 * test card), month 01-12, an expiry not in the past, a 3-4 digit CVV. Pure (the clock is passed in). No message ever holds the
 * card number (the last 4 digits at most), the CVV, the expiry or any other text of the file.
 */
import {jsonSyntaxErrorText} from '../json-syntax-error.js';
import {cardNumberRules, expiryRules, maxYearsAhead, securityCodeShape, splitExpiry, type CardExpiry, type CardNumberWords, type ExpiryWords} from './card-checks.js';
import type {PaymentCard} from './key-test-types.js';
import {isRecord} from '../is-record.js';

export {cardEnding, luhnValid, maxYearsAhead} from './card-checks.js';

export type CardFileCode =
	| 'CARD_FILE_NOT_FOUND'
	| 'CARD_FILE_UNREADABLE'
	| 'CARD_FILE_TOO_LARGE'
	| 'CARD_FILE_UNRECOGNISED'
	| 'CARD_NUMBER_MISSING'
	| 'CARD_NUMBER_INVALID'
	/** The sample test card 4111…1111 (what --charge sends without --card-file), which a real processor declines. */
	| 'CARD_NUMBER_SAMPLE'
	| 'CARD_EXPIRY_MISSING'
	| 'CARD_EXPIRY_INVALID'
	| 'CARD_EXPIRED'
	| 'CARD_SECURITY_CODE_INVALID';

export type CardFileFormat = 'json' | 'lines';

export type ParsedCardFile = {
	readonly ok: true;
	/** Number as digits only, month as MM, year as YYYY (what the payment request carries). */
	readonly card: PaymentCard;
	/** The only part of the number that may be shown. */
	readonly last4: string;
	readonly format: CardFileFormat;
};

export type CardFileError = {readonly ok: false; readonly code: CardFileCode; readonly message: string};

export type CardFileResult = ParsedCardFile | CardFileError;

/** Larger than any card file; also the limit readCardFile applies to the file size. */
export const maxCardFileBytes = 4096;

const layout =
	'Write the card as JSON {"number", "expirationMonth", "expirationYear", "securityCode"} or as lines "number: …", "expiry: MM/YYYY", "cvv: …"';

function fail(code: CardFileCode, message: string): CardFileError {
	return {ok: false, code, message};
}

type Field = 'number' | 'expiry' | 'month' | 'year' | 'securityCode';

/** Label and JSON key spellings, compared after lower-casing and dropping everything but letters and digits. */
const fieldNames: ReadonlyMap<string, Field> = new Map<string, Field>([
	['number', 'number'],
	['cardnumber', 'number'],
	['card', 'number'],
	['pan', 'number'],
	['accountnumber', 'number'],
	['expiry', 'expiry'],
	['expires', 'expiry'],
	['expiration', 'expiry'],
	['expirationdate', 'expiry'],
	['expirydate', 'expiry'],
	['exp', 'expiry'],
	['expdate', 'expiry'],
	['validthru', 'expiry'],
	['expirationmonth', 'month'],
	['expirymonth', 'month'],
	['expmonth', 'month'],
	['month', 'month'],
	['expirationyear', 'year'],
	['expiryyear', 'year'],
	['expyear', 'year'],
	['year', 'year'],
	['securitycode', 'securityCode'],
	['cardsecuritycode', 'securityCode'],
	['cvv', 'securityCode'],
	['cvv2', 'securityCode'],
	['cvc', 'securityCode'],
	['cvc2', 'securityCode'],
	['cvn', 'securityCode'],
	['csc', 'securityCode'],
]);

const fieldWords: Record<Field, string> = {
	number: 'the card number',
	expiry: 'the expiry',
	month: 'the expiry month',
	year: 'the expiry year',
	securityCode: 'the CVV',
};

function fieldOf(name: string): Field | undefined {
	return fieldNames.get(name.toLowerCase().replaceAll(/[^a-z\d]/g, ''));
}

/** A label or key as it may appear in a message: only a short word of letters (never a number or a code). */
function shownName(name: string): string {
	return /^[A-Za-z][A-Za-z _-]{0,29}$/.test(name) ? `"${name}"` : '(not shown)';
}

type Found = Partial<Record<Field, string>>;
type Extracted = {readonly found: Found; readonly format: CardFileFormat} | CardFileError;

function put(found: Found, field: Field, value: string, where: string): CardFileError | undefined {
	if (found[field] !== undefined) return fail('CARD_FILE_UNRECOGNISED', `${where} gives ${fieldWords[field]} a second time: give it once.`);
	found[field] = value;
	return undefined;
}

/** JSON: strings everywhere; whole numbers also for the month and the year (a JSON number loses a card number's digits and a CVV's leading zeros). */
function extractJson(text: string): Extracted {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error: unknown) {
		return fail('CARD_FILE_UNRECOGNISED', `It starts with "{" but is not valid JSON (${jsonSyntaxErrorText(error)}). ${layout}.`);
	}

	if (!isRecord(parsed)) return fail('CARD_FILE_UNRECOGNISED', `It is JSON but not one object. ${layout}.`);
	const found: Found = {};
	for (const [key, value] of Object.entries(parsed)) {
		const field = fieldOf(key);
		if (field === undefined) {
			return fail('CARD_FILE_UNRECOGNISED', `It has a member this tool does not know, ${shownName(key)}. ${layout}.`);
		}

		if (value === null) continue;
		let textValue: string;
		if (typeof value === 'string') {
			textValue = value;
		} else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && (field === 'month' || field === 'year')) {
			textValue = String(value);
		} else if (field === 'number') {
			return fail('CARD_NUMBER_INVALID', 'Write the card number as a JSON string, in quotes (a JSON number loses digits of a 16-digit card number).');
		} else if (field === 'securityCode') {
			return fail('CARD_SECURITY_CODE_INVALID', 'Write the CVV as a JSON string, in quotes (a JSON number loses its leading zeros).');
		} else {
			return fail('CARD_FILE_UNRECOGNISED', `Member ${shownName(key)} must be a string. ${layout}.`);
		}

		const problem = put(found, field, textValue, 'The JSON');
		if (problem !== undefined) return problem;
	}

	return {found, format: 'json'};
}

/** `label: value` or `label = value`; the label starts with a letter and is short. */
const labelledLine = /^([A-Za-z][A-Za-z\d _.-]{0,30}?)\s*[:=]\s*(.*)$/;

function isComment(line: string): boolean {
	return line.startsWith('#') || line.startsWith('//') || line.startsWith(';');
}

function unquoted(value: string): string {
	const trimmed = value.trim();
	const match = /^(["'])(.*)\1$/.exec(trimmed);
	return (match?.[2] ?? trimmed).trim();
}

function extractLines(text: string): Extracted {
	const found: Found = {};
	const lines = text.split(/\r\n|\r|\n/);
	for (let index = 0; index < lines.length; index += 1) {
		const line = (lines[index] ?? '').trim();
		if (line === '' || isComment(line)) continue;
		const where = `Line ${index + 1}`;
		const match = labelledLine.exec(line);
		const field = match === null ? undefined : fieldOf(match[1] ?? '');
		if (match === null) {
			return fail('CARD_FILE_UNRECOGNISED', `${where} is not "label: value" (its text is not shown). ${layout}.`);
		}

		if (field === undefined) {
			return fail('CARD_FILE_UNRECOGNISED', `${where} has a label this tool does not know, ${shownName((match[1] ?? '').trim())}. ${layout}.`);
		}

		const value = unquoted(match[2] ?? '');
		if (value === '') continue;
		const problem = put(found, field, value, where);
		if (problem !== undefined) return problem;
	}

	return {found, format: 'lines'};
}

const fileNumberWords: CardNumberWords = {
	notDigits: 'The card number holds characters other than digits, spaces and dashes: give the 13 to 19 digits printed on the card.',
	length: (count) => `The card number has ${count} digits; card numbers have 13 to 19. Check that it was copied whole.`,
	checkDigit: (ending) => `The card number (${ending}) fails the Luhn check digit: a digit is mistyped or two are swapped. Copy it again from the card.`,
	sample: (ending) => `That is the sample test card (${ending}): a real processor declines it. Put a real card you own in the file.`,
};

function checkNumber(given: string | undefined): {readonly number: string; readonly last4: string} | CardFileError {
	if (given === undefined) return fail('CARD_NUMBER_MISSING', `There is no card number. ${layout}.`);
	const checked = cardNumberRules(given.replaceAll(/[\s-]/g, ''), fileNumberWords);
	return checked.ok ? {number: checked.value, last4: checked.value.slice(-4)} : checked;
}

const fileExpiryWords: ExpiryWords = {
	monthNotNumber: 'The expiry month is not a number: give it as MM, 01 to 12.',
	monthOutOfRange: 'The expiry month is not 01 to 12: give the month printed on the card as MM.',
	yearForm: 'The expiry year is not YYYY or YY: give the year printed on the card, e.g. 2031 or 31.',
	expired: (today) => `The card has expired (its expiry date is before this month, ${today}): a processor declines it. Use a card that is still valid.`,
	tooFarAhead: `The expiry year is more than ${maxYearsAhead} years ahead: check the year printed on the card.`,
};

function checkExpiry(found: Found, nowMs: number): CardExpiry | CardFileError {
	let monthText: string;
	let yearText: string;
	if (found.expiry !== undefined) {
		if (found.month !== undefined || found.year !== undefined) {
			return fail('CARD_FILE_UNRECOGNISED', 'The expiry is given twice (as one date and as month and year): keep one.');
		}

		const parts = splitExpiry(found.expiry);
		if (parts === undefined) return fail('CARD_EXPIRY_INVALID', 'The expiry is not MM/YYYY or MM/YY: write it as on the card, e.g. 09/2031 or 09/31.');
		monthText = parts.month;
		yearText = parts.year;
	} else if (found.month !== undefined && found.year !== undefined) {
		monthText = found.month;
		yearText = found.year;
	} else if (found.month === undefined && found.year === undefined) {
		return fail('CARD_EXPIRY_MISSING', `There is no expiry date. ${layout}.`);
	} else {
		return fail('CARD_EXPIRY_MISSING', `The expiry ${found.month === undefined ? 'month' : 'year'} is missing: give both month and year (or one "expiry: MM/YYYY" line).`);
	}

	const checked = expiryRules(monthText, yearText, nowMs, fileExpiryWords);
	return checked.ok ? checked.value : checked;
}

function checkSecurityCode(given: string | undefined): string | undefined | CardFileError {
	if (given === undefined) return undefined;
	if (!securityCodeShape(given)) {
		return fail('CARD_SECURITY_CODE_INVALID', 'The CVV is not 3 or 4 digits: give the code on the back of the card (4 digits on the front for American Express).');
	}

	return given;
}

function isError(value: unknown): value is CardFileError {
	return isRecord(value) && value['ok'] === false;
}

/** Parses and validates a card file's text. `nowMs` decides whether the card has expired (UTC month). */
export function parseCardFile(text: string, nowMs: number): CardFileResult {
	const trimmed = text.replace(/^\uFEFF/, '').trim();
	if (trimmed === '') return fail('CARD_FILE_UNRECOGNISED', `The card file is empty. ${layout}.`);
	if (trimmed.includes('\u0000')) return fail('CARD_FILE_UNRECOGNISED', `The card file is not text. ${layout}.`);
	const extracted = trimmed.startsWith('{') ? extractJson(trimmed) : extractLines(trimmed);
	if (isError(extracted)) return extracted;
	const {found, format} = extracted;
	const number = checkNumber(found.number);
	if (isError(number)) return number;
	const expiry = checkExpiry(found, nowMs);
	if (isError(expiry)) return expiry;
	const securityCode = checkSecurityCode(found.securityCode);
	if (isError(securityCode)) return securityCode;
	return {
		ok: true,
		card: {
			number: number.number,
			expirationMonth: expiry.month,
			expirationYear: expiry.year,
			...(securityCode === undefined ? {} : {securityCode}),
		},
		last4: number.last4,
		format,
	};
}
