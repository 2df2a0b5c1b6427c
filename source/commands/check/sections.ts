/**
 * The issue-6 parts of `check`'s human output, each a few indented lines: the automatic transaction
 * lookup (what Business Center shows, or the manual steps), the production charge and its reversal
 * (a failed reversal as a banner with the void steps), the "may have gone through" warning, the
 * ranked diagnosis and every 401 probe with its outcome. Pure functions of the report.
 */
import {isLoopbackHost} from '../../cybersource/environments.js';
import type {
	DiagnosisItem,
	KeyTestAttempt,
	KeyTestReport,
	LookupApplication,
	LookupResult,
	LookupTransaction,
	ProbeResult,
} from '../../cybersource/key-test-types.js';
import {describeDuration} from '../../cybersource/lookup.js';
import {authLabel} from '../../cybersource/types.js';

/** Codes the sections below show in their own block, so the generic diagnosis list leaves them out. */
export const codesShownInOwnBlock = new Set(['REVERSAL_FAILED', 'PAYMENT_MAY_HAVE_GONE_THROUGH']);

/** True when the requests went to this machine (the simulator): no Business Center holds them. */
export function isLoopbackRun(report: KeyTestReport): boolean {
	return isLoopbackHost(new URL(report.environment.baseUrl).hostname);
}

function numbered(steps: readonly string[], indent: string): string[] {
	return steps.map((step, index) => `${indent}${index + 1}. ${step}`);
}

function bulleted(steps: readonly string[] | undefined, indent: string): string[] {
	return (steps ?? []).map(step => `${indent}- ${step}`);
}

/** `ics_auth AUTHORIZED (SOK) Request was processed successfully.` */
export function applicationLine(application: LookupApplication): string {
	return [
		application.name ?? '(unnamed application)',
		application.status,
		application.rFlag === undefined ? undefined : `(${application.rFlag})`,
		application.rMessage,
	]
		.filter(part => part !== undefined && part !== '')
		.join(' ');
}

function transactionLines(transaction: LookupTransaction, indent: string): string[] {
	const lines = [`${indent}Request ID ${transaction.requestId}${transaction.status === undefined ? '' : `, status ${transaction.status}`}`];
	for (const application of transaction.applications) lines.push(`${indent}${applicationLine(application)}`);
	const facts = [
		transaction.amount === undefined ? undefined : `Amount ${transaction.amount}${transaction.currency === undefined ? '' : ` ${transaction.currency}`}`,
		transaction.submitTimeUtc === undefined ? undefined : `submitted ${transaction.submitTimeUtc}`,
	].filter(part => part !== undefined);
	if (facts.length > 0) lines.push(`${indent}${facts.join(', ')}`);
	return lines;
}

function lookupHeadline(lookup: LookupResult): string {
	const asked = `${lookup.attempts} ${lookup.attempts === 1 ? 'request' : 'requests'} in ${describeDuration(lookup.elapsedMs)}`;
	switch (lookup.code) {
		case 'LOOKUP_FOUND': {
			return `found [${lookup.code}] (${asked}); what Business Center shows:`;
		}

		case 'LOOKUP_NOT_YET': {
			return `not searchable yet [${lookup.code}] (${asked}).`;
		}

		case 'LOOKUP_SKIPPED': {
			return `not looked up [${lookup.code}] (--no-lookup).`;
		}

		case 'LOOKUP_CANCELLED': {
			return `stopped [${lookup.code}] (${asked}).`;
		}

		default: {
			return `the transaction search refused [${lookup.code}] (${asked}).`;
		}
	}
}

/** One attempt's lookup: what was found, or why not plus the manual Business Center steps and link. */
export function lookupLines(attempt: KeyTestAttempt, lookup: LookupResult, loopback: boolean): string[] {
	const lines = [`  ${authLabel(attempt.auth)}, request ID ${lookup.requestId}: ${lookupHeadline(lookup)}`];
	if (lookup.status === 'found' && lookup.transaction !== undefined) {
		lines.push(...transactionLines(lookup.transaction, '    '));
	} else {
		lines.push(
			lookup.status === 'skipped' || lookup.status === 'not-yet'
				? '    CyberSource takes a little while to make a transaction searchable (usually minutes; if it is not there after about 15 minutes, check the environment, the merchant selector and the date filter).'
				: `    ${lookup.message}`,
		);
	}

	if (lookup.status !== 'found') {
		lines.push(
			loopback
				? '    Against CyberSource you would find it in Business Center like this (this run went to the simulator on this machine, so no Business Center holds it):'
				: '    Find it in Business Center by hand:',
			...numbered(lookup.manualSteps, '      '),
		);
	}

	lines.push(loopback ? '    (Simulator run: no Business Center link.)' : `    Direct link: ${lookup.detailsUrl}`);
	return lines;
}

