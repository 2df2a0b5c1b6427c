/**
 * `check --redact-ids`: the organization ID and key ID masked (maskId: first 8 characters, or half of a
 * short ID) in everything check prints, for screen sharing. Request and correlation IDs stay visible.
 */
import {maskId} from '../../cybersource/mask.js';
import type {CommandIo} from '../command-io.js';

/** IDs shorter than this are masked only where they are a whole JSON value: as text they would match ordinary words. */
export const minimumTextMaskLength = 4;

export type IdMasker = {
	/** Adds an ID to mask (ignored when undefined or blank). */
	add(id: string | undefined): void;
	/** The text with every known ID (as a whole token) replaced by its mask. */
	text(text: string): string;
	/** JSON.stringify with every string value masked; object keys and non-string values untouched. */
	json(value: unknown): string;
};

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}

export function createIdMasker(): IdMasker {
	const ids = new Set<string>();
	const masked = (text: string): string => {
		let result = text;
		// Longest first, so an ID that contains another is masked whole.
		for (const id of [...ids].sort((a, b) => b.length - a.length)) {
			if (result === id) return maskId(id);
			if (id.length < minimumTextMaskLength) continue;
			// A whole token only: not inside a longer identifier (e.g. a request ID or another merchant's ID).
			const pattern = new RegExp(`(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`, 'g');
			result = result.replace(pattern, maskId(id));
		}

		return result;
	};

	return {
		add(id) {
			const trimmed = id?.trim();
			if (trimmed !== undefined && trimmed !== '') ids.add(trimmed);
		},
		text: masked,
		json(value) {
			return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? masked(item) : item));
		},
	};
}

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
