/**
 * Every code a key-test attempt can end with, what it proves, and the pure function that turns one
 * answer (or network error) into that code and a sentence for the user (DIAGNOSTICS §1, §3).
 */
import type {AttemptOutcome} from './key-test-types.js';
import type {NetworkError, NetworkErrorCode} from './network-error.js';
import {errorText, type CyberSourceResponse, type ErrorResponse, type PaymentResponse} from './responses.js';

type CodeInfo = {readonly outcome: AttemptOutcome; readonly meaning: string};

/** The full list, in the order the README shows it. */
export const attemptCodes = {
	OK: {outcome: 'works', meaning: 'The keys work: CyberSource authorized the test payment.'},
	PROBE_OK: {
		outcome: 'works',
		meaning: 'The keys authenticate: the no-charge probe was answered (404 for a transaction that cannot exist); no payment was sent.',
	},
	AUTHENTICATION_FAILED: {
		outcome: 'rejected',
		meaning: 'HTTP 401: CyberSource did not accept the signature (wrong key ID, secret, organization ID, environment, expired key or clock).',
	},
	PAYMENT_DECLINED: {outcome: 'authenticated', meaning: 'The keys work; the test payment was declined (201 DECLINED).'},
	PAYMENT_PENDING_REVIEW: {
		outcome: 'authenticated',
		meaning: 'The keys work; the payment was authorized but flagged for review (AVS/CVN or risk).',
	},
	PAYMENT_NOT_AUTHORIZED: {
		outcome: 'authenticated',
		meaning: 'The keys work; the payment ended in another status (e.g. AUTHORIZED_RISK_DECLINED, PENDING_AUTHENTICATION).',
	},
	INVALID_REQUEST: {outcome: 'authenticated', meaning: 'HTTP 400: the keys work; CyberSource rejected a field of the request.'},
	DUPLICATE_REQUEST: {
		outcome: 'authenticated',
		meaning: 'HTTP 400 DUPLICATE_REQUEST: the keys work; the reference code was used recently.',
	},
	FORBIDDEN: {outcome: 'authenticated', meaning: 'HTTP 403: authenticated, but this organization is not enabled for the API.'},
	NOT_FOUND: {outcome: 'authenticated', meaning: 'HTTP 404 on the payments API: the path was not found or the service is not enabled.'},
	SERVER_ERROR: {outcome: 'no-verdict', meaning: 'HTTP 5xx: an error on CyberSource\'s side (SYSTEM_ERROR, SERVER_TIMEOUT, …).'},
	NOT_CYBERSOURCE: {
		outcome: 'no-verdict',
		meaning: 'The answer did not come from CyberSource (no v-c-correlation-id, or an HTML page): a proxy, firewall or captive portal answered.',
	},
	UNEXPECTED_STATUS: {outcome: 'no-verdict', meaning: 'CyberSource answered with an HTTP status the test does not expect (e.g. 429).'},
	UNEXPECTED_RESPONSE: {outcome: 'no-verdict', meaning: 'CyberSource answered the expected status with a body of the wrong shape.'},
	SIGNING_FAILED: {outcome: 'no-verdict', meaning: 'The request could not be signed with this secret; nothing was sent.'},
	DNS_FAILURE: {outcome: 'no-verdict', meaning: 'The API host name could not be resolved (ENOTFOUND, EAI_AGAIN).'},
	CONNECTION_REFUSED: {outcome: 'no-verdict', meaning: 'The connection was refused (ECONNREFUSED).'},
	NETWORK_UNREACHABLE: {outcome: 'no-verdict', meaning: 'No network route to the host (ENETUNREACH, EHOSTUNREACH).'},
	CONNECTION_RESET: {outcome: 'no-verdict', meaning: 'The connection was closed before the answer was complete (ECONNRESET).'},
	TIMEOUT: {
		outcome: 'no-verdict',
		meaning: 'No answer in time (connect, headers or body phase). A payment may have gone through: check Business Center before retrying.',
	},
	TLS_ERROR: {outcome: 'no-verdict', meaning: 'The server certificate could not be verified (try NODE_EXTRA_CA_CERTS behind a TLS-inspecting proxy).'},
	PROXY_AUTH_REQUIRED: {outcome: 'no-verdict', meaning: 'The proxy answered 407: it needs a user name and password.'},
	PROXY_ERROR: {outcome: 'no-verdict', meaning: 'The proxy refused to open a tunnel to CyberSource.'},
	CANCELLED: {outcome: 'no-verdict', meaning: 'The test was cancelled before CyberSource answered.'},
	PRODUCTION_CHARGE_NOT_CONFIRMED: {
		outcome: 'no-verdict',
		meaning: 'A payment in production was not confirmed (typed organization ID / --charge); nothing was sent.',
	},
	NETWORK_ERROR: {outcome: 'no-verdict', meaning: 'Any other network failure; the message names the system error code.'},
} as const satisfies Record<string, CodeInfo>;

export type AttemptCode = keyof typeof attemptCodes;

export function isAttemptCode(value: string): value is AttemptCode {
	return Object.hasOwn(attemptCodes, value);
}

