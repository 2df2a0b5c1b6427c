/**
 * What a pasted value looks like. Used to name the usual mistakes (wrong field, wrong key type,
 * truncated copy) without ever echoing the value.
 */
import {isCanonicalBase64} from './secret-key.js';

/** A REST – Shared Secret decodes to 32 bytes: 44 base64 characters ending in `=` (PROTOCOL §1.5). */
export const secretByteLength = 32;
export const secretTextLength = 44;

const uuidPattern = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;
const hexPattern = /^[\da-f]+$/i;
const standardBase64Characters = /^[A-Za-z\d+/]+={0,2}$/;
const urlSafeBase64Characters = /^[\w-]+={0,2}$/;
/** Organization IDs: 6-30 letters, digits or underscores (DIAGNOSTICS §5.2). */
export const orgIdPattern = /^\w{6,30}$/;
const certificateFilePattern = /\.(?:p12|pfx)$/i;
const otherKeyFilePattern = /\.(?:pem|crt|cer|der|key|txt|json)$/i;

export function isUuid(value: string): boolean {
	return uuidPattern.test(value);
}

export function isHex(value: string): boolean {
	return hexPattern.test(value);
}

/** Canonical standard base64 that decodes to exactly 32 bytes: the only valid secret. */
export function isSharedSecret(value: string): boolean {
	return value.length === secretTextLength && isCanonicalBase64(value) && Buffer.from(value, 'base64').length === secretByteLength;
}

/** Control characters (other than tab, CR, LF), NUL, or U+FFFD: the text came from a binary file. */
export function looksBinary(value: string): boolean {
	return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/u.test(value);
}

export function looksLikePem(value: string): boolean {
	return value.includes('-----BEGIN');
}

/** The label after `-----BEGIN ` (e.g. "CERTIFICATE"), safe to show: only capitals and spaces. */
export function pemLabel(value: string): string | undefined {
	return /-----BEGIN ([A-Z\d ]{1,40})-----/.exec(value)?.[1];
}

/** A single token that names a file: no whitespace, and a path separator or a key/certificate extension. */
export function looksLikeFilePath(value: string): boolean {
	if (/\s/.test(value) || value.length > 4096) return false;
	return certificateFilePattern.test(value) || otherKeyFilePattern.test(value);
}

/** A .p12 / .pfx file name: a REST – Certificate (or Simple Order) key, not a shared secret. */
export function looksLikeCertificateFile(value: string): boolean {
	return !/\s/.test(value) && certificateFilePattern.test(value);
}

/** The whole key file (or part of it) pasted into one field. */
export function looksLikeKeyFileText(value: string): boolean {
	return /shared\s*secret/i.test(value) && /[:=]/.test(value);
}

/** Standard-alphabet base64 characters with at most two `=` at the end (canonical or not). */
export function hasBase64Characters(value: string): boolean {
	return standardBase64Characters.test(value);
}

/** URL-safe base64 (`-` or `_` instead of `+` and `/`) that would be canonical standard base64 once converted. */
export function isUrlSafeBase64(value: string): boolean {
	if (!/[-_]/.test(value) || !urlSafeBase64Characters.test(value)) return false;
	return isCanonicalBase64(value.replaceAll('-', '+').replaceAll('_', '/'));
}

/**
 * Looks like a shared secret (or a damaged copy of one): at least 40 base64 characters with a digit,
 * `+`, `/` or `=` in it, or URL-safe base64 of that length. Used to spot a secret in the wrong field.
 */
export function looksLikeSecret(value: string): boolean {
	if (value.length < 40 || value.length > 64) return false;
	if (isUuid(value) || isHex(value)) return false;
	return (hasBase64Characters(value) && /[\d+/=]/.test(value)) || isUrlSafeBase64(value);
}

/** Hex the way Secure Acceptance shows its keys: a 32-character access key or a 64-256 character secret. */
export function looksLikeSecureAcceptanceKey(value: string): boolean {
	return isHex(value) && value.length >= 32 && value.length <= 512 && value.length % 2 === 0;
}
