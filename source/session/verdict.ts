/**
 * The verdict of one key test: what kind of outcome it was, the exit code, and the headline. The only
 * place exit codes for a key test are decided; the wizard and `check` both show what this returns.
 * Pure: a function of the report (or of why there is none).
 */
import type {KeyTestAttempt, KeyTestReport} from '../cybersource/key-test-types.js';
import {authLabel} from '../cybersource/types.js';
import {exitCodes} from '../exit-codes.js';

export type VerdictKind =
	/** Every method proved the key pair (payment authorized, or the production no-charge probe answered 404). */
	| 'works'
	/** The key pair works, but the production charge could not be reversed: money is held until someone voids it. */
	| 'reversal-failed'
	/** One method works, another was rejected. */
	| 'works-partly'
	/** The key was rejected (401 and the like). */
	| 'rejected'
	/** The keys authenticate, but the payment was refused (declined, invalid data). */
	| 'declined'
	/** A payment got no complete answer: it may have gone through, and nothing says whether the key works. */
	| 'may-have-gone-through'
	/** Network, TLS, timeout, 5xx: nothing says whether the key pair works. */
	| 'no-verdict'
	/** Stopped (Ctrl+C, Esc) before a verdict. */
	| 'interrupted';

/** How a front end marks the verdict: ✔ green, ✖ red, ⚠/? yellow. */
export type VerdictTone = 'success' | 'failure' | 'warning' | 'unknown';

export type Verdict = {
	readonly kind: VerdictKind;
	readonly exitCode: number;
	readonly tone: VerdictTone;
	/** PASS, FAIL, NO VERDICT or INTERRUPTED: the word scripts and transcripts grep for. */
	readonly label: 'PASS' | 'FAIL' | 'NO VERDICT' | 'INTERRUPTED';
	/** ✔ ✖ ⚠ ? */
	readonly mark: string;
	/** One sentence, e.g. "The key pair works with HTTP Signature and JWT: the test payment was authorized." */
	readonly headline: string;
};

export type VerdictInput = {
	/** The key test's report; undefined when the test could not run at all. */
	readonly report?: KeyTestReport;
	/** The run was interrupted (Ctrl+C) while the test ran. */
	readonly aborted?: boolean;
	/** Why there is no report (the wizard's unexpected failure). */
	readonly failureMessage?: string;
	/** Where the test ran, e.g. "test (apitest.cybersource.com)"; the wizard's header says it already, so it omits it. */
	readonly place?: string;
};

const shapes: Record<VerdictKind, Pick<Verdict, 'exitCode' | 'tone' | 'label' | 'mark'>> = {
	works: {exitCode: exitCodes.ok, tone: 'success', label: 'PASS', mark: '✔'},
	'reversal-failed': {exitCode: exitCodes.failed, tone: 'failure', label: 'FAIL', mark: '✖'},
	'works-partly': {exitCode: exitCodes.failed, tone: 'warning', label: 'FAIL', mark: '⚠'},
	rejected: {exitCode: exitCodes.failed, tone: 'failure', label: 'FAIL', mark: '✖'},
	declined: {exitCode: exitCodes.failed, tone: 'warning', label: 'FAIL', mark: '⚠'},
	'may-have-gone-through': {exitCode: exitCodes.noVerdict, tone: 'warning', label: 'NO VERDICT', mark: '⚠'},
	'no-verdict': {exitCode: exitCodes.noVerdict, tone: 'unknown', label: 'NO VERDICT', mark: '?'},
	interrupted: {exitCode: exitCodes.interrupted, tone: 'unknown', label: 'INTERRUPTED', mark: '?'},
};

/**
 * The kind of outcome. In this order: interrupted, a failed reversal (the key works, but money is held:
 * that must fail a script), every method proved, a rejection (with or without a method that works), a
 * refused payment, a payment that may have gone through, and otherwise no verdict.
 */
export function verdictKind(report: KeyTestReport | undefined, aborted = false): VerdictKind {
	if (aborted || report?.attempts.some((attempt) => attempt.code === 'CANCELLED')) return 'interrupted';
	if (report === undefined) return 'no-verdict';
	if (report.reversal?.status === 'failed') return 'reversal-failed';
	if (report.ok && report.attempts.length > 0) return 'works';
	const outcomes = new Set(report.attempts.map((attempt) => attempt.outcome));
	if (outcomes.has('rejected')) return outcomes.has('works') ? 'works-partly' : 'rejected';
	if (outcomes.has('authenticated')) return 'declined';
	return report.paymentMayHaveGoneThrough === undefined ? 'no-verdict' : 'may-have-gone-through';
}

function methods(attempts: readonly KeyTestAttempt[]): string {
	return attempts.map((attempt) => authLabel(attempt.auth)).join(' and ');
}

function headline(kind: VerdictKind, input: VerdictInput): string {
	const {report} = input;
	const attempts = report?.attempts ?? [];
	const where = input.place === undefined ? '' : ` in ${input.place}`;
	switch (kind) {
		case 'works': {
			const by = `with ${methods(attempts)}`;
			if (report?.mode === 'probe') {
				return `The key pair authenticates ${by}${where} (no-charge check: no payment was sent).`;
			}

			const charge = report?.charge;
			if (charge !== undefined) {
				return `The key pair works ${by}${where}: the ${charge.amount} ${charge.currency} authorization was approved and reversed automatically.`;
			}

			return `The key pair works ${by}${where}: the test payment was authorized.`;
		}

		case 'reversal-failed': {
			return `The key pair works${where}, but the automatic reversal of the test charge FAILED: void it in Business Center now (below).`;
		}

		case 'works-partly': {
			const working = attempts.filter((attempt) => attempt.outcome === 'works');
			const rejected = attempts.filter((attempt) => attempt.outcome === 'rejected');
			return `The key pair works with ${methods(working)} but was rejected with ${methods(rejected)}${where}.`;
		}

		case 'rejected': {
			const status = attempts.find((attempt) => attempt.outcome === 'rejected')?.httpStatus;
			return `CyberSource rejected the key pair${where}${status === undefined ? '' : ` (HTTP ${status})`}.`;
		}

		case 'declined': {
			const status = attempts.find((attempt) => attempt.outcome === 'authenticated')?.paymentStatus;
			return `The keys authenticate${where}, but the test payment was refused${status === undefined ? '' : ` (${status})`}.`;
		}

		case 'may-have-gone-through': {
			return `No verdict${where}: the payment got no answer, and it may have gone through.`;
		}

		case 'no-verdict': {
			if (report === undefined) return `No verdict${where}: ${input.failureMessage ?? 'the test did not run.'}`;
			return `No verdict${where}: CyberSource could not be reached or did not answer clearly.`;
		}

		case 'interrupted': {
			return `The test${where} was stopped before a verdict.`;
		}
	}
}

/**
 * The exit code of a key test: 0 works, 1 does not (rejected, refused, or a failed reversal of a production
 * charge: money is held until someone voids it), 3 no verdict, 130 interrupted. The wizard and `check` both
 * exit with this.
 */
export function exitCodeOf(input: Pick<VerdictInput, 'report' | 'aborted'>): number {
	return shapes[verdictKind(input.report, input.aborted)].exitCode;
}

export function verdictOf(input: VerdictInput): Verdict {
	const kind = verdictKind(input.report, input.aborted);
	return {kind, ...shapes[kind], headline: headline(kind, input)};
}
