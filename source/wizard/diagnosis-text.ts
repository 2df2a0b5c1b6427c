/**
 * The words the wizard uses for issue 6's findings (lookup, reversal, probes, ranked causes, checklist,
 * information), shared by the result screen, its details view and the --plain transcript. Pure.
 */
import {authLabel} from '../cybersource/types.js';
import type {
	DiagnosisItem,
	KeyTestReport,
	LookupApplication,
	LookupResult,
	LookupTransaction,
	ProbeOutcome,
	ProbeResult,
	ReversalResult,
} from '../cybersource/key-test-types.js';
import {wrapText} from './wrap-text.js';

export const probeMarks: Record<ProbeOutcome, string> = {passed: '✔', failed: '✖', skipped: '–', inconclusive: '?'};
export const probeColors: Record<ProbeOutcome, string> = {passed: 'green', failed: 'red', skipped: 'gray', inconclusive: 'yellow'};

/** Practice talks to one simulator (the test side only), so the environment swap has nothing to try. */
export const practiceSwapSkipped = 'Practice has only a test side (the offline simulator), so the key was not tried in production.';

export function probeMessage(probe: ProbeResult, practice: boolean): string {
	return practice && probe.code === 'ENVIRONMENT_SWAP_SKIPPED' ? practiceSwapSkipped : probe.message;
}

/** "✔ Control: passed" */
export function probeHeadline(probe: ProbeResult): string {
	return `${probeMarks[probe.outcome]} ${probe.label}: ${probe.outcome}`;
}

/** One transcript line per probe: "✔ Clock: passed. This machine's clock …" */
export function probeLine(probe: ProbeResult, practice: boolean): string {
	return `${probeHeadline(probe)}. ${probeMessage(probe, practice)}`;
}

/** The ranked causes, most likely first. */
export function rankedCauses(report: KeyTestReport | undefined): DiagnosisItem[] {
	return (report?.diagnosis ?? [])
		.filter((item) => item.kind === 'cause')
		.sort((a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER));
}

export function itemsOfKind(report: KeyTestReport | undefined, kind: DiagnosisItem['kind']): DiagnosisItem[] {
	return (report?.diagnosis ?? []).filter((item) => item.kind === kind);
}

/** "ics_auth AUTHORIZED · SOK · Request was processed successfully." */
export function applicationText(application: LookupApplication): string {
	return [application.name, application.status, application.rFlag, application.rMessage]
		.filter((part): part is string => part !== undefined && part !== '')
		.join(' · ')
		.replace(/^(\S+) · /, '$1 ');
}

/** "102.21 USD" */
export function amountText(transaction: LookupTransaction): string | undefined {
	if (transaction.amount === undefined) return undefined;
	return transaction.currency === undefined ? transaction.amount : `${transaction.amount} ${transaction.currency}`;
}

/** "2026-01-05 09:00:00 UTC" from "2026-01-05T09:00:00Z"; anything else unchanged. */
export function timeText(submitTimeUtc: string): string {
	const match = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d:\d\d)(?:\.\d+)?Z$/.exec(submitTimeUtc);
	return match ? `${match[1]} ${match[2]} UTC` : submitTimeUtc;
}

/** The lookup in one heading line. */
export function lookupHeadline(lookup: LookupResult, practice: boolean): string {
	switch (lookup.code) {
		case 'LOOKUP_FOUND': {
			return `✔ Step 12, done for you: the transaction search shows it:`;
		}

		case 'LOOKUP_CANCELLED': {
			return '– Lookup stopped: find it by hand (steps below).';
		}

		case 'LOOKUP_SKIPPED': {
			return '– Lookup skipped: find it by hand (steps below).';
		}

		default: {
			return lookup.message;
		}
	}
}

/** What Business Center shows for the found transaction, one line each (`withId: false` leaves the request ID out). */
export function transactionLines(transaction: LookupTransaction, withId = true): string[] {
	const amount = amountText(transaction);
	const facts = [
		...(withId ? [`Request ID ${transaction.requestId}`] : []),
		...(amount === undefined ? [] : [amount]),
		...(transaction.submitTimeUtc === undefined ? [] : [timeText(transaction.submitTimeUtc)]),
	].join(' · ');
	return [facts, ...transaction.applications.filter((application) => application.name !== undefined).map((application) => applicationText(application))];
}

/** Transcript lines for the lookup result. */
export function lookupLines(lookup: LookupResult, practice: boolean): string[] {
	return [lookupHeadline(lookup, practice), ...(lookup.transaction === undefined ? [] : transactionLines(lookup.transaction))];
}

/** One line for the reversal (the failed case has its own prominent block too). */
export function reversalLine(reversal: ReversalResult): string {
	if (reversal.status === 'reversed') {
		return `✔ Reversed automatically: ${reversal.amount ?? ''} ${reversal.currency ?? ''} authorization ${reversal.paymentRequestId ?? ''}, reversal ${reversal.requestId ?? ''} (REVERSED). Nothing will be charged.`.replaceAll(/\s+/g, ' ');
	}

	return `${reversal.status === 'failed' ? '✖' : 'ℹ'} ${reversal.message}`;
}

