/**
 * Validation of a `POST /pts/v2/payments` body: the fields of the sample payment (PROTOCOL §5.1)
 * are required; a missing one is MISSING_FIELD, a malformed one INVALID_DATA (PROTOCOL §6.2). Never throws.
 */

import {isRecord} from '../is-record.js';

export type FieldProblem = {readonly field: string; readonly reason: 'MISSING_FIELD' | 'INVALID_DATA'};

export type PaymentRequest = {
	readonly clientReferenceCode?: string;
	readonly capture: boolean;
	readonly card: {
		readonly number: string;
		readonly expirationMonth: string;
		readonly expirationYear: string;
	};
	readonly amount: string;
	readonly currency: string;
	readonly billTo: Readonly<Record<string, string>>;
};

export type PaymentValidation =
	| {readonly ok: true; readonly payment: PaymentRequest}
	| {readonly ok: false; readonly reason: 'MISSING_FIELD' | 'INVALID_DATA'; readonly details: readonly FieldProblem[]};

/** The value at a dotted path, or undefined. */
export function valueAt(root: unknown, path: string): unknown {
	let current: unknown = root;
	for (const part of path.split('.')) {
		if (!isRecord(current)) return undefined;
		current = current[part];
	}

	return current;
}

/** Luhn check of a digit string. */
export function luhnValid(digits: string): boolean {
	let sum = 0;
	for (let index = 0; index < digits.length; index++) {
		let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
		if (index % 2 === 1) {
			digit *= 2;
			if (digit > 9) digit -= 9;
		}

		sum += digit;
	}

	return sum % 10 === 0;
}

/** Card numbers accepted even though they fail the Luhn check, because they are triggers. */
export const luhnExemptCards: ReadonlySet<string> = new Set(['42423482938483873']);

type Rule = {readonly field: string; readonly valid: (value: string, body: unknown) => boolean};

const amountPattern = /^\d{1,12}(?:\.\d{1,2})?$/;

const rules: readonly Rule[] = [
	{
		field: 'paymentInformation.card.number',
		valid: (value) => /^\d{12,19}$/.test(value) && (luhnValid(value) || luhnExemptCards.has(value)),
	},
	{field: 'paymentInformation.card.expirationMonth', valid: (value) => /^(?:0?[1-9]|1[0-2])$/.test(value)},
	{field: 'paymentInformation.card.expirationYear', valid: (value) => /^\d{4}$/.test(value)},
	{field: 'orderInformation.amountDetails.totalAmount', valid: (value) => amountPattern.test(value) && Number(value) > 0},
	{field: 'orderInformation.amountDetails.currency', valid: (value) => /^[A-Za-z]{3}$/.test(value)},
	{field: 'orderInformation.billTo.firstName', valid: (value) => value.length <= 60},
	{field: 'orderInformation.billTo.lastName', valid: (value) => value.length <= 60},
	{field: 'orderInformation.billTo.address1', valid: (value) => value.length <= 60},
	{field: 'orderInformation.billTo.locality', valid: (value) => value.length <= 50},
	{field: 'orderInformation.billTo.country', valid: (value) => /^[A-Za-z]{2}$/.test(value)},
	{field: 'orderInformation.billTo.email', valid: (value) => /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)},
];

/** US and Canadian addresses also need a state/province and a postal code. */
const northAmericaRules: readonly Rule[] = [
	{field: 'orderInformation.billTo.administrativeArea', valid: (value) => /^[A-Za-z]{2}$/.test(value)},
	{field: 'orderInformation.billTo.postalCode', valid: (value) => /^[A-Za-z\d][A-Za-z\d -]{2,9}$/.test(value)},
];

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function validatePayment(body: unknown): PaymentValidation {
	const country = valueAt(body, 'orderInformation.billTo.country');
	const applicable =
		typeof country === 'string' && ['US', 'CA'].includes(country.toUpperCase()) ? [...rules, ...northAmericaRules] : rules;
	const details: FieldProblem[] = [];
	for (const rule of applicable) {
		const value = valueAt(body, rule.field);
		if (isBlank(value)) {
			details.push({field: rule.field, reason: 'MISSING_FIELD'});
		} else if (typeof value !== 'string' || !rule.valid(value.trim(), body)) {
			details.push({field: rule.field, reason: 'INVALID_DATA'});
		}
	}

	const code = valueAt(body, 'clientReferenceInformation.code');
	if (code !== undefined && (typeof code !== 'string' || code.length > 50)) {
		details.push({field: 'clientReferenceInformation.code', reason: 'INVALID_DATA'});
	}

	const capture = valueAt(body, 'processingInformation.capture');
	if (capture !== undefined && typeof capture !== 'boolean' && capture !== 'true' && capture !== 'false') {
		details.push({field: 'processingInformation.capture', reason: 'INVALID_DATA'});
	}

	if (details.length > 0) {
		return {ok: false, reason: details.some((d) => d.reason === 'MISSING_FIELD') ? 'MISSING_FIELD' : 'INVALID_DATA', details};
	}

	const text = (path: string): string => {
		const value = valueAt(body, path);
		return typeof value === 'string' ? value.trim() : '';
	};

	const billToValue = valueAt(body, 'orderInformation.billTo');
	const billTo: Record<string, string> = {};
	if (isRecord(billToValue)) {
		for (const [key, value] of Object.entries(billToValue)) if (typeof value === 'string') billTo[key] = value;
	}

	return {
		ok: true,
		payment: {
			...(typeof code === 'string' && code !== '' ? {clientReferenceCode: code} : {}),
			capture: capture === true || capture === 'true',
			card: {
				number: text('paymentInformation.card.number'),
				expirationMonth: text('paymentInformation.card.expirationMonth').padStart(2, '0'),
				expirationYear: text('paymentInformation.card.expirationYear'),
			},
			amount: normaliseAmount(text('orderInformation.amountDetails.totalAmount')),
			currency: text('orderInformation.amountDetails.currency').toUpperCase(),
			billTo,
		},
	};
}

/** `50` → `50.00`, `1.5` → `1.50`. The input is already a valid amount. */
export function normaliseAmount(amount: string): string {
	const [whole = '0', fraction = ''] = amount.split('.');
	return `${BigInt(whole).toString()}.${fraction.padEnd(2, '0')}`;
}

/** Validation of a reversal body (`reversalInformation.amountDetails.totalAmount` is required). */
export function validateReversal(body: unknown): {readonly ok: true; readonly amount: string; readonly code?: string; readonly reason?: string} | {readonly ok: false; readonly reason: 'MISSING_FIELD' | 'INVALID_DATA'; readonly details: readonly FieldProblem[]} {
	const field = 'reversalInformation.amountDetails.totalAmount';
	const amount = valueAt(body, field);
	if (isBlank(amount)) return {ok: false, reason: 'MISSING_FIELD', details: [{field, reason: 'MISSING_FIELD'}]};
	if (typeof amount !== 'string' || !amountPattern.test(amount.trim()) || Number(amount) <= 0) {
		return {ok: false, reason: 'INVALID_DATA', details: [{field, reason: 'INVALID_DATA'}]};
	}

	const code = valueAt(body, 'clientReferenceInformation.code');
	const reason = valueAt(body, 'reversalInformation.reason');
	return {
		ok: true,
		amount: normaliseAmount(amount.trim()),
		...(typeof code === 'string' && code !== '' ? {code} : {}),
		...(typeof reason === 'string' ? {reason} : {}),
	};
}
