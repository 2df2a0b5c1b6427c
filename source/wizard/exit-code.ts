import {exitCodes} from '../exit-codes.js';
import type {KeyTestReport} from '../cybersource/key-test-types.js';

/** The wizard's exit code once the result is shown: the same rules as `check`. */
export function resultExitCode(report: KeyTestReport | undefined): number {
	if (report === undefined) return exitCodes.noVerdict;
	if (report.attempts.some((attempt) => attempt.code === 'CANCELLED')) return exitCodes.interrupted;
	if (report.ok && report.attempts.length > 0) return exitCodes.ok;
	const outcomes = new Set(report.attempts.map((attempt) => attempt.outcome));
	if (outcomes.has('rejected') || outcomes.has('authenticated')) return exitCodes.failed;
	return exitCodes.noVerdict;
}
