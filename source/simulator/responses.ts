/** Response bodies in CyberSource's shapes (PROTOCOL §6, DIAGNOSTICS §3). Pure functions. */
import type {FieldProblem} from './payment-request.js';
import type {StoredPayment, StoredReversal} from './transaction-store.js';

/** `2023-01-29T17:13:31Z`: seconds precision, as CyberSource sends. */
export function submitTime(nowMs: number): string {
	return `${new Date(nowMs).toISOString().slice(0, 19)}Z`;
}

export const authenticationFailedBody = {response: {rmsg: 'Authentication Failed'}} as const;

export const tssNotFoundBody = {message: 'The requested resource does not exist'} as const;

/** The pts 404 (note the trailing space in the reason, as the real API sends it). */
export function ptsNotFoundBody(nowMs: number) {
	return {
		submitTimeUtc: submitTime(nowMs),
		status: '404',
		errorInformation: {reason: 'NOT_FOUND ', message: 'The requested resource does not exist.'},
	};
}

const invalidRequestMessages: Record<string, string> = {
	MISSING_FIELD: 'Declined - The request is missing one or more fields',
	INVALID_DATA: 'Declined - One or more fields in the request contains invalid data',
	DUPLICATE_REQUEST:
		'Declined - The merchantReferenceCode sent with this authorization request matches the merchantReferenceCode of another authorization request that you sent in the last 15 minutes.',
	AUTH_ALREADY_REVERSED: 'Declined - The authorization has already been reversed.',
	MISSING_AUTH: 'Declined - The request cannot be processed because there is no successful authorization to reverse.',
	INVALID_AMOUNT: 'Declined - The reversal amount exceeds the authorized amount.',
};

export function invalidRequestBody(nowMs: number, reason: string, details?: readonly FieldProblem[], message?: string) {
	return {
		submitTimeUtc: submitTime(nowMs),
		status: 'INVALID_REQUEST',
		reason,
		message: message ?? invalidRequestMessages[reason] ?? 'Declined - The request is invalid',
		...(details && details.length > 0 ? {details: details.map((d) => ({field: d.field, reason: d.reason}))} : {}),
	};
}

export function serverErrorBody(nowMs: number, reason = 'SYSTEM_ERROR', message = 'Error - General system failure.') {
	return {submitTimeUtc: submitTime(nowMs), status: 'SERVER_ERROR', reason, message};
}

export function tooLargeBody(nowMs: number, limit: number) {
	return {
		submitTimeUtc: submitTime(nowMs),
		status: 'INVALID_REQUEST',
		reason: 'INVALID_DATA',
		message: `Request entity too large: the body exceeds ${limit} bytes.`,
	};
}

function paymentLinks(id: string, authorized: boolean) {
	return {
		...(authorized ? {authReversal: {method: 'POST', href: `/pts/v2/payments/${id}/reversals`}} : {}),
		self: {method: 'GET', href: `/pts/v2/payments/${id}`},
		...(authorized ? {capture: {method: 'POST', href: `/pts/v2/payments/${id}/captures`}} : {}),
	};
}

/** The 201 answer to a payment: AUTHORIZED, AUTHORIZED_PENDING_REVIEW or DECLINED. */
export function paymentCreatedBody(payment: StoredPayment) {
	const {outcome} = payment;
	const authorized = outcome.kind === 'authorized' || outcome.kind === 'review';
	const card = {type: payment.cardType};
	return {
		_links: paymentLinks(payment.id, authorized),
		clientReferenceInformation: payment.clientReferenceCode === undefined ? {} : {code: payment.clientReferenceCode},
		...(outcome.kind === 'declined' || outcome.kind === 'review'
			? {errorInformation: {reason: outcome.reason, message: outcome.message}}
			: {}),
		id: payment.id,
		orderInformation: {
			amountDetails: authorized
				? {authorizedAmount: payment.amount, currency: payment.currency}
				: {currency: payment.currency},
		},
		paymentAccountInformation: {card},
		paymentInformation: {tokenizedCard: card, card},
		pointOfSaleInformation: {terminalId: '111111'},
		processorInformation: authorized
			? {
					approvalCode: payment.approvalCode,
					networkTransactionId: payment.processorTransactionId,
					transactionId: payment.processorTransactionId,
					responseCode: '100',
					avs: outcome.kind === 'review' ? {code: 'N', codeRaw: 'N'} : {code: 'X', codeRaw: 'I1'},
				}
			: {
					networkTransactionId: payment.processorTransactionId,
					transactionId: payment.processorTransactionId,
					responseCode: outcome.kind === 'declined' ? outcome.reasonCode : '999',
				},
		reconciliationId: payment.reconciliationId,
		status: payment.status,
		submitTimeUtc: payment.submitTimeUtc,
	};
}

