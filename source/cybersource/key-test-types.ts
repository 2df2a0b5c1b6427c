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
	/**
	 * Set (true) when a payment request timed out or was cut off after it was sent: it may have gone
	 * through, so it is never retried; look it up in Business Center first.
	 */
	readonly mayHaveBeenProcessed?: boolean;
	/** Local clock minus the response `Date` header, in seconds (positive: this machine is ahead). Only with `diagnose`. */
	readonly clockSkewSeconds?: number;
	/** Step 12: the automatic transaction search for this attempt's request ID (only with `lookupTimeoutMs`). */
	readonly lookup?: LookupResult;
	/** The automatic reversal of this attempt's authorization (production charge, or `reverse` in test). */
	readonly reversal?: ReversalResult;
};

/** What a diagnosis item is: the failure itself, a likely cause (ranked), a Business Center check, or information. */
export type DiagnosisKind = 'failure' | 'cause' | 'checklist' | 'info';

export type DiagnosisItem = {
	readonly code: string;
	/** One or two sentences in CyberSource's terms. */
	readonly message: string;
	/** Added by `diagnose`; absent on the plain failure items. */
	readonly kind?: DiagnosisKind;
	readonly severity?: 'error' | 'warning' | 'info';
	/** Causes only: 1 = most likely. */
	readonly rank?: number;
	/** What to do, one short instruction each (Business Center click paths, commands). */
	readonly steps?: readonly string[];
};

/** The differential probes of a 401 (DIAGNOSTICS §2.2), in the order they are listed. */
export const probeNames = ['credential-checks', 'clock', 'environment-swap', 'control', 'get-vs-post', 'meta-key'] as const;
export type ProbeName = (typeof probeNames)[number];

/**
 * passed: this probe found nothing wrong (it rules its cause out); failed: it points at its cause;
 * skipped: it could not apply (the message says why); inconclusive: it ran but proved nothing.
 */
export type ProbeOutcome = 'passed' | 'failed' | 'skipped' | 'inconclusive';

/** One probe of the 401 diagnosis. Probes never move money: every request is the no-charge GET. */
export type ProbeResult = {
	readonly name: ProbeName;
	/** Human name, e.g. "Environment swap". */
	readonly label: string;
	/** Stable UPPER_SNAKE code, e.g. ENVIRONMENT_SWAP_AUTHENTICATES. */
	readonly code: string;
	readonly outcome: ProbeOutcome;
	readonly message: string;
	/** The probe request, when one was sent: `GET https://…/tss/v2/transactions/000…` */
	readonly request?: string;
	readonly httpStatus?: number;
	readonly correlationId?: string;
};

export type LookupStatus = 'found' | 'not-yet' | 'skipped' | 'failed';

/** One `applicationInformation.applications[]` entry, as Business Center shows it (e.g. ics_auth, SOK). */
export type LookupApplication = {
	readonly name?: string;
	readonly status?: string;
	readonly rFlag?: string;
	readonly rMessage?: string;
	readonly rCode?: string;
	readonly reasonCode?: string;
};

export type LookupTransaction = {
	readonly requestId: string;
	readonly applications: readonly LookupApplication[];
	readonly amount?: string;
	readonly currency?: string;
	readonly submitTimeUtc?: string;
	readonly status?: string;
};

/** Step 12 automated: `GET /tss/v2/transactions/{id}` with backoff. A 404 means "not searchable yet". */
export type LookupResult = {
	readonly status: LookupStatus;
	/** LOOKUP_FOUND, LOOKUP_NOT_YET, LOOKUP_SKIPPED, LOOKUP_CANCELLED, LOOKUP_FAILED. */
	readonly code: string;
	readonly message: string;
	/** The payment's request ID that was searched for. */
	readonly requestId: string;
	readonly transaction?: LookupTransaction;
	/** Requests sent. */
	readonly attempts: number;
	/** Time spent waiting and asking, in ms. */
	readonly elapsedMs: number;
	/** The manual Business Center steps: always present, whatever the status. */
	readonly manualSteps: readonly string[];
	/** Business Center page of this transaction (integration-known link, DIAGNOSTICS §4.2). */
	readonly detailsUrl: string;
};