/** The lookup section: one block per attempt that was looked up. */
export function lookupSection(report: KeyTestReport): string[] {
	const looked = report.attempts.filter(attempt => attempt.lookup !== undefined);
	if (looked.length === 0) return [];
	const loopback = isLoopbackRun(report);
	return ['Transaction search (Step 12: is the payment in Business Center?):', ...looked.flatMap(attempt => (attempt.lookup === undefined ? [] : lookupLines(attempt, attempt.lookup, loopback)))];
}

const banner = '!'.repeat(72);

/** The production charge and its reversal; a failed reversal as a banner with the void steps. */
export function chargeSection(report: KeyTestReport): string[] {
	const {reversal, charge} = report;
	if (reversal === undefined) {
		return charge === undefined ? [] : [`Production charge: ${charge.amount} ${charge.currency} was attempted; no reversal was needed.`];
	}

	if (reversal.status === 'failed') {
		return [
			banner,
			`ACTION NEEDED  THE AUTOMATIC REVERSAL FAILED [${reversal.code}]`,
			`  ${reversal.message}`,
			...(reversal.paymentRequestId === undefined ? [] : [`  Request ID of the authorization to void: ${reversal.paymentRequestId}`]),
			...(reversal.correlationId === undefined ? [] : [`  Reversal correlation ID: ${reversal.correlationId}`]),
			'  Void it in Business Center:',
			...numbered(reversal.voidSteps ?? [], '    '),
			banner,
		];
	}

	const what = charge === undefined ? 'Reversal' : `Production charge (${charge.amount} ${charge.currency})`;
	return [`${what}: ${reversal.message} [${reversal.code}]`];
}

/** The warning after a payment request that got no complete answer. */
export function mayHaveGoneThroughSection(report: KeyTestReport): string[] {
	const warning = report.paymentMayHaveGoneThrough;
	if (warning === undefined) return [];
	return [
		`WARNING  The ${authLabel(warning.auth)} payment may still have gone through [${warning.code}]`,
		`  ${warning.message}`,
		'  Before running check again:',
		...numbered(warning.steps, '    '),
	];
}

function itemLines(item: DiagnosisItem, head: string, repeatsAttempt: boolean): string[] {
	const stepIndent = ' '.repeat(head.length + 1);
	return [`${head} ${item.code}${repeatsAttempt ? ' (see above); what to do:' : `: ${item.message}`}`, ...bulleted(item.steps, stepIndent)];
}

/**
 * The diagnosis in four groups: failures (with what to do), the ranked likely causes of a 401, the
 * checks only Business Center can answer, and notes (e.g. HTTP_SIGNATURE_RETIRING). An item that
 * only repeats an attempt's code and message shows its steps alone; without steps it is left out.
 */
export function diagnosisSection(report: KeyTestReport, extra: readonly DiagnosisItem[]): string[] {
	const repeats = (item: DiagnosisItem) => report.attempts.some(attempt => attempt.code === item.code && attempt.message === item.message);
	const items = [...extra, ...report.diagnosis].filter(item => !codesShownInOwnBlock.has(item.code));
	const failures = items.filter(item => (item.kind === undefined || item.kind === 'failure') && !(repeats(item) && (item.steps ?? []).length === 0));
	const causes = items.filter(item => item.kind === 'cause').sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
	const checklist = items.filter(item => item.kind === 'checklist');
	const notes = items.filter(item => item.kind === 'info');
	const lines: string[] = [];
	if (failures.length > 0) {
		lines.push('Diagnosis:');
		for (const item of failures) lines.push(...itemLines(item, '  -', repeats(item)));
	}

	if (causes.length > 0) {
		lines.push('Likely causes, most likely first:');
		for (const item of causes) lines.push(...itemLines(item, `  ${item.rank ?? '-'}.`, false));
	}

	if (checklist.length > 0) {
		lines.push('Check in Business Center (CyberSource does not say which of these it is):');
		for (const item of checklist) lines.push(...itemLines(item, '  [ ]', false));
	}

	if (notes.length > 0) {
		lines.push('Notes:');
		for (const item of notes) lines.push(...itemLines(item, '  -', false));
	}

	return lines;
}

function probeLines(probe: ProbeResult): string[] {
	const answer = [probe.request, probe.httpStatus === undefined ? undefined : `HTTP ${probe.httpStatus}`].filter(part => part !== undefined);
	return [
		`  ${probe.outcome.padEnd(12)} ${probe.label} [${probe.code}]`,
		`               ${probe.message}${answer.length > 0 ? ` (${answer.join(' → ')})` : ''}`,
	];
}

/** Every 401 probe with its outcome (none of them moves money). */
export function probesSection(report: KeyTestReport): string[] {
	const probes = report.probes ?? [];
	if (probes.length === 0) return [];
	return ['Probes (no-charge requests that narrow the cause down; nothing was paid):', ...probes.flatMap(probe => probeLines(probe))];
}
