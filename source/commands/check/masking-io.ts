/**
 * `check --redact-ids`: the organization ID and key ID masked in everything check prints, for screen
 * sharing (the masker is session/artifacts/id-masker.ts, shared with the wizard).
 */
import {createIdMasker, type IdMasker} from '../../session/artifacts/id-masker.js';
import type {CommandIo} from '../command-io.js';
import type {CheckFlags} from './args.js';
import {keyIdEnvVariable, orgIdEnvVariable} from './inputs.js';

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

export type Redaction = {
	/** The io to print through: masking under --redact-ids, the raw io otherwise. */
	readonly io: CommandIo;
	/** Masks the --json object (empty without --redact-ids, so nothing changes). */
	readonly masker: IdMasker;
	/** Adds IDs as they become known (flags, environment, profile, key file); a no-op without --redact-ids. */
	readonly mask: (...ids: ReadonlyArray<string | undefined>) => void;
};

/** --redact-ids: every ID that could be the organization or key ID is masked in all output (stderr; stdout as text or JSON). */
export function redaction(rawIo: CommandIo, flags: CheckFlags): Redaction {
	const masker = createIdMasker();
	const mask = (...ids: ReadonlyArray<string | undefined>) => {
		if (flags.redactIds) for (const id of ids) masker.add(id);
	};

	mask(flags.orgId, flags.keyId, flags.portfolioId, rawIo.env[orgIdEnvVariable], rawIo.env[keyIdEnvVariable]);
	return {io: flags.redactIds ? maskingIo(rawIo, masker, !flags.json) : rawIo, masker, mask};
}
