/**
 * The support report: everything a CyberSource support person needs about one key test
 * (DIAGNOSTICS §4.1), and nothing that could authenticate: no secret, no whole signature or token,
 * the key ID cut to its first 8 characters.
 */
import type {
	AttemptOutcome,
	DiagnosisItem,
	KeyTestReport,
	LookupApplication,
	LookupResult,
	LookupTransaction,
	ProbeResult,
	ReversalResult,
} from '../cybersource/key-test-types.js';
import {authLabel, type AuthMethod} from '../cybersource/types.js';
import {isLoopbackHost, transactionDetailsUrl} from '../cybersource/environments.js';
import {redactText} from '../debug-log/redact.js';

export const supportReportSchema = 'cybs-key-wizard/support-report@1';

/** How many characters of the key ID a report shows. */
export const keyIdPrefixLength = 8;

export type DiagnosisProbe = {readonly name: string; readonly outcome: string};

/** One probe's outcome in a line a support person can read: verdict, code, what it found, the request it sent. */
export function probeOutcomeText(probe: ProbeResult): string {
	const answer = [
		probe.httpStatus === undefined ? undefined : `HTTP ${probe.httpStatus}`,
		probe.correlationId === undefined ? undefined : `v-c-correlation-id ${probe.correlationId}`,
	].filter((part) => part !== undefined);
	const request = probe.request === undefined ? '' : ` Request: ${probe.request}${answer.length > 0 ? ` → ${answer.join(', ')}` : ''}.`;
	return `${probe.outcome} (${probe.code}): ${probe.message}${request}`;
}

/** The differential probes of a 401 diagnosis as report rows (empty when none were run). */
export function reportProbesOf(report: KeyTestReport): DiagnosisProbe[] {
	return (report.probes ?? []).map((probe) => ({name: probe.label, outcome: probeOutcomeText(probe)}));
}

/** One automatic transaction search (Step 12), for the attempt it belongs to. */
export type ReportLookup = Omit<LookupResult, 'transaction'> & {
	readonly auth: AuthMethod;
	readonly authLabel: string;
	readonly transaction?: LookupTransaction;
};

export type OperatingSystem = {readonly platform: string; readonly release: string; readonly arch: string};

export type SupportReportInput = {
	readonly report: KeyTestReport;
	/** A full Credentials object may be passed: only these three fields are read. */
	readonly credentials: {readonly orgId: string; readonly keyId: string; readonly portfolioId?: string};
	readonly now: () => number;
	readonly toolVersion: string;
	readonly nodeVersion: string;
	readonly os: OperatingSystem;
	readonly proxyInUse: boolean;
	readonly diagnosisProbes?: readonly DiagnosisProbe[];
	/** Used only to scrub the secret (all its forms) from every string that goes in; never stored. */
	readonly secret?: string;
};

export type ReportAttempt = {
	readonly auth: AuthMethod;
	readonly authLabel: string;
	readonly endpoint: string;
	readonly url: string;
	readonly outcome: AttemptOutcome;
	readonly outcomeText: string;
	readonly code: string;
	readonly message: string;
	readonly httpStatus?: number;
	readonly cybersourceMessage?: string;
	readonly correlationId?: string;
	readonly requestId?: string;
	readonly paymentStatus?: string;
	readonly responseDate?: string;
	/** Business Center transaction page for the request ID (integration-known link, DIAGNOSTICS §4.2). */
	readonly transactionUrl?: string;
	readonly signedHeaderList: string;
	/** The signing string (HTTP Signature) or JWT header/claims: the signature itself is never included. */
	readonly signingString: string;
	readonly durationMs: number;
};

export type SupportCaseGuide = {
	readonly businessCenterUrl: string;
	/** Test or Production: the choice on the support request form. */
	readonly environmentChoice: 'Test' | 'Production';
	readonly route: readonly string[];
	readonly correlationIds: readonly string[];
	readonly requestIds: readonly string[];
};

export type SupportReport = {
	readonly schema: typeof supportReportSchema;
	/** ISO 8601, UTC. */
	readonly generatedAt: string;
	readonly tool: {readonly name: 'cybs-key-wizard'; readonly version: string};
	readonly nodeVersion: string;
	readonly os: OperatingSystem;
	readonly ok: boolean;
	readonly verdict: string;
	readonly mode: 'payment' | 'probe';
	readonly environment: {
		readonly name: string;
		readonly label: string;
		readonly kind: 'test' | 'production';
		readonly apiHost: string;
		readonly baseUrl: string;
		readonly businessCenterUrl: string;
	};
	readonly organizationId: string;
	/** First 8 characters of the key ID. */
	readonly keyIdPrefix: string;
	readonly keyType: 'shared secret' | 'meta key';
	readonly portfolioId?: string;
	readonly authMethods: readonly AuthMethod[];
	readonly proxyInUse: boolean;
	readonly durationMs: number;
	readonly attempts: readonly ReportAttempt[];
	/** Failures, ranked causes (rank 1 = most likely), Business Center checks and notes, with their steps. */
	readonly diagnosis: readonly DiagnosisItem[];
	readonly probes: readonly DiagnosisProbe[];
	/** The automatic transaction searches, one per payment answered 201 (absent when none ran). */
	readonly lookups?: readonly ReportLookup[];
	/** Production charge: what was authorized (and reversed). */
	readonly charge?: {readonly amount: string; readonly currency: string};
	/** The automatic reversal of the production charge; status "failed" means funds are held until voided. */
	readonly reversal?: ReversalResult;
	/** A payment request got no complete answer: it may have gone through. */
	readonly paymentMayHaveGoneThrough?: {readonly auth: AuthMethod; readonly code: string; readonly message: string; readonly steps: readonly string[]};
	/**
	 * True when the requests went to this machine (a loopback base URL, e.g. the simulator): CyberSource
	 * support cannot look them up, so the report is not for a Business Center case.
	 */
	readonly simulatorRun: boolean;
	readonly supportCase: SupportCaseGuide;
};

