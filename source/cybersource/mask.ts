/** Masks for showing credentials on screen. */

const dots = '••••••••';

/** "••••••••1tE=": the last 4 characters at most, none at all for values shorter than 8. */
export function maskSecret(secret: string): string {
	// Only the end is needed: 16 code units hold at least 8 characters.
	const characters = [...(secret.length > 16 ? secret.slice(-16) : secret)];
	return secret.length <= 16 && characters.length < 8 ? dots : `${dots}${characters.slice(-4).join('')}`;
}

/**
 * "08c94330…": the first 8 characters then an ellipsis (for --redact-ids and key IDs in reports).
 * An ID of 8 characters or fewer shows only its first half, so a mask never shows the whole ID.
 */
export function maskId(id: string): string {
	const characters = [...(id.length > 32 ? id.slice(0, 32) : id)];
	const shown = characters.length > 8 ? 8 : Math.floor(characters.length / 2);
	return `${characters.slice(0, shown).join('')}…`;
}
