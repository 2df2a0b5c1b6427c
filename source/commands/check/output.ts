/**
 * What `check` prints: the `--json` object and the human lines (the exit code is session/verdict.ts's).
 * Pure functions of the report and its context; never sees the secret.
 */
import {maskId} from '../../cybersource/credential-checks.js';
import {transactionDetailsUrl, type Environment} from '../../cybersource/environments.js';
import type {DiagnosisItem, KeyTestAttempt, KeyTestReport, LookupResult, ProbeOutcome, ReversalResult} from '../../cybersource/key-test-types.js';
import {authLabel, type AuthMethod} from '../../cybersource/types.js';
import {exitCodes} from '../../exit-codes.js';
import {chargeSection, diagnosisSection, lookupSection, mayHaveGoneThroughSection, probesSection} from './sections.js';

/** What the output needs to know besides the report. */
export type CheckContext = {
	/** The environment the user chose: test, production, india, simulator, … */
	readonly environmentName: string;
	readonly environment: Environment;
	readonly orgId: string;
	readonly keyId: string;
};

export type CheckJsonResult = {
	readonly auth: AuthMethod;
	/** Stable UPPER_SNAKE code, e.g. OK, AUTHENTICATION_FAILED, PAYMENT_DECLINED, TIMEOUT. */
	readonly code: string;
	readonly httpStatus: number | null;
	readonly requestId: string | null;
	readonly paymentStatus: string | null;
	readonly correlationId: string | null;
	readonly message: string;
	/** Present (true) only when a payment request got no complete answer: it may have gone through. */
	readonly mayHaveBeenProcessed?: true;
};

/** One 401 probe in `--json`. */
export type CheckJsonProbe = {
	readonly name: string;
	/** Stable code, e.g. CONTROL_AUTHENTICATES, ENVIRONMENT_SWAP_AUTHENTICATES. */
	readonly code: string;
	readonly outcome: ProbeOutcome;
	readonly message: string;
};

/** The one object `check --json` prints. */
export type CheckJson = {
	readonly ok: boolean;
	readonly environment: string | null;
	readonly host: string | null;
	readonly orgId: string | null;
	/** First 8 characters then "…". */
	readonly keyId: string | null;
	readonly results: readonly CheckJsonResult[];
	readonly diagnosis: readonly DiagnosisItem[];
	/** The automatic transaction search of the first payment (null: no payment was answered 201). */
	readonly lookup: LookupResult | null;
	/** The production charge's automatic reversal (null: no charge). */
	readonly reversal: ReversalResult | null;
	/** The no-charge probes of a 401 diagnosis (empty: there was no 401). */
	readonly probes: readonly CheckJsonProbe[];
	readonly durationMs: number;
};

export function hostOf(environment: Environment): string {
	return new URL(environment.baseUrl).host;
}

function jsonResult(attempt: KeyTestAttempt): CheckJsonResult {
	return {
		auth: attempt.auth,
		code: attempt.code,
		httpStatus: attempt.httpStatus ?? null,
		requestId: attempt.requestId ?? null,
		paymentStatus: attempt.paymentStatus ?? null,
		correlationId: attempt.correlationId ?? null,
		message: attempt.cybersourceMessage === undefined ? attempt.message : `${attempt.message} (CyberSource: ${attempt.cybersourceMessage})`,
		...(attempt.mayHaveBeenProcessed === true ? {mayHaveBeenProcessed: true} : {}),
	};
}

export function checkJson(report: KeyTestReport, context: CheckContext, extraDiagnosis: readonly DiagnosisItem[] = []): CheckJson {
	return {
		ok: report.ok,
		environment: context.environmentName,
		host: hostOf(context.environment),
		orgId: context.orgId,
		keyId: maskId(context.keyId),
		results: report.attempts.map(attempt => jsonResult(attempt)),
		diagnosis: [...extraDiagnosis, ...report.diagnosis],
		lookup: report.lookup ?? null,
		reversal: report.reversal ?? null,
		probes: (report.probes ?? []).map(probe => ({name: probe.name, code: probe.code, outcome: probe.outcome, message: probe.message})),
		durationMs: report.durationMs,
	};
}

