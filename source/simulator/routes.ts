/** The endpoints, for an authenticated request: payments, reversals, transaction details. */
import type {AuthSuccess} from './auth-types.js';
import type {IdSource} from './ids.js';
import {validatePayment, validateReversal, type PaymentRequest} from './payment-request.js';
import {pathOf, type ReceivedRequest} from './received-request.js';
import {
	invalidRequestBody,
	paymentCreatedBody,
	paymentDetailsBody,
	ptsNotFoundBody,
	reversalCreatedBody,
	reversalDetailsBody,
	serverErrorBody,
	submitTime,
	tssNotFoundBody,
} from './responses.js';
import type {StoredPayment, StoredReversal, TransactionStore} from './transaction-store.js';
import {paymentOutcome} from './triggers.js';
import {describeSeconds} from './http-date.js';

export type Answer = {
	readonly status: number;
	readonly body: unknown;
	/** One line for --explain. */
	readonly note: string;
};

export type RouteContext = {
	readonly nowMs: number;
	readonly searchDelayMs: number;
	readonly store: TransactionStore;
	readonly ids: IdSource;
};

const paymentsPath = /^\/pts\/v2\/payments\/?$/;
const reversalPath = /^\/pts\/v2\/payments\/([^/]+)\/reversals\/?$/;
const transactionPath = /^\/tss\/v2\/transactions\/([^/]+)\/?$/;

const decoder = new TextDecoder('utf-8', {fatal: true});

type JsonBody = {readonly ok: true; readonly value: unknown} | {readonly ok: false; readonly answer: Answer};

function readJson(request: ReceivedRequest, nowMs: number): JsonBody {
	try {
		return {ok: true, value: JSON.parse(decoder.decode(request.body))};
	} catch (error: unknown) {
		const why = error instanceof Error ? error.message : 'not JSON';
		return {
			ok: false,
			answer: {
				status: 400,
				body: invalidRequestBody(nowMs, 'INVALID_DATA', undefined, 'Declined - The request body is not valid JSON'),
				note: `400 INVALID_DATA: the body (${request.body.length} bytes) is not valid UTF-8 JSON (${why})`,
			},
		};
	}
}

/** Card type codes as CyberSource reports them (001 Visa, 002 Mastercard, …). */
export function cardType(number: string): string {
	if (number.startsWith('4')) return '001';
	if (/^(?:5[1-5]|2[2-7])/.test(number)) return '002';
	if (/^3[47]/.test(number)) return '003';
	if (/^6(?:011|5)/.test(number)) return '004';
	if (number.startsWith('35')) return '007';
	return '001';
}

function handlePayment(request: ReceivedRequest, auth: AuthSuccess, context: RouteContext): Answer {
	const {nowMs} = context;
	const json = readJson(request, nowMs);
	if (!json.ok) return json.answer;
	const validation = validatePayment(json.value);
	if (!validation.ok) {
		return {
			status: 400,
			body: invalidRequestBody(nowMs, validation.reason, validation.details),
			note: `400 ${validation.reason}: ${validation.details.map((d) => `${d.field} ${d.reason}`).join(', ')}`,
		};
	}

	const {payment} = validation;
	if (payment.clientReferenceCode !== undefined && context.store.isDuplicate(auth.merchantId, payment.clientReferenceCode, nowMs)) {
		return {
			status: 400,
			body: invalidRequestBody(nowMs, 'DUPLICATE_REQUEST'),
			note: `400 DUPLICATE_REQUEST: clientReferenceInformation.code "${payment.clientReferenceCode}" was used by merchant ${auth.merchantId} less than 15 minutes ago; use a unique code per payment`,
		};
	}

	const outcome = paymentOutcome(payment, nowMs);
	if (outcome.kind === 'server-error') {
		return {
			status: 502,
			body: serverErrorBody(nowMs, outcome.reason, outcome.message),
			note: `502 SERVER_ERROR ${outcome.reason}: test trigger (amount ${payment.amount})`,
		};
	}

	const stored = storePayment(payment, auth, outcome, context);
	return {
		status: 201,
		body: paymentCreatedBody(stored),
		note: `201 ${stored.status}${outcome.kind === 'authorized' ? '' : ` ${outcome.reason}`} id ${stored.id} for merchant ${auth.merchantId} (${payment.amount} ${payment.currency})`,
	};
}

function storePayment(
	payment: PaymentRequest,
	auth: AuthSuccess,
	outcome: StoredPayment['outcome'],
	context: RouteContext,
): StoredPayment {
	const {nowMs, ids, store} = context;
	let id = ids.requestId(nowMs);
	while (store.has(id)) id = ids.requestId(nowMs);
	const authorized = outcome.kind === 'authorized' || outcome.kind === 'review';
	const stored: StoredPayment = {
		kind: 'payment',
		id,
		merchantId: auth.merchantId,
		createdAtMs: nowMs,
		submitTimeUtc: submitTime(nowMs),
		...(payment.clientReferenceCode === undefined ? {} : {clientReferenceCode: payment.clientReferenceCode}),
		amount: payment.amount,
		currency: payment.currency,
		cardSuffix: payment.card.number.slice(-4),
		cardType: cardType(payment.card.number),
		expirationMonth: payment.card.expirationMonth,
		expirationYear: payment.card.expirationYear,
		billTo: payment.billTo,
		status: outcome.kind === 'authorized' ? 'AUTHORIZED' : outcome.kind === 'review' ? 'AUTHORIZED_PENDING_REVIEW' : 'DECLINED',
		outcome,
		reconciliationId: ids.reconciliationId(),
		processorTransactionId: ids.processorTransactionId(),
		...(authorized ? {approvalCode: '888888'} : {}),
	};
	store.add(stored);
	return stored;
}

