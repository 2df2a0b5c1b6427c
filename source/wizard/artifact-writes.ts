/**
 * The writes behind the result screen's `r` (support report) and `e` (SDK export). Loaded when one of
 * those keys is pressed, so the welcome screen never waits for them (they pull in node:crypto).
 */
import path from 'node:path';
import type {KeyTestReport} from '../cybersource/key-test-types.js';
import {findSecretLeaks} from '../debug-log/redact.js';
import type {ExportFile} from '../export/render-exports.js';
import {writeExports, type WriteExportsResult} from '../export/write-exports.js';
import type {ReportPaths} from '../report/report-paths.js';
import {buildSupportReport, reportProbesOf, type SupportReport} from '../report/support-report.js';
import type {SystemInfo} from '../report/system-info.js';
import {writeSupportReport} from '../report/write-report.js';
import {proxyInUse, type ProxyEnvironment} from '../cybersource/dispatcher.js';
import type {TestedKey} from './artifacts.js';

/** "cybs-key-report-20250301-141502Z" (UTC), the stem of the report's .md and .json. */
export function reportStem(time: number): string {
	const iso = new Date(time).toISOString();
	return `cybs-key-report-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}Z`;
}

export type WizardReportResult =
	| {readonly ok: true; readonly paths: ReportPaths; readonly data: SupportReport}
	| {readonly ok: false; readonly code: string; readonly message: string};

/** Writes the support report into `dir` under a timestamped name; never replaces a file (adds -2, -3, …). */
export async function writeWizardReport(input: {
	readonly dir: string;
	readonly report: KeyTestReport;
	readonly key: TestedKey;
	readonly secret: string | undefined;
	readonly now: () => number;
	readonly system: SystemInfo;
	readonly proxyEnv: ProxyEnvironment;
}): Promise<WizardReportResult> {
	const data = buildSupportReport({
		report: input.report,
		credentials: input.key,
		now: input.now,
		toolVersion: input.system.toolVersion,
		nodeVersion: input.system.nodeVersion,
		os: input.system.os,
		proxyInUse: proxyInUse(input.proxyEnv, input.report.environment.baseUrl),
		diagnosisProbes: reportProbesOf(input.report),
		...(input.secret === undefined ? {} : {secret: input.secret}),
	});
	const stem = path.join(input.dir, reportStem(input.now()));
	for (let n = 1; n <= 50; n++) {
		const file = `${n === 1 ? stem : `${stem}-${n}`}.md`;
		const written = await writeSupportReport(file, data, input.secret === undefined ? {} : {secret: input.secret});
		if (written.ok) return {ok: true, paths: written.paths, data};
		if (written.code !== 'REPORT_EXISTS') return {ok: false, code: written.code, message: written.message};
	}

	return {ok: false, code: 'REPORT_EXISTS', message: `Every report name for this second is taken in ${input.dir}; press r again in a moment.`};
}

export type WizardExportResult =
	| ({readonly ok: true; readonly dir: string} & WriteExportsResult)
	| {readonly ok: false; readonly code: string; readonly message: string};

/** Writes the files (0600) into `dir`; `overwrite` is asked once per existing file (no = keep it). */
export async function writeWizardExports(
	dir: string,
	files: readonly ExportFile[],
	secret: string | undefined,
	overwrite: (file: string) => Promise<boolean>,
): Promise<WizardExportResult> {
	const leaking = files.filter((file) => findSecretLeaks(file.contents, secret).length > 0);
	if (leaking.length > 0) {
		return {
			ok: false,
			code: 'EXPORT_CONTAINS_SECRET',
			message: `Nothing was exported: ${leaking.map((file) => file.name).join(', ')} would contain the shared secret. Please report this as a bug.`,
		};
	}

	const result = await writeExports(dir, files, {overwrite});
	return {ok: true, dir, ...result};
}
