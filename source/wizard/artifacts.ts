/**
 * What the result screen writes: the support report (`r`), the SDK configuration export (`e`) and the
 * profile saved after a successful test (`s`). Thin glue over source/report, source/export and
 * source/profiles; the screens only show what these return.
 */
import path from 'node:path';
import type {Environment} from '../cybersource/environments.js';
import type {KeyTestReport} from '../cybersource/key-test-types.js';
import type {AuthChoice} from '../cybersource/types.js';
import {findSecretLeaks} from '../debug-log/redact.js';
import {renderSdkExports, type ExportFile} from '../export/render-exports.js';
import {workingAuthMethod} from '../export/sdk-config.js';
import {writeExports, type WriteExportsResult} from '../export/write-exports.js';
import {isValidProfileName, type Profile, type ProfileEnvironment} from '../profiles/profile.js';
import type {ReportPaths} from '../report/report-paths.js';
import {buildSupportReport, type SupportReport} from '../report/support-report.js';
import type {SystemInfo} from '../report/system-info.js';
import {writeSupportReport} from '../report/write-report.js';
import {probesOf, proxyInUse} from '../commands/check-report.js';
import type {ProxyEnvironment} from '../cybersource/dispatcher.js';
import type {Mode} from './state.js';

export type TestedKey = {readonly orgId: string; readonly keyId: string; readonly portfolioId?: string};

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
		diagnosisProbes: probesOf(input.report),
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

/** The SDK configuration files for the method that worked (undefined when none did). */
export function exportFilesFor(input: {
	readonly report: KeyTestReport;
	readonly environment: Environment;
	readonly key: TestedKey;
	readonly toolVersion: string;
}): {readonly auth: 'jwt' | 'http-signature'; readonly files: ExportFile[]} | undefined {
	const auth = workingAuthMethod(input.report);
	if (auth === undefined) return undefined;
	const files = renderSdkExports({environment: input.environment, credentials: input.key, auth, toolVersion: input.toolVersion});
	return {auth, files};
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

/** A profile name from the organization ID: invalid characters become "-", at most 64 characters. */
export function defaultProfileName(orgId: string): string {
	const cleaned = orgId.replaceAll(/[^\w.-]/g, '-').replace(/^[^A-Za-z\d]+/, '').slice(0, 64);
	return isValidProfileName(cleaned) ? cleaned : 'my-key';
}

export function profileEnvironmentOf(mode: Mode): ProfileEnvironment {
	return mode === 'practice' ? 'simulator' : mode;
}

/** What a successful test proved, as a profile; the secret only when the user said yes. */
export function profileFromTest(input: {
	readonly mode: Mode;
	readonly report: KeyTestReport;
	readonly key: TestedKey;
	readonly secret?: string;
	readonly now: () => number;
}): Profile {
	const proved = input.report.attempts.filter((attempt) => attempt.outcome === 'works' || attempt.outcome === 'authenticated');
	const methods = new Set(proved.map((attempt) => attempt.auth));
	const auth: AuthChoice = methods.size === 2 ? 'both' : methods.has('jwt') ? 'jwt' : 'http-signature';
	const requestId = proved.find((attempt) => attempt.requestId !== undefined)?.requestId;
	return {
		orgId: input.key.orgId,
		keyId: input.key.keyId,
		environment: profileEnvironmentOf(input.mode),
		auth,
		...(input.key.portfolioId === undefined ? {} : {metaKey: {portfolioId: input.key.portfolioId}}),
		lastVerifiedAt: new Date(input.now()).toISOString(),
		...(requestId === undefined ? {} : {requestId}),
		...(input.secret === undefined ? {} : {secret: input.secret}),
	};
}