/** Compile-time check: every network error code is an attempt code. */
const networkCodesAreAttemptCodes: Record<NetworkErrorCode, AttemptCode> = {
	DNS_FAILURE: 'DNS_FAILURE',
	CONNECTION_REFUSED: 'CONNECTION_REFUSED',
	NETWORK_UNREACHABLE: 'NETWORK_UNREACHABLE',
	CONNECTION_RESET: 'CONNECTION_RESET',
	TIMEOUT: 'TIMEOUT',
	TLS_ERROR: 'TLS_ERROR',
	PROXY_AUTH_REQUIRED: 'PROXY_AUTH_REQUIRED',
	PROXY_ERROR: 'PROXY_ERROR',
	CANCELLED: 'CANCELLED',
	NETWORK_ERROR: 'NETWORK_ERROR',
};

export type AttemptMode = 'payment' | 'probe';

/** What one request produced: a response from someone, or a network error. */
export type AttemptEvidence = {
	readonly mode: AttemptMode;
	/** `POST /pts/v2/payments` */
	readonly endpointLabel: string;
	readonly businessCenterUrl?: string;
} & (
	| {readonly response: CyberSourceResponse; readonly networkError?: undefined}
	| {readonly response?: undefined; readonly networkError: NetworkError}
);

export type AttemptClassification = {
	readonly outcome: AttemptOutcome;
	readonly code: AttemptCode;
	readonly message: string;
	readonly cybersourceMessage?: string;
	readonly requestId?: string;
	readonly paymentStatus?: string;
	/** The body as received (cut to 4 KB) when it was not CyberSource's JSON. */
	readonly rawText?: string;
	/** Network failures: Node's or undici's own code. */
	readonly nodeCode?: string;
};

function classified(
	code: AttemptCode,
	message: string,
	extra: Omit<AttemptClassification, 'outcome' | 'code' | 'message'> = {},
): AttemptClassification {
	const clean = Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined));
	return {outcome: attemptCodes[code].outcome, code, message, ...clean};
}

function lookUpAdvice(businessCenterUrl: string | undefined): string {
	const where = businessCenterUrl === undefined ? 'Business Center' : `Business Center (${businessCenterUrl})`;
	return `look it up in ${where} > Transaction Management > Transactions before retrying`;
}

/** `reason: message` from errorInformation, without empty parts. */
function reasonText(reason: string | undefined, message: string | undefined): string | undefined {
	const text = [reason, message].filter((part) => part !== undefined && part !== '').join(': ');
	return text === '' ? undefined : text;
}

/** Ends a sentence with a period unless CyberSource's own words already end with punctuation. */
function sentence(text: string): string {
	return /[.!?]$/.test(text) ? text : `${text}.`;
}

const pendingReviewStatuses = new Set(['AUTHORIZED_PENDING_REVIEW', 'PENDING_REVIEW']);
const authorizedStatuses = new Set(['AUTHORIZED', 'PARTIAL_AUTHORIZED']);

function classifyPayment(response: PaymentResponse): AttemptClassification {
	const {payment} = response;
	const why = reasonText(payment.errorInformation?.reason, payment.errorInformation?.message);
	const extra = {requestId: payment.id, paymentStatus: payment.status, cybersourceMessage: why};
	if (authorizedStatuses.has(payment.status)) {
		return classified(
			'OK',
			`The keys work: CyberSource ${payment.status === 'PARTIAL_AUTHORIZED' ? 'partially authorized' : 'authorized'} the test payment (request ID ${payment.id}).`,
			extra,
		);
	}

	if (payment.status === 'DECLINED') {
		return classified('PAYMENT_DECLINED', sentence(`The keys work; the payment was declined: ${why ?? 'no reason given'}`), extra);
	}

	if (pendingReviewStatuses.has(payment.status)) {
		return classified(
			'PAYMENT_PENDING_REVIEW',
			`The keys work; the payment was authorized but flagged for review (${payment.status}${why === undefined ? '' : `, ${why}`}).`,
			extra,
		);
	}

	return classified(
		'PAYMENT_NOT_AUTHORIZED',
		`The keys work; the payment was not authorized: status ${payment.status}${why === undefined ? '' : ` (${why})`}.`,
		extra,
	);
}

function badRequest(response: ErrorResponse, mode: AttemptMode): AttemptClassification {
	const {error} = response;
	const said = errorText(error);
	const extra = {cybersourceMessage: said};
	if (mode === 'probe') {
		return classified(
			'PROBE_OK',
			'The keys authenticate (CyberSource checked the request after authenticating it and refused the probe\'s made-up transaction ID); no payment was sent.',
			extra,
		);
	}

	if (error.reason === 'DUPLICATE_REQUEST') {
		return classified(
			'DUPLICATE_REQUEST',
			'The keys work; CyberSource refused the payment as a duplicate of a recent request. Run the test again: every run sends a new reference code.',
			extra,
		);
	}

	const fields = error.details
		.map((detail) => [detail.field, detail.reason === undefined ? undefined : `(${detail.reason})`].filter((part) => part !== undefined).join(' '))
		.filter((text) => text !== '');
	const fieldText = fields.length > 0 ? ` in ${fields.join(', ')}` : '';
	const advice =
		error.reason === 'INVALID_MERCHANT_CONFIGURATION' || error.reason === 'CARD_TYPE_NOT_ACCEPTED' || error.reason === 'NOT_SUPPORTED'
			? ' The account is not set up for this card or processor: open a MID Configuration Request in Business Center > Support.'
			: error.reason === 'PROCESSOR_UNAVAILABLE'
				? ' The processor is unavailable; try again later.'
				: '';
	return classified(
		'INVALID_REQUEST',
		`The keys work (CyberSource authenticated the request), but it rejected the payment${error.reason === undefined ? '' : ` as ${error.reason}`}${fieldText}.${advice}`,
		extra,
	);
}

