/** Writes export files (mode 0600) into a folder; an existing file is replaced only when the caller's callback says yes. */
import {mkdir} from 'node:fs/promises';
import {join} from 'node:path';
import {createPrivateFile, isAlreadyExists, replacePrivateFile} from './private-file.js';
import type {ExportFile} from './render-exports.js';

export type WriteExportsOptions = {
	/** Asked once per existing file; true replaces it. Without it, existing files are skipped. */
	readonly overwrite?: (path: string) => Promise<boolean> | boolean;
};

export type WriteExportsResult = {
	readonly written: readonly string[];
	/** Files that existed and were kept (no callback, or the callback said no). */
	readonly skipped: ReadonlyArray<{readonly path: string; readonly code: 'EXPORT_FILE_EXISTS'; readonly message: string}>;
	readonly failed: ReadonlyArray<{readonly path: string; readonly code: 'EXPORT_WRITE_FAILED'; readonly message: string}>;
};

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export async function writeExports(
	dir: string,
	files: readonly ExportFile[],
	options: WriteExportsOptions = {},
): Promise<WriteExportsResult> {
	const written: string[] = [];
	const skipped: Array<WriteExportsResult['skipped'][number]> = [];
	const failed: Array<WriteExportsResult['failed'][number]> = [];
	try {
		await mkdir(dir, {recursive: true, mode: 0o700});
	} catch (error) {
		const message = `Cannot create the folder ${dir}: ${reason(error)}. Choose a writable folder.`;
		return {written, skipped, failed: files.map((file) => ({path: join(dir, file.name), code: 'EXPORT_WRITE_FAILED', message}))};
	}

	for (const file of files) {
		const path = join(dir, file.name);
		try {
			await createPrivateFile(path, file.contents);
			written.push(path);
		} catch (error) {
			if (!isAlreadyExists(error)) {
				failed.push({path, code: 'EXPORT_WRITE_FAILED', message: `Could not write ${path}: ${reason(error)}.`});
				continue;
			}

			const replace = options.overwrite === undefined ? false : await options.overwrite(path);
			if (!replace) {
				skipped.push({path, code: 'EXPORT_FILE_EXISTS', message: `${path} already exists and was left unchanged.`});
				continue;
			}

			try {
				await replacePrivateFile(path, file.contents);
				written.push(path);
			} catch (replaceError) {
				failed.push({path, code: 'EXPORT_WRITE_FAILED', message: `Could not replace ${path}: ${reason(replaceError)}.`});
			}
		}
	}

	return {written, skipped, failed};
}
