/**
 * Writes the SDK configuration: files mode 0600 in a folder created 0700 if missing, an existing file
 * replaced only when `overwrite` says yes (check never asks: existing files are kept), and nothing at all
 * when a file would contain the shared secret. Loaded only when an export is written (node:crypto).
 */
import type {AuthMethod} from '../../cybersource/types.js';
import {findSecretLeaks} from '../../debug-log/redact.js';
import {writeExports, type WriteExportsResult} from '../../export/write-exports.js';
import type {SdkExport} from './sdk-export.js';

/** What was written; also check's `export` member of the --json object. */
export type SdkExportResult =
	| ({readonly ok: true; readonly dir: string; readonly auth: AuthMethod} & WriteExportsResult)
	| {readonly ok: false; readonly dir: string; readonly code: string; readonly message: string};

export async function writeSdkExport(input: {
	readonly dir: string;
	readonly exported: SdkExport;
	/** Used only to verify that no file would contain it. */
	readonly secret: string | undefined;
	/** Asked once per existing file; true replaces it. Without it, existing files are kept. */
	readonly overwrite?: (file: string) => Promise<boolean>;
}): Promise<SdkExportResult> {
	const {dir, exported} = input;
	const leaking = exported.files.filter((file) => findSecretLeaks(file.contents, input.secret).length > 0);
	if (leaking.length > 0) {
		return {
			ok: false,
			dir,
			code: 'EXPORT_CONTAINS_SECRET',
			message: `No configuration was exported: ${leaking.map((file) => file.name).join(', ')} would contain the shared secret. Please report this as a bug.`,
		};
	}

	const result = await writeExports(dir, exported.files, input.overwrite === undefined ? {} : {overwrite: input.overwrite});
	return {ok: true, dir, auth: exported.auth, written: result.written, skipped: result.skipped, failed: result.failed};
}
