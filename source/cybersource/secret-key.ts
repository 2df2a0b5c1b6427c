const base64Pattern = /^[A-Za-z\d+/]*={0,2}$/;

/**
 * True when `text` is canonical standard base64: it decodes and re-encodes to the same text.
 * node's own decoder is lenient (PROTOCOL §1.5), so this is what stands between a mangled paste
 * and a silently wrong HMAC key.
 */
export function isCanonicalBase64(text: string): boolean {
	if (text.length === 0 || text.length % 4 !== 0 || !base64Pattern.test(text)) {
		return false;
	}

	return Buffer.from(text, 'base64').toString('base64') === text;
}

/** The HMAC key: the base64-decoded shared secret, never its text (PROTOCOL §1.5). */
export function secretKeyBytes(secret: string): Uint8Array {
	return new Uint8Array(Buffer.from(secret, 'base64'));
}
