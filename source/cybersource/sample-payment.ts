/**
 * Request bodies the key test sends: the Developer Center's "Process a Payment" sample
 * (PROTOCOL §5.1), its authorization reversal (PROTOCOL §6.3), and the transaction ID used by the
 * no-charge credential probe.
 */

export type SamplePaymentInput = {
	/** `clientReferenceInformation.code`: unique per request (see newClientReferenceCode). */
	readonly code: string;
	/** Decimal string, e.g. "102.21" (the Developer Center default). */
	readonly amount?: string;
	readonly currency?: string;
};

export type SamplePayment = {
	readonly clientReferenceInformation: {readonly code: string};
	readonly processingInformation: {readonly commerceIndicator: 'internet'};
	readonly paymentInformation: {
		readonly card: {
			readonly number: string;
			readonly expirationMonth: string;
			readonly expirationYear: string;
			/** Always set for the sample card; a real card (production charge) sends it only when the user gave it. */
			readonly securityCode?: string;
		};
	};
	readonly orderInformation: {
		readonly amountDetails: {readonly totalAmount: string; readonly currency: string};
		readonly billTo: {
			readonly firstName: string;
			readonly lastName: string;
			readonly company: string;
			readonly address1: string;
			readonly address2: string;
			readonly locality: string;
			readonly administrativeArea: string;
			readonly postalCode: string;
			readonly country: string;
			readonly email: string;
			readonly phoneNumber: string;
		};
	};
};

/** The Developer Center's default amount for the sample payment. */
export const samplePaymentAmount = '102.21';

/** Visa test card of the Developer Center sample (test environment only). */
export const sampleCardNumber = '4111111111111111';

/**
 * The Developer Center "Process a Payment" body (simple authorization, internet), field for
 * field, with the caller's unique reference code.
 */
export function samplePayment(input: SamplePaymentInput): SamplePayment {
	return {
		clientReferenceInformation: {code: input.code},
		processingInformation: {commerceIndicator: 'internet'},
		paymentInformation: {
			card: {number: sampleCardNumber, expirationMonth: '12', expirationYear: '2031', securityCode: '123'},
		},
		orderInformation: {
			amountDetails: {totalAmount: input.amount ?? samplePaymentAmount, currency: input.currency ?? 'USD'},
			billTo: {
				firstName: 'John',
				lastName: 'Doe',
				company: 'Visa',
				address1: '1 Market St',
				address2: 'Address 2',
				locality: 'san francisco',
				administrativeArea: 'CA',
				postalCode: '94105',
				country: 'US',
				email: 'test@cybs.com',
				phoneNumber: '4158880000',
			},
		},
	};
}

export type ReversalInput = {
	/** `clientReferenceInformation.code`; the payment's code ties the two together in Business Center. */
	readonly code: string;
	/** The authorized amount to reverse, as a decimal string. */
	readonly amount: string;
	readonly currency?: string;
	readonly reason?: string;
};

export type ReversalBody = {
	readonly clientReferenceInformation: {readonly code: string};
	readonly reversalInformation: {
		readonly amountDetails: {readonly totalAmount: string; readonly currency?: string};
		readonly reason: string;
	};
};

/** Body of `POST /pts/v2/payments/{id}/reversals` (PROTOCOL §6.3, samples' shape). */
export function reversalBody(input: ReversalInput): ReversalBody {
	return {
		clientReferenceInformation: {code: input.code},
		reversalInformation: {
			amountDetails: {
				totalAmount: input.amount,
				...(input.currency === undefined ? {} : {currency: input.currency}),
			},
			reason: input.reason ?? 'testing',
		},
	};
}

/** Prefix of every reference code this tool sends, so its requests are easy to find in Business Center. */
export const clientReferencePrefix = 'cybs-key-wizard';

function twoDigits(value: number): string {
	return String(value).padStart(2, '0');
}

/**
 * A reference code unique per request: `cybs-key-wizard-<yyyymmddhhmmss UTC>-<6 random>`, 37 characters
 * (CyberSource allows 50). Unique codes avoid DUPLICATE_REQUEST (DIAGNOSTICS §3.1).
 * `randomHex` is any source of hex digits (e.g. a UUID); its first six hex digits are used.
 */
export function newClientReferenceCode(now: () => number, randomHex: () => string): string {
	const date = new Date(now());
	const stamp = [
		String(date.getUTCFullYear()).padStart(4, '0'),
		twoDigits(date.getUTCMonth() + 1),
		twoDigits(date.getUTCDate()),
		twoDigits(date.getUTCHours()),
		twoDigits(date.getUTCMinutes()),
		twoDigits(date.getUTCSeconds()),
	].join('');
	const random = randomHex().toLowerCase().replaceAll(/[^\da-f]/g, '').padEnd(6, '0').slice(0, 6);
	return `${clientReferencePrefix}-${stamp}-${random}`;
}

/**
 * The transaction ID the no-charge probe asks for: 22 zeros. It has the shape of a real request ID
 * (22 digits) but cannot exist: request IDs begin with the epoch seconds of the request, so an ID
 * of zeros would date from 1 January 1970. CyberSource answers 404 when the keys authenticate and
 * 401 when they do not (PROTOCOL §6.2, "404 (TSS)").
 */
export function impossibleTransactionId(): string {
	return '0'.repeat(22);
}