export type DetailItem = {
	/** "1. ", "• ", "✔ " … */
	readonly bullet: string;
	readonly text: string;
	readonly color?: string;
	readonly steps?: readonly string[];
};

export type DetailSection = {readonly heading: string; readonly items: readonly DetailItem[]};

const severityColor = {error: 'red', warning: 'yellow', info: undefined} as const;

/** Everything the result screen has room for only in part, in reading order. */
export function detailSections(report: KeyTestReport, practice: boolean): DetailSection[] {
	const sections: DetailSection[] = [];
	const causes = rankedCauses(report);
	if (causes.length > 0) {
		sections.push({
			heading: 'Likely causes, most likely first',
			items: causes.map((item) => ({
				bullet: `${item.rank ?? '•'}. `,
				text: item.message,
				...(item.severity === undefined || severityColor[item.severity] === undefined ? {} : {color: severityColor[item.severity]}),
				...(item.steps === undefined ? {} : {steps: item.steps}),
			})),
		});
	}

	if (report.probes !== undefined && report.probes.length > 0) {
		sections.push({
			heading: 'Probes (no-charge requests; none moves money)',
			items: report.probes.map((probe) => ({
				bullet: `${probeMarks[probe.outcome]} `,
				text: `${probe.label}: ${probe.outcome}. ${probeMessage(probe, practice)}`,
				color: probeColors[probe.outcome],
			})),
		});
	}

	const checklist = itemsOfKind(report, 'checklist');
	if (checklist.length > 0) {
		sections.push({
			heading: 'Check in Business Center (the server cannot tell these apart)',
			items: checklist.map((item) => ({bullet: '☐ ', text: item.message, ...(item.steps === undefined ? {} : {steps: item.steps})})),
		});
	}

	const failures = (report.diagnosis ?? []).filter((item) => item.kind === 'failure' || item.kind === undefined);
	if (failures.length > 0) {
		sections.push({
			heading: 'What happened',
			items: failures.map((item) => ({
				bullet: item.severity === 'warning' ? '⚠ ' : '✖ ',
				text: `${item.message} [${item.code}]`,
				color: item.severity === 'warning' ? 'yellow' : 'red',
				...(item.steps === undefined ? {} : {steps: item.steps}),
			})),
		});
	}

	const lookup = report.lookup;
	if (lookup !== undefined) {
		sections.push({
			heading: 'Step 12: the transaction in Business Center',
			items: [
				{bullet: '', text: lookupHeadline(lookup, practice)},
				...(lookup.transaction === undefined ? [] : transactionLines(lookup.transaction).map((line) => ({bullet: '  ', text: line}))),
				...(lookup.code === 'LOOKUP_FOUND' ? [] : [{bullet: '  ', text: lookup.message}]),
				{bullet: '', text: practice ? 'By hand, in Test or Production:' : 'By hand:', steps: lookup.manualSteps},
			],
		});
	}

	if (report.reversal !== undefined) {
		sections.push({
			heading: 'Reversal of the production charge',
			items: [
				{
					bullet: '',
					text: reversalLine(report.reversal),
					...(report.reversal.status === 'failed' ? {color: 'red'} : {}),
					...(report.reversal.voidSteps === undefined ? {} : {steps: report.reversal.voidSteps}),
				},
			],
		});
	}

	const info = itemsOfKind(report, 'info');
	const correlations = report.attempts.flatMap((attempt) =>
		attempt.correlationId === undefined ? [] : [{bullet: '• ', text: `Correlation ID (${authLabel(attempt.auth)}) ${attempt.correlationId}`}],
	);
	if (info.length > 0 || correlations.length > 0) {
		sections.push({
			heading: 'Good to know',
			items: [
				...info.map((item) => ({bullet: 'ℹ ', text: item.message, ...(item.steps === undefined ? {} : {steps: item.steps})})),
				...correlations,
			],
		});
	}

	return sections;
}

export type DetailLine = {readonly text: string; readonly color?: string; readonly bold?: boolean};

/** The sections as screen lines no wider than `width` (headings bold, a blank line between sections). */
export function detailLines(sections: readonly DetailSection[], width: number): DetailLine[] {
	const lines: DetailLine[] = [];
	for (const section of sections) {
		if (lines.length > 0) lines.push({text: ''});
		for (const text of wrapText(section.heading, width)) lines.push({text, bold: true});
		for (const item of section.items) {
			const indent = ' '.repeat([...item.bullet].length);
			for (const text of wrapText(item.text, width, item.bullet, indent)) lines.push({text, ...(item.color === undefined ? {} : {color: item.color})});
			for (const step of item.steps ?? []) {
				for (const text of wrapText(step, width, `${indent}→ `, `${indent}  `)) lines.push({text});
			}
		}
	}

	return lines;
}
