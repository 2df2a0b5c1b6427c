/**
 * `check --report FILE`: refuses an existing report before anything is sent (unless --force), and after
 * the test writes the support report (Markdown for people, JSON for tools, mode 0600) and says what to
 * attach to a Business Center support case.
 */
import {stat} from 'node:fs/promises';
import {dirname} from 'node:path';
import {proxyInUse, type ProxyEnvironment} from '../../cybersource/dispatcher.js';
import type {DiagnosisItem, KeyTestReport} from '../../cybersource/key-test-types.js';
import type {ReportPaths} from '../../report/report-paths.js';
import {buildSupportReport, reportProbesOf, type SupportReport} from '../../report/support-report.js';
import type {SystemInfo} from '../../report/system-info.js';
import {writeSupportReport, type WriteReportErrorCode} from '../../report/write-report.js';

async function kindOf(path: string): Promise<'file' | 'folder' | 'missing'> {
	try {
		return (await stat(path)).isDirectory() ? 'folder' : 'file';
	} catch {
		return 'missing';
	}
}

/**
 * Problems that would stop the report from being written, found before any request: a report file that
 * exists (without --force), a report path that is a folder, a folder that does not exist.
 */
export async function reportPreflight(paths: ReportPaths, force: boolean): Promise<DiagnosisItem | undefined> {
	for (const path of [paths.markdown, paths.json]) {
		const kind = await kindOf(path);
		if (kind === 'folder') {
			return {code: 'REPORT_PATH_IS_A_FOLDER', message: `--report: ${path} is a folder. Give a file name, e.g. --report ${path}/key-test.`};
		}

		if (kind === 'file' && !force) {
			return {
				code: 'REPORT_EXISTS',
				message: `--report: ${path} already exists. Choose another file name, or add --force to replace it. Nothing was sent.`,
			};
		}
	}

	const folder = dirname(paths.markdown);
	if ((await kindOf(folder)) !== 'folder') {
		return {code: 'REPORT_FOLDER_NOT_FOUND', message: `--report: the folder ${folder} does not exist. Create it or choose another path. Nothing was sent.`};
	}

	return undefined;
}

/** The differential probes of a 401 diagnosis (absent when none were run). */
export {reportProbesOf as probesOf, probeOutcomeText} from '../../report/support-report.js';

export type CheckReportInput = {
	/** --report FILE, resolved against the working directory. */
	readonly file: string;
	readonly force: boolean;
	readonly report: KeyTestReport;
	/** Credential-check warnings shown before the test: part of the report's diagnosis. */
	readonly warnings: readonly DiagnosisItem[];
	readonly credentials: {readonly orgId: string; readonly keyId: string; readonly portfolioId?: string};
	/** Used only to scrub the secret and to verify the files do not contain it. */
	readonly secret: string;
	readonly env: ProxyEnvironment;
	readonly now: () => number;
	readonly system: SystemInfo;
};

export type CheckReportResult =
	| {readonly ok: true; readonly paths: ReportPaths; readonly data: SupportReport}
	| {readonly ok: false; readonly code: WriteReportErrorCode; readonly message: string; readonly paths: ReportPaths};

export async function writeCheckReport(input: CheckReportInput): Promise<CheckReportResult> {
	const {report} = input;
	const data = buildSupportReport({
		report: {...report, diagnosis: [...input.warnings, ...report.diagnosis]},
		credentials: input.credentials,
		now: input.now,
		toolVersion: input.system.toolVersion,
		nodeVersion: input.system.nodeVersion,
		os: input.system.os,
		proxyInUse: proxyInUse(input.env, report.environment.baseUrl),
		diagnosisProbes: reportProbesOf(report),
		secret: input.secret,
	});
	const written = await writeSupportReport(input.file, data, {overwrite: input.force, secret: input.secret});
	if (!written.ok) return {ok: false, code: written.code, message: written.message, paths: written.paths};
	return {ok: true, paths: written.paths, data};
}

/** The stderr lines after the report was written: where it is and what to attach to a support case. */
export function reportWrittenLines(result: {readonly paths: ReportPaths; readonly data: SupportReport}): string[] {
	const {paths, data} = result;
	const guide = data.supportCase;
	const lines = [`Support report written (mode 0600, no shared secret in it): ${paths.markdown} (to read) and ${paths.json} (the same, for tools).`];
	const {host} = new URL(data.environment.baseUrl);
	if (data.simulatorRun) {
		lines.push(
			`  The requests went to ${host} on this machine (e.g. the simulator), not directly to CyberSource, so CyberSource support cannot look them up. For a report to attach to a support case, run check against ${data.environment.apiHost}.`,
		);
		return lines;
	}

	lines.push(
		`For a support case: log in to Business Center (${guide.businessCenterUrl}), open ${guide.route.join(' > ')}, choose ${guide.environmentChoice}, attach both files, and quote:`,
	);
	const quoted = data.attempts
		.map(attempt => {
			const ids = [
				attempt.correlationId === undefined ? undefined : `v-c-correlation-id ${attempt.correlationId}`,
				attempt.requestId === undefined ? undefined : `request ID ${attempt.requestId}`,
			].filter(id => id !== undefined);
			return ids.length === 0 ? undefined : `  ${attempt.authLabel}: ${ids.join(', ')}`;
		})
		.filter(line => line !== undefined);
	lines.push(...(quoted.length === 0 ? [`  the time of the test (${data.generatedAt}): no correlation ID or request ID was received.`] : quoted));
	return lines;
}