function handleReversal(request: ReceivedRequest, auth: AuthSuccess, paymentId: string, context: RouteContext): Answer {
	const {nowMs, store, ids} = context;
	const payment = store.get(paymentId, auth.merchantId);
	if (payment === undefined || payment.kind !== 'payment') {
		return {
			status: 404,
			body: ptsNotFoundBody(nowMs),
			note: `404 NOT_FOUND: no payment ${paymentId} for merchant ${auth.merchantId}`,
		};
	}

	const json = readJson(request, nowMs);
	if (!json.ok) return json.answer;
	const validation = validateReversal(json.value);
	if (!validation.ok) {
		return {
			status: 400,
			body: invalidRequestBody(nowMs, validation.reason, validation.details),
			note: `400 ${validation.reason}: ${validation.details.map((d) => `${d.field} ${d.reason}`).join(', ')}`,
		};
	}

	if (payment.reversalId !== undefined) {
		return {
			status: 400,
			body: invalidRequestBody(nowMs, 'AUTH_ALREADY_REVERSED'),
			note: `400 AUTH_ALREADY_REVERSED: payment ${paymentId} was reversed by ${payment.reversalId}`,
		};
	}

	if (payment.outcome.kind !== 'authorized' && payment.outcome.kind !== 'review') {
		return {
			status: 400,
			body: invalidRequestBody(nowMs, 'MISSING_AUTH'),
			note: `400 MISSING_AUTH: payment ${paymentId} was ${payment.status}; there is no authorization to reverse`,
		};
	}

	if (Number(validation.amount) > Number(payment.amount)) {
		return {
			status: 400,
			body: invalidRequestBody(nowMs, 'INVALID_AMOUNT', [{field: 'reversalInformation.amountDetails.totalAmount', reason: 'INVALID_DATA'}]),
			note: `400 INVALID_AMOUNT: reversal of ${validation.amount} exceeds the authorized ${payment.amount}`,
		};
	}

	let id = ids.requestId(nowMs);
	while (store.has(id)) id = ids.requestId(nowMs);
	const reversal: StoredReversal = {
		kind: 'reversal',
		id,
		merchantId: auth.merchantId,
		createdAtMs: nowMs,
		submitTimeUtc: submitTime(nowMs),
		...(validation.code === undefined ? {} : {clientReferenceCode: validation.code}),
		amount: validation.amount,
		currency: payment.currency,
		paymentId,
		reconciliationId: ids.reconciliationId(),
		processorTransactionId: ids.processorTransactionId(),
	};
	store.add(reversal);
	payment.reversalId = id;
	return {
		status: 201,
		body: reversalCreatedBody(reversal, payment),
		note: `201 REVERSED: reversal ${id} of payment ${paymentId} (${reversal.amount} ${reversal.currency})`,
	};
}

function handleLookup(auth: AuthSuccess, transactionId: string, context: RouteContext): Answer {
	const {nowMs, store, searchDelayMs} = context;
	const found = store.get(transactionId, auth.merchantId);
	if (found === undefined) {
		return {
			status: 404,
			body: tssNotFoundBody,
			note: `404: no transaction ${transactionId} for merchant ${auth.merchantId} (the credentials authenticated)`,
		};
	}

	const age = nowMs - found.createdAtMs;
	if (age < searchDelayMs) {
		return {
			status: 404,
			body: tssNotFoundBody,
			note: `404: transaction ${transactionId} is not searchable yet (${describeSeconds((searchDelayMs - age) / 1000)} to go; search delay ${describeSeconds(searchDelayMs / 1000)})`,
		};
	}

	if (found.kind === 'payment') {
		const reversal = found.reversalId === undefined ? undefined : store.get(found.reversalId, auth.merchantId);
		return {
			status: 200,
			body: paymentDetailsBody(found, reversal?.kind === 'reversal' ? reversal : undefined),
			note: `200: transaction ${transactionId} (${reversal ? 'REVERSED' : found.status})`,
		};
	}

	const payment = store.get(found.paymentId, auth.merchantId);
	return {
		status: 200,
		body: reversalDetailsBody(found, payment?.kind === 'payment' ? payment : undefined),
		note: `200: reversal ${transactionId}`,
	};
}

/** Routes an authenticated request. Never throws. */
export function route(request: ReceivedRequest, auth: AuthSuccess, context: RouteContext): Answer {
	const path = pathOf(request.target);
	if (request.method === 'POST' && paymentsPath.test(path)) return handlePayment(request, auth, context);
	const reversal = request.method === 'POST' ? reversalPath.exec(path) : null;
	if (reversal?.[1] !== undefined) return handleReversal(request, auth, reversal[1], context);
	const lookup = request.method === 'GET' ? transactionPath.exec(path) : null;
	if (lookup?.[1] !== undefined) return handleLookup(auth, lookup[1], context);
	return {
		status: 404,
		body: ptsNotFoundBody(context.nowMs),
		note: `404: the simulator has no ${request.method} ${path} (it serves POST /pts/v2/payments, POST /pts/v2/payments/{id}/reversals, GET /tss/v2/transactions/{id})`,
	};
}