export const supportCaseRoute = ['Support', 'Support Center', 'General Support Request'] as const;

function outcomeText(outcome: AttemptOutcome): string {
	switch (outcome) {
		case 'works': {
			return 'works: the key authenticated';
		}

		case 'authenticated': {
			return 'authenticated: the key works, the payment itself was not approved';
		}

		case 'rejected': {
			return 'rejected: the key pair did not authenticate (401)';
		}

		case 'no-verdict': {
			return 'no verdict: no usable answer from CyberSource';
		}
	}
}

function verdict(report: KeyTestReport): string {
	const proved = report.attempts.filter((attempt) => attempt.outcome === 'works' || attempt.outcome === 'authenticated');
	if (report.ok) {
		return 'The key pair works.';
	}

	if (proved.length > 0) {
		return `The key pair authenticated with ${proved.map((attempt) => authLabel(attempt.auth)).join(' and ')}, but not every request succeeded.`;
	}

	if (report.attempts.some((attempt) => attempt.outcome === 'rejected')) {
		return 'CyberSource rejected the key pair (authentication failed).';
	}

	return 'No verdict: CyberSource gave no usable answer (network, TLS, timeout or server error).';
}

export function keyIdPrefix(keyId: string): string {
	return keyId.slice(0, keyIdPrefixLength);
}

function unique(values: ReadonlyArray<string | undefined>): string[] {
	return [...new Set(values.filter((value): value is string => value !== undefined && value !== ''))];
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
	const entry: Partial<Record<K, V>> = {};
	if (value !== undefined) {
		entry[key] = value;
	}

	return entry;
}

type Scrub = (text: string) => string;

function scrubApplication(application: LookupApplication, scrub: Scrub): LookupApplication {
	return Object.fromEntries(Object.entries(application).map(([key, value]) => [key, typeof value === 'string' ? scrub(value) : value]));
}

function scrubLookup(lookup: LookupResult, scrub: Scrub): Omit<LookupResult, 'transaction'> & {transaction?: LookupTransaction} {
	const {transaction} = lookup;
	return {
		status: lookup.status,
		code: scrub(lookup.code),
		message: scrub(lookup.message),
		requestId: scrub(lookup.requestId),
		...optional(
			'transaction',
			transaction === undefined
				? undefined
				: {
						requestId: scrub(transaction.requestId),
						applications: transaction.applications.map((application) => scrubApplication(application, scrub)),
						...optional('amount', transaction.amount === undefined ? undefined : scrub(transaction.amount)),
						...optional('currency', transaction.currency === undefined ? undefined : scrub(transaction.currency)),
						...optional('submitTimeUtc', transaction.submitTimeUtc === undefined ? undefined : scrub(transaction.submitTimeUtc)),
						...optional('status', transaction.status === undefined ? undefined : scrub(transaction.status)),
					},
		),
		attempts: lookup.attempts,
		elapsedMs: lookup.elapsedMs,
		manualSteps: lookup.manualSteps.map((step) => scrub(step)),
		detailsUrl: scrub(lookup.detailsUrl),
	};
}

function scrubReversal(reversal: ReversalResult, scrub: Scrub): ReversalResult {
	const text = (value: string | undefined) => (value === undefined ? undefined : scrub(value));
	return {
		status: reversal.status,
		code: scrub(reversal.code),
		message: scrub(reversal.message),
		...optional('paymentRequestId', text(reversal.paymentRequestId)),
		...optional('requestId', text(reversal.requestId)),
		...optional('httpStatus', reversal.httpStatus),
		...optional('correlationId', text(reversal.correlationId)),
		...optional('amount', text(reversal.amount)),
		...optional('currency', text(reversal.currency)),
		...optional('voidSteps', reversal.voidSteps?.map((step) => scrub(step))),
	};
}

