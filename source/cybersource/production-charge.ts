/**
 * Production safety (issue 6): a payment in production is sent only when explicitly confirmed, uses
 * the smallest sensible amount, and is reversed at once (`POST /pts/v2/payments/{id}/reversals`,
 * PROTOCOL §6.3). A failed reversal is reported with the request ID and how to void it in Business
 * Center. Pure helpers plus one function that sends the reversal.
 */
import type {CallOptions, ClientResult} from './client.js';
import {transactionDetailsUrl, type Environment} from './environments.js';
import type {PaymentCard, ReversalResult} from './key-test-types.js';
import {errorText} from './responses.js';
import {reversalBody, samplePayment, type ReversalBody, type SamplePayment} from './sample-payment.js';

/**
 * The production charge amount: 1.00, not 0.01. Processors and issuers treat sub-dollar
 * authorizations as card testing (fraud screens and issuers decline or flag them, some processors
 * have a minimum), and a $0 "account verification" is not supported by every processor; a 1.00
 * authorization is the usual verification amount, is never captured, and is reversed at once.
 */
export const productionChargeAmount = '1.00';
export const defaultChargeCurrency = 'USD';

export const reversalCodes = {
	REVERSAL_OK: 'The authorization was reversed: nothing will be charged.',
	REVERSAL_FAILED: 'The reversal failed: the authorization stands until it expires; void it in Business Center.',
	REVERSAL_NOT_NEEDED: 'The payment was not authorized (e.g. declined): there is nothing to reverse.',
	REVERSAL_NOT_POSSIBLE: 'The payment got no complete answer, so there is no request ID to reverse: look it up in Business Center.',
} as const;

export type ReversalCode = keyof typeof reversalCodes;

/** Payment statuses that hold funds on the card and must be reversed. */
const authorizedStatuses = new Set(['AUTHORIZED', 'PARTIAL_AUTHORIZED', 'AUTHORIZED_PENDING_REVIEW', 'AUTHORIZED_RISK_DECLINED']);

export function holdsFunds(paymentStatus: string | undefined): boolean {
	return paymentStatus !== undefined && authorizedStatuses.has(paymentStatus);
}

/** The one-sentence refusal when a production payment was not confirmed (nothing is sent). */
export function chargeNotConfirmedMessage(environment: Environment): string {
	return `Nothing was sent: a payment in ${environment.label} moves real money, so it needs your confirmation (type the organization ID in the wizard, or pass --charge to check); without it, use the no-charge probe.`;
}

export type ChargeInput = {
	readonly code: string;
	readonly amount: string;
	readonly currency: string;
	readonly card?: PaymentCard;
};

/** The payment body: the Developer Center sample with the charge's amount, currency and (optionally) a real card. */
export function chargeBody(input: ChargeInput): SamplePayment {
	const sample = samplePayment({code: input.code, amount: input.amount, currency: input.currency});
	if (input.card === undefined) return sample;
	return {
		...sample,
		paymentInformation: {
			card: {
				number: input.card.number.replaceAll(/[\s-]/g, ''),
				expirationMonth: input.card.expirationMonth,
				expirationYear: input.card.expirationYear,
				// Never the sample's CVV with a real card: a wrong CVV gets a real card declined.
				...(input.card.securityCode === undefined ? {} : {securityCode: input.card.securityCode}),
			},
		},
	};
}

/** How to void an authorization by hand (DIAGNOSTICS §4.2 terms). */
export function voidSteps(environment: Environment, paymentRequestId: string, merchantId: string): string[] {
	return [
		`Log in to Business Center: ${environment.businessCenter.url}`,
		`Open ${environment.businessCenter.transactionsPath.join(' › ')} and search by Request ID ${paymentRequestId}.`,
		'Click the request ID, then Void / Reverse the authorization (or ask your processor to release it).',
		`Direct link: ${transactionDetailsUrl(environment, paymentRequestId, merchantId)}`,
	];
}

export type ReversalContext = {
	readonly environment: Environment;
	readonly merchantId: string;
	readonly paymentRequestId: string;
	readonly amount: string;
	readonly currency: string;
};

/** Turns the reversal's answer into a result. Pure. */
export function reversalResultOf(result: ClientResult, context: ReversalContext): ReversalResult {
	const {paymentRequestId, amount, currency} = context;
	const common = {
		paymentRequestId,
		amount,
		currency,
		...(result.httpStatus === undefined ? {} : {httpStatus: result.httpStatus}),
		...(result.correlationId === undefined ? {} : {correlationId: result.correlationId}),
	};
	const {response} = result;
	if (response?.kind === 'reversal' && response.reversal.status === 'REVERSED') {
		return {
			...common,
			status: 'reversed',
			code: 'REVERSAL_OK',
			requestId: response.reversal.id,
			message: `The ${amount} ${currency} authorization (request ID ${paymentRequestId}) was reversed automatically (reversal ${response.reversal.id}, status REVERSED): nothing will be charged.`,
		};
	}

	const why =
		response === undefined
			? result.networkError.message
			: response.kind === 'reversal'
				? `status ${response.reversal.status}`
				: response.kind === 'error'
					? `HTTP ${response.httpStatus} ${errorText(response.error) ?? ''}`.trim()
					: `HTTP ${response.httpStatus}`;
	return {
		...common,
		status: 'failed',
		code: 'REVERSAL_FAILED',
		...(response?.kind === 'reversal' ? {requestId: response.reversal.id} : {}),
		message: `THE AUTOMATIC REVERSAL FAILED (${why}): the ${amount} ${currency} authorization with request ID ${paymentRequestId} still holds funds on the card until it expires. Void it in Business Center now (steps below).`,
		voidSteps: voidSteps(context.environment, paymentRequestId, context.merchantId),
	};
}

/** The result when the payment was not authorized: nothing to reverse. */
export function reversalNotNeeded(paymentRequestId: string | undefined, paymentStatus: string | undefined): ReversalResult {
	return {
		status: 'not-attempted',
		code: 'REVERSAL_NOT_NEEDED',
		...(paymentRequestId === undefined ? {} : {paymentRequestId}),
		message: `No reversal needed: the payment was not authorized${paymentStatus === undefined ? '' : ` (status ${paymentStatus})`}, so no funds are held.`,
	};
}

/** The result when the payment got no complete answer: there is no request ID to reverse. */
export function reversalNotPossible(environment: Environment): ReversalResult {
	return {
		status: 'not-attempted',
		code: 'REVERSAL_NOT_POSSIBLE',
		message: `No reversal was sent: the payment got no complete answer, so its request ID is unknown. It may have gone through: look for it in Business Center (${environment.businessCenter.url}) › ${environment.businessCenter.transactionsPath.join(' › ')} and void it there before trying again.`,
	};
}

export type ReverseInput = ReversalContext & {
	/** The payment's clientReferenceInformation.code: ties the two together in Business Center. */
	readonly code: string;
	readonly reversePayment: (id: string, body: ReversalBody, options?: CallOptions) => Promise<ClientResult>;
	readonly signal?: AbortSignal;
};

/** Sends the reversal once (never retried automatically) and reports it. Never throws for network or server failures. */
export async function reverseAuthorization(input: ReverseInput): Promise<ReversalResult> {
	const body = reversalBody({code: input.code, amount: input.amount, currency: input.currency, reason: 'cybs-key-wizard key test'});
	const result = await input.reversePayment(input.paymentRequestId, body, input.signal === undefined ? {} : {signal: input.signal});
	return reversalResultOf(result, input);
}
