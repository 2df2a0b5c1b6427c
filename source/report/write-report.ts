/** Writes the support report: Markdown and JSON, mode 0600, never replacing a file without consent. */
import {lstat, rm} from 'node:fs/promises';
import {findSecretLeaks} from '../debug-log/redact.js';
import {createPrivateFile, isAlreadyExists, replacePrivateFile} from '../export/private-file.js';
import {renderReportJson, renderReportMarkdown} from './render-report.js';
import {reportPaths, type ReportPaths} from './report-paths.js';
import type {SupportReport} from './support-report.js';

export type WriteReportOptions = {
	/** Replace existing files (the user confirmed it, or passed --force). Default false. */
	readonly overwrite?: boolean;
	/** Used only to check that the output does not contain the secret in any form. */
	readonly secret?: string;
};

export type WriteReportErrorCode = 'REPORT_EXISTS' | 'REPORT_CONTAINS_SECRET' | 'REPORT_WRITE_FAILED';

export type WriteReportResult =
	| {readonly ok: true; readonly paths: ReportPaths}
	| {readonly ok: false; readonly code: WriteReportErrorCode; readonly message: string; readonly paths: ReportPaths};

async function exists(path: string): Promise<boolean> {
	try {
		await lstat(path);
		return true;
	} catch {
		return false;
	}
}

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Writes `file` (Markdown) and its JSON twin; see report-paths.ts for the naming rule. */
export async function writeSupportReport(
	file: string,
	data: SupportReport,
	options: WriteReportOptions = {},
): Promise<WriteReportResult> {
	const paths = reportPaths(file);
	const markdown = renderReportMarkdown(data);
	const json = renderReportJson(data);
	const leaks = findSecretLeaks(markdown + json, options.secret);
	if (leaks.length > 0) {
		return {
			ok: false,
			code: 'REPORT_CONTAINS_SECRET',
			message: `The report was not written: it would contain the shared secret (${leaks.join(', ')}). Please report this as a bug.`,
			paths,
		};
	}

	const targets = [
		{path: paths.markdown, contents: markdown},
		{path: paths.json, contents: json},
	];
	if (options.overwrite !== true) {
		const taken: string[] = [];
		for (const target of targets) {
			if (await exists(target.path)) {
				taken.push(target.path);
			}
		}

		if (taken.length > 0) {
			return {
				ok: false,
				code: 'REPORT_EXISTS',
				message: `Not overwriting ${taken.join(' and ')}: choose another file name, or confirm overwriting (--force).`,
				paths,
			};
		}
	}

	const written: string[] = [];
	try {
		for (const target of targets) {
			await (options.overwrite === true ? replacePrivateFile(target.path, target.contents) : createPrivateFile(target.path, target.contents));
			written.push(target.path);
		}
	} catch (error) {
		// Only files this call created are removed; a replaced file cannot be restored, so it is left.
		if (options.overwrite !== true) {
			await Promise.all(written.map(async (path) => rm(path, {force: true})));
		}

		return isAlreadyExists(error)
			? {ok: false, code: 'REPORT_EXISTS', message: `Not overwriting a file that appeared while writing the report: ${reason(error)}.`, paths}
			: {ok: false, code: 'REPORT_WRITE_FAILED', message: `Could not write the report: ${reason(error)}. Check that the folder exists and is writable.`, paths};
	}

	return {ok: true, paths};
}
