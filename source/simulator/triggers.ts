/**
 * Test triggers: amounts and cards that make the simulator answer as the test environment's
 * processor simulator would (DIAGNOSTICS §3.4; Chase Paymentech amounts, mapped to REST statuses).
 */
import type {PaymentRequest} from './payment-request.js';

export type PaymentOutcome =
	| {readonly kind: 'authorized'}
	| {readonly kind: 'review'; readonly reason: 'AVS_FAILED'; readonly message: string}
	| {readonly kind: 'declined'; readonly reason: string; readonly message: string; readonly reasonCode: string}
	| {readonly kind: 'server-error'; readonly reason: 'SYSTEM_ERROR'; readonly message: string};

export type Trigger = {
	/** What the user sends, for the README table. */
	readonly when: string;
	readonly amount?: string;
	readonly card?: string;
	readonly outcome: PaymentOutcome;
};

const processorDeclined: PaymentOutcome = {
	kind: 'declined',
	reason: 'PROCESSOR_DECLINED',
	message: 'Decline - General decline of the card. No other information provided by the issuing bank.',
	reasonCode: '203',
};
const contactProcessor: PaymentOutcome = {
	kind: 'declined',
	reason: 'CONTACT_PROCESSOR',
	message: 'Decline - The issuing bank has questions about the request. You do not receive an authorization code programmatically, but you might receive one verbally by calling the processor.',
	reasonCode: '201',
};
const invalidAccount: PaymentOutcome = {
	kind: 'declined',
	reason: 'INVALID_ACCOUNT',
	message: 'Decline - Invalid account number',
	reasonCode: '231',
};
const avsFailed: PaymentOutcome = {
	kind: 'review',
	reason: 'AVS_FAILED',
	message: 'Soft Decline - The authorization request was approved by the issuing bank but declined by CyberSource because it did not pass the Address Verification System (AVS) check.',
};
const systemError: PaymentOutcome = {
	kind: 'server-error',
	reason: 'SYSTEM_ERROR',
	message: 'Error - General system failure.',
};

export const expiredCardOutcome: PaymentOutcome = {
	kind: 'declined',
	reason: 'EXPIRED_CARD',
	message: 'Decline - Expired card. You might also receive this if the expiration date you provided does not match the date the issuing bank has on file.',
	reasonCode: '202',
};

/** Every trigger, in README order. Amounts are compared after normalising to two decimals. */
export const paymentTriggers: readonly Trigger[] = [
	{when: 'amount 401.00', amount: '401.00', outcome: contactProcessor},
	{when: 'amount 1500.00', amount: '1500.00', outcome: processorDeclined},
	{when: 'amount 2000.00', amount: '2000.00', outcome: systemError},
	{when: 'amount 2201.00', amount: '2201.00', outcome: invalidAccount},
	{when: 'amount 3000.00', amount: '3000.00', outcome: avsFailed},
	{when: 'card 4000000000000002', card: '4000000000000002', outcome: avsFailed},
	{when: 'card 42423482938483873', card: '42423482938483873', outcome: invalidAccount},
];

/** The trigger amounts by name, for tests and practice scenarios. */
export const triggerAmounts = {
	contactProcessor: '401.00',
	processorDeclined: '1500.00',
	systemError: '2000.00',
	invalidAccount: '2201.00',
	avsFailed: '3000.00',
} as const;

/** What the processor says to a valid payment request, given the simulator clock. */
export function paymentOutcome(payment: PaymentRequest, nowMs: number): PaymentOutcome {
	const byCard = paymentTriggers.find((trigger) => trigger.card === payment.card.number);
	if (byCard) return byCard.outcome;
	const byAmount = paymentTriggers.find((trigger) => trigger.amount === payment.amount);
	if (byAmount) return byAmount.outcome;
	const now = new Date(nowMs);
	const year = Number(payment.card.expirationYear);
	const month = Number(payment.card.expirationMonth);
	if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1)) {
		return expiredCardOutcome;
	}

	return {kind: 'authorized'};
}
