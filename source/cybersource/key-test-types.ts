/**
 * The contract between the verification engine (key-test.ts) and its front ends
 * (the wizard, `check`, the support report). Pure data: no functions, no secrets.
 */
import type {AuthChoice, AuthMethod, Credentials} from './types.js';
import type {Environment} from './environments.js';

/** What one attempt proved. */
export type AttemptOutcome =
	/** The key authenticated and the payment was authorized (or the no-charge probe answered 404). */
	| 'works'
	/** The key authenticated but the payment was declined / needs review / 400: keys fine, payment not. */
	| 'authenticated'
	/** 401: the key pair did not authenticate. */
	| 'rejected'
	/** No verdict: network, TLS, timeout, 5xx, an answer not from CyberSource. */
	| 'no-verdict';

/** One signed request for one auth method, as the user sees it. */
export type KeyTestAttempt = {
	readonly auth: AuthMethod;
	/** `POST /pts/v2/payments` or `GET /tss/v2/transactions/…` */
	readonly endpoint: string;
	readonly url: string;
	readonly outcome: AttemptOutcome;
	/** Stable machine code, e.g. OK, AUTHENTICATION_FAILED, PAYMENT_DECLINED, NETWORK_TIMEOUT. */
	readonly code: string;
	/** One sentence in CyberSource's terms. */
	readonly message: string;
	readonly httpStatus?: number;
	readonly correlationId?: string;
	/** The payment's `id`: the request ID shown in Business Center. */
	readonly requestId?: string;
	/** The payment's `status`, e.g. AUTHORIZED, DECLINED. */
	readonly paymentStatus?: string;
	/** CyberSource's own words: rmsg, reason/message, errorInformation. */
	readonly cybersourceMessage?: string;
	/** Response `Date` header, if any (clock-skew check). */
	readonly responseDate?: string;
	/** The signed header list and the signing string / JWT claims with signatures removed (support report). */
	readonly signed: {readonly headerList: string; readonly signingString: string};
	readonly durationMs: number;
	/** Network failures: Node's or undici's own code, e.g. ENOTFOUND, CERT_HAS_EXPIRED. */
	readonly nodeCode?: string;
	/** When the answer was not CyberSource's JSON: the body as received, cut to 4 KB. */
	readonly rawText?: string;
};

export type DiagnosisItem = {readonly code: string; readonly message: string};

export type KeyTestRequest = {
	readonly environment: Environment;
	readonly credentials: Credentials;
	readonly auth: AuthChoice;
	/** payment: a test authorization; probe: the no-charge GET of a transaction that cannot exist. */
	readonly mode: 'payment' | 'probe';
};

export type KeyTestReport = {
	/** True when every attempt's outcome is `works`. */
	readonly ok: boolean;
	readonly environment: Environment;
	readonly mode: 'payment' | 'probe';
	readonly attempts: readonly KeyTestAttempt[];
	readonly diagnosis: readonly DiagnosisItem[];
	readonly durationMs: number;
};
