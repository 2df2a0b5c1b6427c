/**
 * `check --export DIR`: after a passing test, the configuration the official CyberSource SDKs expect,
 * for the method that worked (JWT when it did). Files are mode 0600, never replace existing files,
 * and never contain the secret (it is read from CYBERSOURCE_SHARED_SECRET).
 */
import {stat} from 'node:fs/promises';
import {basename} from 'node:path';
import type {Environment} from '../../cybersource/environments.js';
import type {DiagnosisItem, KeyTestReport} from '../../cybersource/key-test-types.js';
import {authLabel, type AuthMethod} from '../../cybersource/types.js';
import {findSecretLeaks} from '../../debug-log/redact.js';
import {renderSdkExports} from '../../export/render-exports.js';
import {secretEnvironmentVariable, workingAuthMethod} from '../../export/sdk-config.js';
import {writeExports} from '../../export/write-exports.js';

/** A DIR that exists as a file cannot hold the exports: found before any request. */
export async function exportPreflight(dir: string): Promise<DiagnosisItem | undefined> {
	try {
		if (!(await stat(dir)).isDirectory()) {
			return {code: 'EXPORT_DIR_NOT_A_FOLDER', message: `--export: ${dir} is a file, not a folder. Give a folder (it is created if missing). Nothing was sent.`};
		}
	} catch {
		// Missing: created when the exports are written.
	}

	return undefined;
}

type FileProblem = {readonly path: string; readonly code: string; readonly message: string};

/** What --export did; also the `export` member of the --json object. */
export type CheckExportResult =
	| {
			readonly ok: true;
			readonly dir: string;
			readonly auth: AuthMethod;
			readonly written: readonly string[];
			readonly skipped: readonly FileProblem[];
			readonly failed: readonly FileProblem[];
	  }
	| {readonly ok: false; readonly dir: string; readonly code: string; readonly message: string};

export type CheckExportInput = {
	readonly dir: string;
	/** Whether the test passed (exit 0): nothing is exported otherwise. */
	readonly passed: boolean;
	readonly report: KeyTestReport;
	readonly environment: Environment;
	readonly credentials: {readonly orgId: string; readonly keyId: string; readonly portfolioId?: string};
	readonly toolVersion: string;
	/** Used only to verify that no file would contain it. */
	readonly secret: string;
};

export async function exportAfterTest(input: CheckExportInput): Promise<CheckExportResult> {
	const {dir} = input;
	const auth = workingAuthMethod(input.report);
	if (!input.passed || auth === undefined) {
		return {ok: false, dir, code: 'EXPORT_NOT_WRITTEN', message: `No configuration was exported to ${dir}: the test did not pass.`};
	}

	const files = renderSdkExports({
		environment: input.environment,
		credentials: {orgId: input.credentials.orgId, keyId: input.credentials.keyId, ...(input.credentials.portfolioId === undefined ? {} : {portfolioId: input.credentials.portfolioId})},
		auth,
		toolVersion: input.toolVersion,
	});
	const leaks = files.filter(file => findSecretLeaks(file.contents, input.secret).length > 0);
	if (leaks.length > 0) {
		return {
			ok: false,
			dir,
			code: 'EXPORT_CONTAINS_SECRET',
			message: `No configuration was exported: ${leaks.map(file => file.name).join(', ')} would contain the shared secret. Please report this as a bug.`,
		};
	}

	const result = await writeExports(dir, files);
	return {ok: true, dir, auth, written: result.written, skipped: result.skipped, failed: result.failed};
}

/** The stderr lines: what was written where, what was kept, what failed. */
export function exportLines(result: CheckExportResult): string[] {
	if (!result.ok) return [`${result.message} [${result.code}]`];
	const lines: string[] = [];
	if (result.written.length > 0) {
		lines.push(
			`Exported the ${authLabel(result.auth)} configuration for the CyberSource SDKs to ${result.dir} (mode 0600): ${result.written.map(path => basename(path)).join(', ')}.`,
			`  The shared secret is not in these files: set ${secretEnvironmentVariable} where your code runs.`,
		);
	}

	for (const item of result.skipped) lines.push(`  Kept the existing ${item.path} (not overwritten); move it away and run again to get a fresh one. [${item.code}]`);
	for (const item of result.failed) lines.push(`  ${item.message} [${item.code}]`);
	return lines;
}
