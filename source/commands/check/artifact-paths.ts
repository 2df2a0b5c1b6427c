/**
 * Where --report, --debug and --export write, resolved against the working directory and checked before
 * the secret is read or anything is sent: a problem here is a usage error (exit 2).
 */
import {stat} from 'node:fs/promises';
import {dirname, resolve} from 'node:path';
import type {DiagnosisItem} from '../../cybersource/key-test-types.js';
import {outputPathMayBeSecret} from '../../cybersource/secret-like.js';
import {reportPaths, type ReportPaths} from '../../report/report-paths.js';
import type {CheckFlags} from './args.js';

export type ArtifactPaths = {readonly reportFile?: string; readonly debugFile?: string; readonly exportDir?: string};

async function kindOf(path: string): Promise<'file' | 'folder' | 'missing'> {
	try {
		return (await stat(path)).isDirectory() ? 'folder' : 'file';
	} catch {
		return 'missing';
	}
}

/**
 * Problems that would stop the report from being written: a report file that exists (without --force),
 * a report path that is a folder, a folder that does not exist.
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

/** A --debug path whose folder is missing, or that is a folder. */
export async function debugLogPreflight(path: string): Promise<DiagnosisItem | undefined> {
	if ((await kindOf(path)) === 'folder') {
		return {code: 'DEBUG_LOG_OPEN_FAILED', message: `--debug: ${path} is a folder. Give a file name, e.g. --debug ${path}/cybs-debug.log. Nothing was sent.`};
	}

	if ((await kindOf(dirname(path))) !== 'folder') {
		return {code: 'DEBUG_LOG_OPEN_FAILED', message: `--debug: the folder ${dirname(path)} does not exist. Create it or choose another path. Nothing was sent.`};
	}

	return undefined;
}

/** A DIR that exists as a file cannot hold the exports (a missing one is created when they are written). */
export async function exportPreflight(dir: string): Promise<DiagnosisItem | undefined> {
	if ((await kindOf(dir)) === 'file') {
		return {code: 'EXPORT_DIR_NOT_A_FOLDER', message: `--export: ${dir} is a file, not a folder. Give a folder (it is created if missing). Nothing was sent.`};
	}

	return undefined;
}

export async function preflightArtifacts(
	cwd: string,
	flags: CheckFlags,
): Promise<{readonly ok: true; readonly paths: ArtifactPaths} | {readonly ok: false; readonly problems: readonly DiagnosisItem[]}> {
	const reportFile = flags.report === undefined ? undefined : resolve(cwd, flags.report);
	const debugFile = flags.debug === undefined ? undefined : resolve(cwd, flags.debug);
	const exportDir = flags.exportDir === undefined ? undefined : resolve(cwd, flags.exportDir);
	const problems: DiagnosisItem[] = [];
	for (const [flag, given] of [['--report', flags.report], ['--debug', flags.debug], ['--export', flags.exportDir]] as const) {
		if (given !== undefined && outputPathMayBeSecret(given)) {
			problems.push({
				code: 'OUTPUT_PATH_LOOKS_LIKE_SECRET',
				message: `${flag}: the name given looks like the shared secret itself (not shown), so nothing was written there. Give a file or folder name; the secret goes in --secret-file, CYBERSOURCE_SHARED_SECRET or --key-file. Nothing was sent.`,
			});
		}
	}

	if (problems.length > 0) return {ok: false, problems};
	if (reportFile !== undefined) {
		const paths = reportPaths(reportFile);
		const problem = await reportPreflight(paths, flags.force);
		if (problem !== undefined) problems.push(problem);
		if (debugFile !== undefined && (debugFile === paths.markdown || debugFile === paths.json)) {
			problems.push({code: 'USAGE_ERROR', message: `--debug ${flags.debug} is also a --report file: give the debug log its own file name.`});
		}
	}

	if (debugFile !== undefined) {
		const problem = await debugLogPreflight(debugFile);
		if (problem !== undefined) problems.push(problem);
	}

	if (exportDir !== undefined) {
		const problem = await exportPreflight(exportDir);
		if (problem !== undefined) problems.push(problem);
	}

	if (problems.length > 0) return {ok: false, problems};
	return {
		ok: true,
		paths: {
			...(reportFile === undefined ? {} : {reportFile}),
			...(debugFile === undefined ? {} : {debugFile}),
			...(exportDir === undefined ? {} : {exportDir}),
		},
	};
}
