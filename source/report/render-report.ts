/** The support report as Markdown (for people) and JSON (the same content, for tools). */
import {authLabel} from '../cybersource/types.js';
import {redactText} from '../debug-log/redact.js';
import {codeBlock, inlineCode, keyValueTable} from './markdown.js';
import type {ReportAttempt, SupportReport} from './support-report.js';

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

function supportCaseSection(data: SupportReport): string {
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
	const diagnosis =
		data.diagnosis.length === 0
			? ['No problems were diagnosed.']
			: data.diagnosis.map((item) => `- ${inlineCode(item.code)} ${item.message}`);
	const probes =
		data.probes.length === 0
			? ['No differential probes were run.']
			: [keyValueTable(data.probes.map((probe) => [probe.name, probe.outcome] as const)).replace('| | |', '| Probe | Outcome |')];
	const markdown = [
		'# CyberSource key test: support report',
		'',
		`**${data.verdict}**`,
		'',
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
