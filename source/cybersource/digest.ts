import {createHash} from 'node:crypto';

/** Bytes of a request body: a string is encoded as UTF-8, exactly as it will be sent. */
export function bodyBytes(body: string | Uint8Array): Uint8Array {
	return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

/** base64 (standard alphabet, padded) of SHA-256 over the exact body bytes. */
export function sha256Base64(body: string | Uint8Array): string {
	return createHash('sha256').update(bodyBytes(body)).digest('base64');
}

/** The HTTP Signature `digest` header value: `SHA-256=` + base64 SHA-256 (PROTOCOL §1.3). */
export function digestHeader(body: string | Uint8Array): string {
	return `SHA-256=${sha256Base64(body)}`;
}
