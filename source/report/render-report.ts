/** The support report as Markdown (for people) and JSON (the same content, for tools). */
import {authLabel} from '../cybersource/types.js';
import {redactText} from '../debug-log/redact.js';
import {codeBlock, inlineCode, keyValueTable} from './markdown.js';
import type {DiagnosisItem, LookupApplication} from '../cybersource/key-test-types.js';
import type {ReportAttempt, ReportLookup, SupportReport} from './support-report.js';

function ms(value: number): string {
	return `${Math.round(value)} ms`;
}

function code(value: string | undefined): string | undefined {
	return value === undefined ? undefined : inlineCode(value);
}

function attemptSection(attempt: ReportAttempt, index: number): string {
	const table = keyValueTable([
		['Auth method', attempt.authLabel],
		['Endpoint', inlineCode(attempt.endpoint)],
		['URL', attempt.url],
		['Outcome', `${attempt.outcomeText} (${inlineCode(attempt.code)})`],
		['What happened', attempt.message],
		['HTTP status', attempt.httpStatus === undefined ? 'no HTTP response' : String(attempt.httpStatus)],
		["CyberSource's message", attempt.cybersourceMessage],
		['v-c-correlation-id', code(attempt.correlationId)],
		['Request ID', code(attempt.requestId)],
		['Payment status', attempt.paymentStatus],
		['Response Date header', attempt.responseDate],
		['Transaction in Business Center', attempt.transactionUrl],
		['Duration', ms(attempt.durationMs)],
	]);
	return [
		`### ${index + 1}. ${attempt.authLabel}: ${attempt.endpoint}`,
		'',
		table,
		'',
		`Signed header list: ${inlineCode(attempt.signedHeaderList)}`,
		'',
		'Signing string (the signature computed from it is not included):',
		'',
		codeBlock(attempt.signingString),
	].join('\n');
}

function stepList(steps: readonly string[] | undefined, indent = '   '): string[] {
	return (steps ?? []).map((step) => `${indent}- ${step}`);
}

function applicationText(application: LookupApplication): string {
	return [application.name, application.status, application.rFlag === undefined ? undefined : `(${application.rFlag})`, application.rMessage]
		.filter((part) => part !== undefined && part !== '')
		.join(' ');
}

/** Step 12: one row set per payment that was looked up, with what Business Center shows or how to find it. */
function lookupSection(data: SupportReport): string[] {
	const lookups = data.lookups ?? [];
	if (lookups.length === 0) return [];
	const block = (lookup: ReportLookup): string[] => {
		const transaction = lookup.transaction;
		const table = keyValueTable([
			['Request ID', inlineCode(lookup.requestId)],
			['Result', `${lookup.message} (${inlineCode(lookup.code)})`],
			['Searches sent', `${lookup.attempts} in ${ms(lookup.elapsedMs)}`],
			['Status in the search', transaction?.status],
			['Applications', transaction === undefined ? undefined : transaction.applications.map((application) => applicationText(application)).join('; ')],
			['Amount', transaction?.amount === undefined ? undefined : `${transaction.amount}${transaction.currency === undefined ? '' : ` ${transaction.currency}`}`],
			['Submitted (UTC)', transaction?.submitTimeUtc],
			['Business Center link', data.simulatorRun ? undefined : lookup.detailsUrl],
		]);
		const manual =
			lookup.status === 'found' || data.simulatorRun
				? []
				: ['', 'CyberSource takes a little while to make a transaction searchable. To find it by hand:', '', ...lookup.manualSteps.map((step, index) => `${index + 1}. ${step}`)];
		return [`### ${lookup.authLabel}`, '', table, ...manual, ''];
	};

	return ['## Transaction lookup (Business Center)', '', ...lookups.flatMap((lookup) => block(lookup))];
}

/** The production charge and its automatic reversal; a failed reversal as a warning with the void steps. */
function chargeSection(data: SupportReport): string[] {
	const {reversal, charge} = data;
	if (reversal === undefined && charge === undefined) return [];
	const lines = ['## Production charge and reversal', ''];
	if (charge !== undefined) lines.push(`A real authorization of ${charge.amount} ${charge.currency} was sent (confirmed by the user) and reversed automatically.`, '');
	if (reversal !== undefined) {
		lines.push(
			keyValueTable([
				['Reversal', `${reversal.status} (${inlineCode(reversal.code)})`],
				['What happened', reversal.message],
				['Authorization request ID', code(reversal.paymentRequestId)],
				['Reversal request ID', code(reversal.requestId)],
				['HTTP status', reversal.httpStatus === undefined ? undefined : String(reversal.httpStatus)],
				['v-c-correlation-id', code(reversal.correlationId)],
				['Amount', reversal.amount === undefined ? undefined : `${reversal.amount} ${reversal.currency ?? ''}`.trim()],
			]),
		);
		if (reversal.voidSteps !== undefined) lines.push('', 'Void the authorization in Business Center:', '', ...reversal.voidSteps.map((step, index) => `${index + 1}. ${step}`));
	}

	return [...lines, ''];
}

/** Banners right under the verdict: a failed reversal (funds held) and a payment that may have gone through. */
function warningBanners(data: SupportReport): string[] {
	const lines: string[] = [];
	if (data.reversal?.status === 'failed') {
		lines.push(`> **Action needed: the automatic reversal failed.** ${data.reversal.message} See "Production charge and reversal" below.`, '');
	}

	const unknown = data.paymentMayHaveGoneThrough;
	if (unknown !== undefined) {
		lines.push(`> **The payment may have gone through** (${inlineCode(unknown.code)}). ${unknown.message}`, '>', ...unknown.steps.map((step, index) => `> ${index + 1}. ${step}`), '');
	}

	return lines;
}