export function reversalCreatedBody(reversal: StoredReversal, payment: StoredPayment) {
	return {
		_links: {self: {method: 'GET', href: `/pts/v2/reversals/${reversal.id}`}},
		clientReferenceInformation: reversal.clientReferenceCode === undefined ? {} : {code: reversal.clientReferenceCode},
		id: reversal.id,
		orderInformation: {amountDetails: {currency: reversal.currency}},
		processorInformation: {
			transactionId: reversal.processorTransactionId,
			responseCode: '100',
			networkTransactionId: reversal.processorTransactionId,
			responseCategoryCode: '00',
		},
		reconciliationId: reversal.reconciliationId,
		reversalAmountDetails: {
			reversedAmount: reversal.amount,
			originalTransactionAmount: payment.amount,
			currency: reversal.currency,
		},
		status: 'REVERSED',
		submitTimeUtc: reversal.submitTimeUtc,
	};
}

const processedMessage = 'Request was processed successfully.';

function authApplication(payment: StoredPayment) {
	const {outcome} = payment;
	if (outcome.kind === 'declined' || outcome.kind === 'server-error') {
		return {
			name: 'ics_auth',
			status: 'DECLINED',
			reasonCode: outcome.kind === 'declined' ? outcome.reasonCode : '150',
			rCode: '0',
			rFlag: outcome.kind === 'declined' ? 'DECLINE' : 'ESYSTEM',
			reconciliationId: payment.reconciliationId,
			rMessage: outcome.message,
			returnCode: 1_020_000,
		};
	}

	return {
		name: 'ics_auth',
		status: outcome.kind === 'review' ? 'AUTHORIZED_PENDING_REVIEW' : 'AUTHORIZED',
		reasonCode: outcome.kind === 'review' ? '200' : '100',
		rCode: '1',
		rFlag: 'SOK',
		reconciliationId: payment.reconciliationId,
		rMessage: processedMessage,
		returnCode: 1_010_000,
	};
}

/** The ics_auth_reversal entry of applicationInformation.applications. */
function reversalApplication(reversal: StoredReversal) {
	return {
		name: 'ics_auth_reversal',
		status: 'REVERSED',
		reasonCode: '100',
		rCode: '1',
		rFlag: 'SOK',
		reconciliationId: reversal.reconciliationId,
		rMessage: processedMessage,
		returnCode: 1_010_000,
	};
}

/** TSS transaction details of a payment (and of its reversal, if any). */
export function paymentDetailsBody(payment: StoredPayment, reversal: StoredReversal | undefined) {
	const auth = authApplication(payment);
	const applications = [
		auth,
		...(reversal ? [reversalApplication(reversal)] : []),
	];
	return {
		id: payment.id,
		rootId: payment.id,
		reconciliationId: payment.reconciliationId,
		merchantId: payment.merchantId,
		submitTimeUTC: payment.submitTimeUtc,
		status: reversal ? 'REVERSED' : payment.status,
		applicationInformation: {
			status: reversal ? 'REVERSED' : payment.status,
			reasonCode: auth.reasonCode,
			rCode: auth.rCode,
			rFlag: auth.rFlag,
			applications,
		},
		clientReferenceInformation: payment.clientReferenceCode === undefined ? {} : {code: payment.clientReferenceCode},
		orderInformation: {
			billTo: payment.billTo,
			amountDetails: {
				totalAmount: payment.amount,
				currency: payment.currency,
				...(auth.rFlag === 'SOK' ? {authorizedAmount: payment.amount} : {}),
			},
		},
		paymentInformation: {
			card: {suffix: payment.cardSuffix, type: payment.cardType, expirationMonth: payment.expirationMonth, expirationYear: payment.expirationYear},
		},
		processorInformation: {
			processor: {name: 'paymentech'},
			...(payment.approvalCode === undefined ? {} : {approvalCode: payment.approvalCode}),
			transactionId: payment.processorTransactionId,
			networkTransactionId: payment.processorTransactionId,
			responseCode: auth.rFlag === 'SOK' ? '100' : auth.reasonCode,
		},
		_links: {
			self: {href: `/tss/v2/transactions/${payment.id}`, method: 'GET'},
			...(reversal ? {relatedTransactions: [{href: `/tss/v2/transactions/${reversal.id}`, method: 'GET'}]} : {}),
		},
	};
}

/** TSS transaction details of a reversal. */
export function reversalDetailsBody(reversal: StoredReversal, payment: StoredPayment | undefined) {
	return {
		id: reversal.id,
		rootId: reversal.paymentId,
		reconciliationId: reversal.reconciliationId,
		merchantId: reversal.merchantId,
		submitTimeUTC: reversal.submitTimeUtc,
		status: 'REVERSED',
		applicationInformation: {
			status: 'REVERSED',
			reasonCode: '100',
			rCode: '1',
			rFlag: 'SOK',
			applications: [reversalApplication(reversal)],
		},
		clientReferenceInformation: reversal.clientReferenceCode === undefined ? {} : {code: reversal.clientReferenceCode},
		orderInformation: {amountDetails: {totalAmount: reversal.amount, currency: reversal.currency}},
		_links: {
			self: {href: `/tss/v2/transactions/${reversal.id}`, method: 'GET'},
			...(payment ? {relatedTransactions: [{href: `/tss/v2/transactions/${payment.id}`, method: 'GET'}]} : {}),
		},
	};
}