export type ReversalStatus = 'reversed' | 'failed' | 'not-attempted';

/** The automatic reversal (`POST /pts/v2/payments/{id}/reversals`) of a production test charge. */
export type ReversalResult = {
	readonly status: ReversalStatus;
	/** REVERSAL_OK, REVERSAL_FAILED, REVERSAL_NOT_NEEDED, REVERSAL_NOT_POSSIBLE. */
	readonly code: string;
	readonly message: string;
	/** The payment that was (to be) reversed. */
	readonly paymentRequestId?: string;
	/** The reversal's own request ID. */
	readonly requestId?: string;
	readonly httpStatus?: number;
	readonly correlationId?: string;
	readonly amount?: string;
	readonly currency?: string;
	/** When it failed: how to void the authorization in Business Center, one step each. */
	readonly voidSteps?: readonly string[];
};

/** A real card for the production charge (never echoed: only its last 4 digits appear anywhere). */
export type PaymentCard = {
	readonly number: string;
	readonly expirationMonth: string;
	readonly expirationYear: string;
	readonly securityCode?: string;
};

export type KeyTestRequest = {
	readonly environment: Environment;
	readonly credentials: Credentials;
	readonly auth: AuthChoice;
	/** payment: a test authorization; probe: the no-charge GET of a transaction that cannot exist. */
	readonly mode: 'payment' | 'probe';
	/**
	 * Must be true for a payment in a production environment (the wizard sets it after the organization
	 * ID was typed to confirm; check after --charge). Without it the engine sends nothing.
	 */
	readonly productionChargeConfirmed?: boolean;
	/** Card for the production charge; default the sample test card (a real processor declines it). */
	readonly card?: PaymentCard;
	/** Currency of the payment (default USD). */
	readonly currency?: string;
	/** Reverse an authorized test payment too (production charges are always reversed). */
	readonly reverse?: boolean;
	/**
	 * Step 12: look the payment up in the transaction search for up to this many ms (front ends'
	 * default: defaultLookupTimeoutMs, 60 s). 0 = skipped (the result says so); undefined = not asked.
	 */
	readonly lookupTimeoutMs?: number;
	/** Run the 401 probes and rank causes; add dedicated diagnosis items for every failure. */
	readonly diagnose?: boolean;
	/** The other side of the test/production line for the environment-swap probe (none given = the environment-swap probe is skipped). */
	readonly counterpartEnvironment?: Environment;
	/** A portfolio ID to try when none is in the credentials (meta-key probe). */
	readonly portfolioIdHint?: string;
};

export type KeyTestReport = {
	/** True when every attempt's outcome is `works` (and no automatic reversal failed). */
	readonly ok: boolean;
	readonly environment: Environment;
	readonly mode: 'payment' | 'probe';
	readonly attempts: readonly KeyTestAttempt[];
	readonly diagnosis: readonly DiagnosisItem[];
	readonly durationMs: number;
	/** The 401 probes, each with its outcome (only with `diagnose` and a 401). */
	readonly probes?: readonly ProbeResult[];
	/** The first attempt's lookup (the same object as attempts[i].lookup). */
	readonly lookup?: LookupResult;
	/** The production charge's reversal (the same object as attempts[i].reversal). */
	readonly reversal?: ReversalResult;
	/** Production charge: what was authorized (and reversed). */
	readonly charge?: {readonly amount: string; readonly currency: string};
	/** A payment request got no complete answer: it was not retried, and may have gone through. */
	readonly paymentMayHaveGoneThrough?: {
		readonly auth: AuthMethod;
		readonly code: string;
		readonly message: string;
		readonly steps: readonly string[];
	};
};