function itemLine(item: DiagnosisItem, head: string): string[] {
	return [`${head} ${inlineCode(item.code)} ${item.message}`, ...stepList(item.steps)];
}

/** Failures first (as "- `CODE` message"), then the ranked causes, the Business Center checklist and notes. */
function diagnosisSection(data: SupportReport): string[] {
	if (data.diagnosis.length === 0) return ['No problems were diagnosed.'];
	const failures = data.diagnosis.filter((item) => item.kind === undefined || item.kind === 'failure');
	const causes = data.diagnosis.filter((item) => item.kind === 'cause').sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
	const checklist = data.diagnosis.filter((item) => item.kind === 'checklist');
	const notes = data.diagnosis.filter((item) => item.kind === 'info');
	const lines: string[] = [];
	for (const item of failures) lines.push(...itemLine(item, '-'));
	if (causes.length > 0) {
		if (lines.length > 0) lines.push('');
		lines.push('### Likely causes, most likely first', '');
		for (const item of causes) lines.push(...itemLine(item, `${item.rank ?? '-'}.`));
	}

	if (checklist.length > 0) {
		if (lines.length > 0) lines.push('');
		lines.push('### To check in Business Center (CyberSource does not reveal which)', '');
		for (const item of checklist) lines.push(...itemLine(item, '- [ ]'));
	}

	if (notes.length > 0) {
		if (lines.length > 0) lines.push('');
		lines.push('### Notes', '');
		for (const item of notes) lines.push(...itemLine(item, '-'));
	}

	return lines;
}

function simulatorRunSection(data: SupportReport): string {
	return [
		'## Simulator run: not for a Business Center support case',
		'',
		`These requests went to ${data.environment.baseUrl} on this machine (the cybs-key-wizard simulator or another local server), not to CyberSource, so CyberSource support cannot look them up. Do not attach this report to a Business Center case; run the test against ${data.environment.apiHost} for a report that support can use.`,
	].join('\n');
}

function supportCaseSection(data: SupportReport): string {
	if (data.simulatorRun) return simulatorRunSection(data);
	const guide = data.supportCase;
	const ids = [
		...guide.correlationIds.map((id) => `v-c-correlation-id ${inlineCode(id)}`),
		...guide.requestIds.map((id) => `request ID ${inlineCode(id)}`),
	];
	return [
		'## What to attach to a Business Center support case',
		'',
		`1. Log in to Business Center (${guide.businessCenterUrl}). Test and production have separate users.`,
		`2. Go to ${guide.route.join(' → ')}, and choose **${guide.environmentChoice}**.`,
		'3. Attach this report (the Markdown file and its JSON twin).',
		ids.length === 0
			? '4. No correlation ID or request ID was received; give the UTC time above so support can find the requests.'
			: `4. In the description, give ${ids.join(', ')} and the UTC time above.`,
		'',
		'Never attach or paste the shared secret: support never needs it. This report does not contain it.',
	].join('\n');
}

/** The report as Markdown. */
export function renderReportMarkdown(data: SupportReport): string {
	const keyType =
		data.keyType === 'meta key' && data.portfolioId !== undefined
			? `meta key (portfolio ${inlineCode(data.portfolioId)})`
			: data.keyType;
	const summary = keyValueTable([
		['Generated (UTC)', data.generatedAt],
		['Tool', `${data.tool.name} ${data.tool.version}`],
		['Node.js', data.nodeVersion],
		['Operating system', `${data.os.platform} ${data.os.release} (${data.os.arch})`],
		['Environment', `${data.environment.label} (${data.environment.kind})`],
		['API host', inlineCode(data.environment.apiHost)],
		['Requests sent to', data.environment.baseUrl],
		['Organization ID', inlineCode(data.organizationId)],
		['Key ID (first 8 characters)', `${inlineCode(data.keyIdPrefix)}…`],
		['Key type', keyType],
		['Auth method(s)', data.authMethods.map((method) => authLabel(method)).join(', ')],
		['Test', data.mode === 'payment' ? 'test payment (POST /pts/v2/payments)' : 'no-charge probe (GET of a transaction that cannot exist)'],
		['Proxy', data.proxyInUse ? 'yes, requests went through a proxy' : 'no proxy'],
		['Duration', ms(data.durationMs)],
	]);
	const endpoints = data.attempts.map((attempt) => `- ${attempt.authLabel}: ${inlineCode(attempt.endpoint)} ${attempt.url}`);
	const diagnosis = diagnosisSection(data);
	const probes =
		data.probes.length === 0
			? ['No differential probes were run.']
			: [keyValueTable(data.probes.map((probe) => [probe.name, probe.outcome] as const)).replace('| | |', '| Probe | Outcome |')];
	const markdown = [
		'# CyberSource key test: support report',
		'',
		`**${data.verdict}**`,
		'',
		...warningBanners(data),
		summary,
		'',
		'## Endpoints called',
		'',
		...(endpoints.length === 0 ? ['No request was sent.'] : endpoints),
		'',
		'## Requests',
		'',
		data.attempts.map((attempt, index) => attemptSection(attempt, index)).join('\n\n'),
		'',
		...chargeSection(data),
		...lookupSection(data),
		'## Diagnosis',
		'',
		...diagnosis,
		'',
		'## Probes',
		'',
		...probes,
		'',
		supportCaseSection(data),
		'',
	].join('\n');
	// Last line of defence for data not built by buildSupportReport: no signature value, no JWT signature.
	return redactText(markdown);
}

/** The same content as JSON (2-space indented, trailing newline). */
export function renderReportJson(data: SupportReport): string {
	const scrubbed = JSON.stringify(data, (_key, value: unknown) => (typeof value === 'string' ? redactText(value) : value), 2);
	return `${scrubbed}\n`;
}
