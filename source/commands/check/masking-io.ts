/**
 * `check --redact-ids`: the organization ID and key ID masked in everything check prints, for screen
 * sharing (the masker is session/artifacts/id-masker.ts, shared with the wizard).
 */
import type {IdMasker} from '../../session/artifacts/id-masker.js';
import type {CommandIo} from '../command-io.js';

/**
 * The same io with stderr (and, unless `maskStdout` is false, stdout) passed through the masker.
 * JSON output is masked structurally with masker.json instead, so keys can never be touched.
 */
export function maskingIo(io: CommandIo, masker: IdMasker, maskStdout: boolean): CommandIo {
	const stdout = io.stdout;
	const stderr = io.stderr;
	return {
		...io,
		stdout: {
			write: (text: string) => stdout.write(maskStdout ? masker.text(text) : text),
			...(stdout.isTTY === undefined ? {} : {isTTY: stdout.isTTY}),
			...(stdout.columns === undefined ? {} : {columns: stdout.columns}),
		},
		stderr: {
			write: (text: string) => stderr.write(masker.text(text)),
			...(stderr.isTTY === undefined ? {} : {isTTY: stderr.isTTY}),
		},
	};
}