/** The JSON object for a run that stopped before any request (exit 2) or was interrupted before a report. */
export function checkJsonWithoutReport(
	problems: readonly DiagnosisItem[],
	known: {readonly environmentName?: string; readonly host?: string; readonly orgId?: string; readonly keyId?: string},
	durationMs = 0,
): CheckJson {
	return {
		ok: false,
		environment: known.environmentName ?? null,
		host: known.host ?? null,
		orgId: known.orgId ?? null,
		keyId: known.keyId === undefined ? null : maskId(known.keyId),
		results: [],
		diagnosis: problems,
		lookup: null,
		reversal: null,
		probes: [],
		durationMs,
	};
}

function where(context: CheckContext): string {
	return `${context.environmentName} (${hostOf(context.environment)})`;
}

function attemptLine(attempt: KeyTestAttempt): string {
	const status = [
		attempt.httpStatus === undefined ? undefined : String(attempt.httpStatus),
		attempt.paymentStatus,
	].filter(part => part !== undefined);
	const facts = [
		attempt.requestId === undefined ? undefined : `request ID ${attempt.requestId}`,
		attempt.correlationId === undefined ? undefined : `correlation ID ${attempt.correlationId}`,
	].filter(part => part !== undefined);
	const head = `  ${authLabel(attempt.auth)}: ${attempt.code}${status.length > 0 ? ` (${status.join(' ')})` : ''}`;
	// A working attempt is one line; a failed one also says what happened in CyberSource's words.
	if (attempt.outcome === 'works') return facts.length > 0 ? `${head}, ${facts.join(', ')}` : head;
	const lines = [head, `    ${attempt.message}`];
	if (attempt.cybersourceMessage !== undefined) lines.push(`    CyberSource said: ${attempt.cybersourceMessage}`);
	if (facts.length > 0) lines.push(`    ${facts.join(', ')}`);
	return lines.join('\n');
}

function successNextStep(report: KeyTestReport, context: CheckContext): string[] {
	const {businessCenter} = context.environment;
	if (report.mode === 'probe') {
		return [
			'No payment was sent: this was the no-charge probe (a signed look-up of a transaction that cannot exist; 404 means the keys authenticate).',
			'Next: use these keys in your integration. Keep the shared secret out of source control.',
		];
	}

	const requestId = report.attempts.find(attempt => attempt.requestId !== undefined)?.requestId;
	if (requestId === undefined) return ['Next: use these keys in your integration.'];
	if (context.environmentName === 'simulator' || context.environment.id === 'custom') {
		return [
			`Next: this ran against ${hostOf(context.environment)}, not CyberSource itself; test against ${context.environment.apiHost} before going live.`,
		];
	}

	// The lookup section above already holds the Business Center steps and the direct link.
	if (report.lookup !== undefined) return ['Next: use these keys in your integration. Keep the shared secret out of source control.'];
	return [
		`Next: in Business Center (${businessCenter.url}) open ${businessCenter.transactionsPath.join(' > ')} and search for request ID ${requestId}`,
		`  (it can take a few minutes to appear): ${transactionDetailsUrl(context.environment, requestId, context.orgId)}`,
	];
}

/** The fixed Business Center checklist, for a 401 report that carries no diagnosis of its own. */
function rejectedChecklist(context: CheckContext): string[] {
	const {businessCenter, apiHost, kind} = context.environment;
	const other = kind === 'test' ? 'production' : 'test';
	return [
		`What to check in Business Center (${businessCenter.url}), ${businessCenter.keyManagementPath.join(' > ')}:`,
		`  - key ${maskId(context.keyId)} is listed, active, of type REST – Shared Secret, and not expired (REST keys last 3 years);`,
		`  - it was created in ${kind === 'test' ? 'the test' : 'the production'} Business Center: ${other} keys do not work on ${apiHost};`,
		`  - ${context.orgId} is the merchant (organization) ID you log in with, not the _acct account ID; a key owned by a portfolio is a meta key (--meta-key --portfolio-id ID);`,
		'  - the shared secret is the one shown when this key was created (it is shown only once; if unsure, generate a new key).',
	];
}

function declinedNextStep(report: KeyTestReport): string[] {
	const declined = report.attempts.find(attempt => attempt.outcome === 'authenticated');
	return [
		`The keys authenticate, but the test payment was refused${declined?.paymentStatus === undefined ? '' : ` (${declined.paymentStatus})`}.`,
		'Next: the key pair itself is fine; check the merchant account\'s payment setup (processor, card types) with CyberSource support if this persists.',
	];
}

