/**
 * Clock check (DIAGNOSTICS §2.3 "Date skew"): this machine's clock against the `Date` header of an
 * answer. CyberSource does not always send one (PROTOCOL §6.1), so "unknown" is a normal outcome.
 * Pure.
 */
import type {ProbeResult} from '../key-test-types.js';
import {probeLabels} from './codes.js';

/** Warn above this (DIAGNOSTICS: warn at > 60 s, fail at > 5 min). */
export const clockWarnSeconds = 60;
export const clockFailSeconds = 300;

/** Local time minus the server's Date header, in whole seconds; undefined without a parsable header. */
export function clockSkewSeconds(localMs: number, dateHeader: string | undefined): number | undefined {
	if (dateHeader === undefined) return undefined;
	const serverMs = Date.parse(dateHeader);
	if (!Number.isFinite(serverMs)) return undefined;
	return Math.round((localMs - serverMs) / 1000);
}

function describeSkew(seconds: number): string {
	const size = Math.abs(seconds);
	const amount = size >= 120 ? `${Math.round(size / 60)} minutes` : `${size} seconds`;
	return `${amount} ${seconds > 0 ? 'ahead of' : 'behind'}`;
}

/** The clock probe from every skew measured (attempts and probe answers); the largest counts. */
export function clockProbe(skews: readonly number[]): ProbeResult {
	const base = {name: 'clock', label: probeLabels.clock} as const;
	if (skews.length === 0) {
		return {
			...base,
			code: 'CLOCK_UNKNOWN',
			outcome: 'inconclusive',
			message: 'No answer carried a Date header, so the clock could not be compared; make sure this machine sets its time automatically (NTP).',
		};
	}

	const worst = skews.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
	if (Math.abs(worst) > clockWarnSeconds) {
		return {
			...base,
			code: 'CLOCK_SKEW',
			outcome: 'failed',
			message: `This machine's clock is ${describeSkew(worst)} the server's Date header; a signature dated more than a minute or two off is refused. Turn on automatic time (NTP) and try again.`,
		};
	}

	return {
		...base,
		code: 'CLOCK_OK',
		outcome: 'passed',
		message: `This machine's clock is within ${Math.max(1, Math.abs(worst))} s of the server's Date header: not a clock problem.`,
	};
}
