/**
 * Screen-share safety (--redact-ids): the organization ID and key ID masked wherever they appear,
 * as a value or inside a sentence. Request and correlation IDs are never touched. Pure.
 */
import {maskId} from '../cybersource/mask.js';

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

/** `text` with every known ID, as a whole token (not inside a longer identifier), replaced by its mask. */
export function maskIdsInText(text: string, ids: readonly string[]): string {
	let result = text;
	for (const id of ids) {
		if (result === id) return maskId(id);
		if (id.length < minimumTextMaskLength) continue;
		const pattern = new RegExp(`(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`, 'g');
		result = result.replace(pattern, maskId(id));
	}

	return result;
}
