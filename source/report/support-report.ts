/**
 * The support report: everything a CyberSource support person needs about one key test
 * (DIAGNOSTICS §4.1), and nothing that could authenticate: no secret, no whole signature or token,
 * the key ID cut to its first 8 characters.
 */
import type {AttemptOutcome, DiagnosisItem, KeyTestReport} from '../cybersource/key-test-types.js';
import {authLabel, type AuthMethod} from '../cybersource/types.js';
import {transactionDetailsUrl} from '../cybersource/environments.js';
import {redactText} from '../debug-log/redact.js';

export const supportReportSchema = 'cybs-key-wizard/support-report@1';

/** How many characters of the key ID a report shows. */
export const keyIdPrefixLength = 8;

export type DiagnosisProbe = {readonly name: string; readonly outcome: string};

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
	readonly diagnosis: readonly DiagnosisItem[];
	readonly probes: readonly DiagnosisProbe[];
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

/** Builds the report. Pure: the clock, versions and OS come in as arguments. */
export function buildSupportReport(input: SupportReportInput): SupportReport {
	const {report, credentials} = input;
	const redact = input.secret === undefined ? {} : {secret: input.secret};
	const prefix = keyIdPrefix(credentials.keyId);
	// The key ID may appear in the JWT header (kid) or a message: only its prefix may show.
	const scrub = (text: string): string => {
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
		diagnosis: report.diagnosis.map((item) => ({code: scrub(item.code), message: scrub(item.message)})),
		probes: (input.diagnosisProbes ?? []).map((probe) => ({name: scrub(probe.name), outcome: scrub(probe.outcome)})),
		supportCase: {
			businessCenterUrl: env.businessCenter.url,
			environmentChoice: env.kind === 'test' ? 'Test' : 'Production',
			route: supportCaseRoute,
			correlationIds: unique(attempts.map((attempt) => attempt.correlationId)),
			requestIds: unique(attempts.map((attempt) => attempt.requestId)),
		},
	};
}
