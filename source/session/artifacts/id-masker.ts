/**
 * Screen-share safety (the wizard's --redact-ids and `i`, check --redact-ids): the organization, key and
 * portfolio IDs masked (maskId: first 8 characters, or half of a short ID) wherever they appear, as a
 * value or inside a sentence. Request and correlation IDs are never touched. Pure.
 */
import {maskId} from '../../cybersource/mask.js';

/** IDs shorter than this are masked only as a whole value: inside text they would match ordinary words. */
export const minimumTextMaskLength = 4;

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}

/** Distinct non-blank IDs, longest first (an ID that contains another is masked whole). */
export function idsToMask(ids: ReadonlyArray<string | undefined>): string[] {
	const distinct = new Set(ids.map((id) => id?.trim() ?? '').filter((id) => id !== ''));
	return [...distinct].sort((a, b) => b.length - a.length);
}

/** `text` with every ID in `ids` (longest first), as a whole token (not inside a longer identifier), replaced by its mask. */
export function maskIdsInText(text: string, ids: readonly string[]): string {
	let result = text;
	for (const id of ids) {
		if (result === id) return maskId(id);
		if (id.length < minimumTextMaskLength) continue;
		// A whole token only: not inside a longer identifier (e.g. a request ID or another merchant's ID).
		const pattern = new RegExp(`(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`, 'g');
		result = result.replace(pattern, maskId(id));
	}

	return result;
}

/** A masker that learns the IDs as they become known (check: flags, environment, profile, key file). */
export type IdMasker = {
	/** Adds an ID to mask (ignored when undefined or blank). */
	add(id: string | undefined): void;
	/** The text with every known ID (as a whole token) replaced by its mask. */
	text(text: string): string;
	/** JSON.stringify with every string value masked; object keys and non-string values untouched. */
	json(value: unknown): string;
};

export function createIdMasker(): IdMasker {
	const known: string[] = [];
	const masked = (text: string): string => maskIdsInText(text, idsToMask(known));
	return {
		add(id) {
			known.push(...idsToMask([id]));
		},
		text: masked,
		json(value) {
			return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? masked(item) : item));
		},
	};
}
