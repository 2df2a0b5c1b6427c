/**
 * Writes the support report of a key test (the wizard's `r`, check --report FILE): Markdown for people and
 * JSON for tools, mode 0600, scrubbed of the shared secret and refused when it would contain it. The wizard
 * writes into a folder under a timestamped name and never replaces a file; check writes the file named,
 * replacing it only with --force. Loaded only when a report is written (node:crypto).
 */
import path from 'node:path';
import {proxyInUse, type ProxyEnvironment} from '../../cybersource/dispatcher.js';
import type {DiagnosisItem, KeyTestReport} from '../../cybersource/key-test-types.js';
import type {ReportPaths} from '../../report/report-paths.js';
import {buildSupportReport, reportProbesOf, type SupportReport} from '../../report/support-report.js';
import type {SystemInfo} from '../../report/system-info.js';
import {writeSupportReport} from '../../report/write-report.js';
import type {TestedKey} from './profile.js';

/** Where the report goes: the file named (check), or a new timestamped name in a folder (the wizard). */
export type ReportTarget =
	| {readonly file: string; readonly overwrite: boolean}
	| {readonly dir: string};

export type ReportWriteResult =
	| {readonly ok: true; readonly paths: ReportPaths; readonly data: SupportReport}
	| {readonly ok: false; readonly code: string; readonly message: string};

export type ReportWriteInput = {
	readonly target: ReportTarget;
	readonly report: KeyTestReport;
	/** Findings from before the test (check's credential-check warnings): first in the report's diagnosis. */
	readonly extraDiagnosis?: readonly DiagnosisItem[];
	readonly key: TestedKey;
	/** Used only to scrub the secret and to verify the files do not contain it. */
	readonly secret: string | undefined;
	/** Proxy variables: the report says whether a proxy was used. */
	readonly proxyEnv: ProxyEnvironment;
	readonly now: () => number;
	readonly system: SystemInfo;
};

/** "cybs-key-report-20250301-141502Z" (UTC), the stem of the report's .md and .json. */
export function reportStem(time: number): string {
	const iso = new Date(time).toISOString();
	return `cybs-key-report-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}Z`;
}

/** Names tried in a folder before giving up (the same second, -2 … -50). */
const namesPerSecond = 50;

export async function writeKeyTestReport(input: ReportWriteInput): Promise<ReportWriteResult> {
	const {report, secret, target} = input;
	const extra = input.extraDiagnosis ?? [];
	const data = buildSupportReport({
		report: extra.length === 0 ? report : {...report, diagnosis: [...extra, ...report.diagnosis]},
		credentials: input.key,
		now: input.now,
		toolVersion: input.system.toolVersion,
		nodeVersion: input.system.nodeVersion,
		os: input.system.os,
		proxyInUse: proxyInUse(input.proxyEnv, report.environment.baseUrl),
		diagnosisProbes: reportProbesOf(report),
		...(secret === undefined ? {} : {secret}),
	});
	const scrub = secret === undefined ? {} : {secret};
	if ('file' in target) {
		const written = await writeSupportReport(target.file, data, {overwrite: target.overwrite, ...scrub});
		return written.ok ? {ok: true, paths: written.paths, data} : {ok: false, code: written.code, message: written.message};
	}

	const stem = path.join(target.dir, reportStem(input.now()));
	for (let n = 1; n <= namesPerSecond; n++) {
		const file = `${n === 1 ? stem : `${stem}-${n}`}.md`;
		const written = await writeSupportReport(file, data, scrub);
		if (written.ok) return {ok: true, paths: written.paths, data};
		if (written.code !== 'REPORT_EXISTS') return {ok: false, code: written.code, message: written.message};
	}

	return {ok: false, code: 'REPORT_EXISTS', message: `Every report name for this second is taken in ${target.dir}; press r again in a moment.`};
}