function classifyResponse(evidence: AttemptEvidence, response: CyberSourceResponse): AttemptClassification {
	const {mode} = evidence;
	const status = response.httpStatus;
	const isHtmlLike = response.kind === 'not-json' && response.rawText.trim() !== '';
	if (response.correlationId === undefined || (isHtmlLike && status < 500)) {
		const contentType = response.contentType === undefined ? '' : `, ${response.contentType}`;
		const correlation = response.correlationId === undefined ? ', no v-c-correlation-id' : '';
		return classified(
			'NOT_CYBERSOURCE',
			`The answer (HTTP ${status}${contentType}${correlation}) did not come from CyberSource: a proxy, firewall or captive portal answered instead. Check HTTPS_PROXY and your firewall (allow *.cybersource.com).`,
			response.kind === 'not-json' || response.kind === 'unexpected-shape' ? {rawText: response.rawText} : {},
		);
	}

	const rawText = response.kind === 'not-json' ? response.rawText : undefined;
	if (response.kind === 'payment') return classifyPayment(response);
	if (response.kind === 'transaction') {
		return classified('PROBE_OK', 'The keys authenticate (CyberSource returned a transaction); no payment was sent.', {
			requestId: response.transaction.id,
		});
	}

	if (response.kind === 'reversal') {
		return classified('OK', `CyberSource reversed the authorization (status ${response.reversal.status}).`, {
			requestId: response.reversal.id,
			paymentStatus: response.reversal.status,
		});
	}

	if (response.kind === 'unexpected-shape') {
		return classified('UNEXPECTED_RESPONSE', `CyberSource answered for ${evidence.endpointLabel} but ${response.problem}.`, {
			rawText: response.rawText,
		});
	}

	const said = response.kind === 'error' ? errorText(response.error) : rawText;
	const extra = {cybersourceMessage: said, rawText};
	if (status === 401) {
		return classified(
			'AUTHENTICATION_FAILED',
			`CyberSource rejected the keys (401 ${said ?? 'Authentication Failed'}): check the key ID, the shared secret, the organization ID, that the key belongs to this environment and is active in Key Management, and the clock.`,
			extra,
		);
	}

	if (status === 400 && response.kind === 'error') return badRequest(response, mode);
	if (status === 404) {
		if (mode === 'probe') {
			return classified(
				'PROBE_OK',
				'The keys authenticate; no payment was sent (CyberSource answered 404 for a transaction that cannot exist).',
				extra,
			);
		}

		return classified(
			'NOT_FOUND',
			`CyberSource accepted the keys but answered 404 for ${evidence.endpointLabel}: the payments service may not be enabled for this organization; check the base URL, or ask your account manager.`,
			extra,
		);
	}

	if (status === 403) {
		return classified(
			'FORBIDDEN',
			'The keys authenticate, but this organization is not enabled for this API (403). Ask your account manager, or open a support case in Business Center > Support.',
			extra,
		);
	}

	if (status >= 500) {
		const paymentAdvice = mode === 'payment' ? `; the payment may have gone through: ${lookUpAdvice(evidence.businessCenterUrl)}` : '; try again in a few minutes';
		return classified(
			'SERVER_ERROR',
			`CyberSource reported a server error (HTTP ${status}${said === undefined ? '' : ` ${said}`})${paymentAdvice}. Keep the correlation ID ${response.correlationId} for support.`,
			extra,
		);
	}

	if (status === 429) {
		return classified('UNEXPECTED_STATUS', 'CyberSource is limiting the request rate (HTTP 429); wait a minute and try again.', extra);
	}

	return classified('UNEXPECTED_STATUS', `CyberSource answered HTTP ${status} for ${evidence.endpointLabel}, which the key test does not expect.`, extra);
}

/** Classifies one attempt. Pure. */
export function classifyAttempt(evidence: AttemptEvidence): AttemptClassification {
	if (evidence.networkError !== undefined) {
		const {networkError} = evidence;
		return classified(networkCodesAreAttemptCodes[networkError.code], networkError.message, {nodeCode: networkError.nodeCode});
	}

	return classifyResponse(evidence, evidence.response);
}

/** The attempt for a request that could not be signed (nothing was sent). */
export function signingFailed(message: string): AttemptClassification {
	return classified('SIGNING_FAILED', message);
}