/** Builds the report. Pure: the clock, versions and OS come in as arguments. */
export function buildSupportReport(input: SupportReportInput): SupportReport {
	const {report, credentials} = input;
	const redact = input.secret === undefined ? {} : {secret: input.secret};
	const prefix = keyIdPrefix(credentials.keyId);
	// The key ID may appear in the JWT header (kid) or a message: only its prefix may show.
	const scrub: Scrub = (text: string): string => {
		const cleaned = redactText(text, redact);
		return credentials.keyId.length > keyIdPrefixLength ? cleaned.replaceAll(credentials.keyId, `${prefix}…`) : cleaned;
	};

	const scrubOptional = (text: string | undefined): string | undefined => (text === undefined ? undefined : scrub(text));
	const env = report.environment;
	const attempts: ReportAttempt[] = report.attempts.map((attempt) => ({
		auth: attempt.auth,
		authLabel: authLabel(attempt.auth),
		endpoint: scrub(attempt.endpoint),
		url: scrub(attempt.url),
		outcome: attempt.outcome,
		outcomeText: outcomeText(attempt.outcome),
		code: scrub(attempt.code),
		message: scrub(attempt.message),
		...optional('httpStatus', attempt.httpStatus),
		...optional('cybersourceMessage', scrubOptional(attempt.cybersourceMessage)),
		...optional('correlationId', scrubOptional(attempt.correlationId)),
		...optional('requestId', scrubOptional(attempt.requestId)),
		...optional('paymentStatus', scrubOptional(attempt.paymentStatus)),
		...optional('responseDate', scrubOptional(attempt.responseDate)),
		...optional(
			'transactionUrl',
			attempt.requestId === undefined ? undefined : scrub(transactionDetailsUrl(env, attempt.requestId, credentials.orgId)),
		),
		signedHeaderList: scrub(attempt.signed.headerList),
		signingString: scrub(attempt.signed.signingString),
		durationMs: attempt.durationMs,
	}));

	const lookups: ReportLookup[] = report.attempts.flatMap((attempt) =>
		attempt.lookup === undefined ? [] : [{auth: attempt.auth, authLabel: authLabel(attempt.auth), ...scrubLookup(attempt.lookup, scrub)}],
	);

	return {
		schema: supportReportSchema,
		generatedAt: new Date(input.now()).toISOString(),
		tool: {name: 'cybs-key-wizard', version: scrub(input.toolVersion)},
		nodeVersion: scrub(input.nodeVersion),
		os: {platform: scrub(input.os.platform), release: scrub(input.os.release), arch: scrub(input.os.arch)},
		ok: report.ok,
		verdict: verdict(report),
		mode: report.mode,
		environment: {
			name: env.name,
			label: scrub(env.label),
			kind: env.kind,
			apiHost: scrub(env.apiHost),
			baseUrl: scrub(env.baseUrl),
			businessCenterUrl: env.businessCenter.url,
		},
		organizationId: scrub(credentials.orgId),
		keyIdPrefix: prefix,
		keyType: credentials.portfolioId === undefined ? 'shared secret' : 'meta key',
		...optional('portfolioId', scrubOptional(credentials.portfolioId)),
		authMethods: [...new Set(report.attempts.map((attempt) => attempt.auth))],
		proxyInUse: input.proxyInUse,
		durationMs: report.durationMs,
		attempts,
		diagnosis: report.diagnosis.map((item) => ({
			code: scrub(item.code),
			message: scrub(item.message),
			...optional('kind', item.kind),
			...optional('severity', item.severity),
			...optional('rank', item.rank),
			...optional('steps', item.steps?.map((step) => scrub(step))),
		})),
		probes: (input.diagnosisProbes ?? reportProbesOf(report)).map((probe) => ({name: scrub(probe.name), outcome: scrub(probe.outcome)})),
		...optional('lookups', lookups.length === 0 ? undefined : lookups),
		...optional('charge', report.charge === undefined ? undefined : {amount: scrub(report.charge.amount), currency: scrub(report.charge.currency)}),
		...optional('reversal', report.reversal === undefined ? undefined : scrubReversal(report.reversal, scrub)),
		...optional(
			'paymentMayHaveGoneThrough',
			report.paymentMayHaveGoneThrough === undefined
				? undefined
				: {
						auth: report.paymentMayHaveGoneThrough.auth,
						code: scrub(report.paymentMayHaveGoneThrough.code),
						message: scrub(report.paymentMayHaveGoneThrough.message),
						steps: report.paymentMayHaveGoneThrough.steps.map((step) => scrub(step)),
					},
		),
		simulatorRun: isLoopbackHost(new URL(env.baseUrl).hostname),
		supportCase: {
			businessCenterUrl: env.businessCenter.url,
			environmentChoice: env.kind === 'test' ? 'Test' : 'Production',
			route: supportCaseRoute,
			correlationIds: unique([...attempts.map((attempt) => attempt.correlationId), scrubOptional(report.reversal?.correlationId)]),
			requestIds: unique([...attempts.map((attempt) => attempt.requestId), scrubOptional(report.reversal?.requestId)]),
		},
	};
}