function noVerdictNextStep(report: KeyTestReport, context: CheckContext): string[] {
	const lines = [
		`Next: fix what is named above and run check again. Nothing here says whether the key pair works.`,
	];
	const cutOff = report.attempts.some(attempt => attempt.code === 'TIMEOUT' || attempt.code === 'CONNECTION_RESET');
	// The "may have gone through" block above says it already when the engine flagged the payment.
	if (report.mode === 'payment' && cutOff && report.paymentMayHaveGoneThrough === undefined) {
		lines.push(
			`A payment that timed out may still have gone through: look in Business Center (${context.environment.businessCenter.url}) > ${context.environment.businessCenter.transactionsPath.join(' > ')} before running it again.`,
		);
	}

	return lines;
}

function names(attempts: readonly KeyTestAttempt[]): string {
	return attempts.map(attempt => authLabel(attempt.auth)).join(' and ');
}

function passLine(report: KeyTestReport, context: CheckContext): string {
	if (report.mode === 'probe') return `PASS  The key pair authenticates in ${where(context)}.`;
	const {charge} = report;
	if (context.environment.kind === 'production' && charge !== undefined) {
		return `PASS  The key pair works in ${where(context)}: the ${charge.amount} ${charge.currency} authorization was approved and reversed automatically.`;
	}

	return `PASS  The key pair works in ${where(context)}: the test payment was authorized.`;
}

function failLine(report: KeyTestReport, context: CheckContext): string {
	if (report.reversal?.status === 'failed') {
		return `FAIL  The key pair works in ${where(context)}, but the automatic reversal of the test charge FAILED: void it in Business Center now (below).`;
	}

	const rejected = report.attempts.filter(attempt => attempt.outcome === 'rejected');
	const working = report.attempts.filter(attempt => attempt.outcome === 'works');
	if (rejected.length > 0 && working.length > 0) {
		return `FAIL  The key pair works with ${names(working)} but not with ${names(rejected)} in ${where(context)}.`;
	}

	return rejected.length > 0
		? `FAIL  The key pair does not work in ${where(context)}.`
		: `FAIL  The key pair authenticates in ${where(context)}, but the test payment was refused.`;
}

function verdictLine(report: KeyTestReport, context: CheckContext, exitCode: number): string {
	switch (exitCode) {
		case exitCodes.ok: {
			return passLine(report, context);
		}

		case exitCodes.failed: {
			return failLine(report, context);
		}

		case exitCodes.interrupted: {
			return `INTERRUPTED  The test in ${where(context)} was stopped before a verdict.`;
		}

		default: {
			return `NO VERDICT  Could not tell whether the key pair works in ${where(context)}.`;
		}
	}
}

/**
 * The human verdict on stdout: the verdict and one line per attempt, then (each only when it applies)
 * the failed-reversal banner or the charge's reversal, the "may have gone through" warning, the
 * transaction lookup, the diagnosis (failures, ranked causes, Business Center checklist, notes),
 * every probe, and the next step.
 */
export function checkText(report: KeyTestReport, context: CheckContext, exitCode: number, extraDiagnosis: readonly DiagnosisItem[] = []): string {
	const lines: string[] = [verdictLine(report, context, exitCode)];
	for (const attempt of report.attempts) lines.push(attemptLine(attempt));
	lines.push(
		...chargeSection(report),
		...mayHaveGoneThroughSection(report),
		...lookupSection(report),
		...diagnosisSection(report, extraDiagnosis),
		...probesSection(report),
	);

	const diagnosed = report.probes !== undefined || report.diagnosis.some(item => item.kind === 'checklist' || item.kind === 'cause');
	if (exitCode === exitCodes.ok) lines.push(...successNextStep(report, context));
	else if (exitCode === exitCodes.failed) {
		if (report.reversal?.status === 'failed') {
			lines.push('Next: void the authorization (steps above); the key pair itself works.');
		} else if (report.attempts.some(attempt => attempt.outcome === 'rejected')) {
			if (!diagnosed) lines.push(...rejectedChecklist(context));
		} else lines.push(...declinedNextStep(report));
	} else if (exitCode === exitCodes.noVerdict) lines.push(...noVerdictNextStep(report, context));

	return `${lines.join('\n')}\n`;
}
