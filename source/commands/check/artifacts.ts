/**
 * After the test: the files --report and --export asked for, and the --debug log closed, each through the
 * session layer (the same writes as the wizard's). Returns what the --json object says about them and the
 * stderr lines saying where they went.
 */
import type {Environment} from '../../cybersource/environments.js';
import type {DiagnosisItem, KeyTestReport} from '../../cybersource/key-test-types.js';
import type {Credentials} from '../../cybersource/types.js';
import {currentSystemInfo} from '../../report/system-info.js';
import {openDebugLog, type DebugLogSession} from '../../session/artifacts/debug-log.js';
import type {TestedKey} from '../../session/artifacts/profile.js';
import {sdkExportFor} from '../../session/artifacts/sdk-export.js';
import type {SdkExportResult} from '../../session/artifacts/write-sdk-export.js';
import {version} from '../../version.js';
import {debugLogLine, exportLines, reportWrittenLines} from './artifact-lines.js';
import type {ArtifactPaths} from './artifact-paths.js';
import {usageStop, type Stop} from './stop.js';

/** The artifacts' members of the --json object (present only for the flags given). */
export type JsonArtifacts = {
	report?: {readonly markdown: string; readonly json: string} | {readonly code: string; readonly message: string};
	export?: SdkExportResult;
	debugLog?: {readonly path: string; readonly exchanges: number} | {readonly path: string; readonly code: string; readonly message: string};
};

export type ArtifactsInput = {
	readonly paths: ArtifactPaths;
	readonly force: boolean;
	readonly report: KeyTestReport;
	/** Whether the test passed (exit 0): --export writes only then. */
	readonly passed: boolean;
	/** Credential-check warnings shown before the test: part of the report's diagnosis. */
	readonly warnings: readonly DiagnosisItem[];
	readonly environment: Environment;
	readonly credentials: Credentials;
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly now: () => number;
	readonly debugLog?: DebugLogSession;
};

/** --debug FILE, opened for the secret before anything is sent: a file that cannot be written stops the run (exit 2). */
export async function openCheckDebugLog(paths: ArtifactPaths, secret: string): Promise<{readonly log?: DebugLogSession} | Stop> {
	if (paths.debugFile === undefined) return {};
	const opened = await openDebugLog(paths.debugFile, {secret});
	return opened.ok ? {log: opened.log} : usageStop([{code: opened.code, message: `${opened.message} Nothing was sent.`}]);
}

async function exportAfterTest(dir: string, input: ArtifactsInput, key: TestedKey): Promise<SdkExportResult> {
	const exported = input.passed
		? sdkExportFor({report: input.report, environment: input.environment, key, toolVersion: version})
		: undefined;
	if (exported === undefined) {
		return {ok: false, dir, code: 'EXPORT_NOT_WRITTEN', message: `No configuration was exported to ${dir}: the test did not pass.`};
	}

	const {writeSdkExport} = await import('../../session/artifacts/write-sdk-export.js');
	return writeSdkExport({dir, exported, secret: input.credentials.secret});
}

export async function writeArtifacts(input: ArtifactsInput): Promise<{readonly members: JsonArtifacts; readonly lines: readonly string[]}> {
	const {paths, credentials} = input;
	const key = {orgId: credentials.orgId, keyId: credentials.keyId, ...(credentials.portfolioId === undefined ? {} : {portfolioId: credentials.portfolioId})};
	const members: JsonArtifacts = {};
	const lines: string[] = [];
	if (paths.reportFile !== undefined) {
		const {writeKeyTestReport} = await import('../../session/artifacts/write-report.js');
		const written = await writeKeyTestReport({
			target: {file: paths.reportFile, overwrite: input.force},
			report: input.report,
			extraDiagnosis: input.warnings,
			key,
			secret: credentials.secret,
			proxyEnv: input.env,
			now: input.now,
			system: currentSystemInfo(),
		});
		if (written.ok) {
			members.report = {markdown: written.paths.markdown, json: written.paths.json};
			lines.push(...reportWrittenLines(written));
		} else {
			members.report = {code: written.code, message: written.message};
			lines.push(`The support report was not written: ${written.message} [${written.code}]`);
		}
	}

	if (paths.exportDir !== undefined) {
		const exported = await exportAfterTest(paths.exportDir, input, key);
		members.export = exported;
		lines.push(...exportLines(exported));
	}

	if (input.debugLog !== undefined) {
		const closed = await input.debugLog.finish();
		members.debugLog = closed.ok ? {path: closed.path, exchanges: closed.exchanges} : {path: closed.path, code: closed.code, message: closed.message};
		lines.push(debugLogLine(closed));
	}

	return {members, lines};
}
