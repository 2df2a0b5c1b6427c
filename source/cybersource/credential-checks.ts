/**
 * Checks pasted credentials before anything is signed or sent, and names the usual mistakes with the
 * fix in Business Center terms (DIAGNOSTICS §1 rows 1-3, §2.3, §5.2). Pure functions.
 *
 * Messages never contain the shared secret, nor the raw value of any field that could be a secret
 * pasted into the wrong place. Only a value that passed the organization-ID format is ever echoed.
 */
import {cleanInput, describeRemoved} from './clean-input.js';
import {
	hasBase64Characters,
	isHex,
	isSharedSecret,
	isUrlSafeBase64,
	isUuid,
	looksBinary,
	looksLikeCertificateFile,
	looksLikeFilePath,
	looksLikeKeyFileText,
	looksLikePem,
	looksLikeSecureAcceptanceKey,
	orgIdPattern,
	pemLabel,
	secretByteLength,
	secretTextLength,
} from './credential-shapes.js';
import {mayBeSecret} from './secret-like.js';
import {isCanonicalBase64} from './secret-key.js';
import type {Credentials} from './types.js';

export {maskId, maskSecret} from './mask.js';

export type CredentialField = 'orgId' | 'keyId' | 'secret' | 'portfolioId';

export type CredentialNote = {
	readonly field: CredentialField;
	readonly severity: 'error' | 'warning' | 'info';
	/** Stable UPPER_SNAKE code (used in --json). */
	readonly code: string;
	readonly message: string;
};

export type FieldCheck = {
	/** The cleaned value (surrounding whitespace and quotes removed). */
	readonly value: string;
	/** No error notes. */
	readonly ok: boolean;
	readonly notes: readonly CredentialNote[];
};

export type CredentialsInput = {
	readonly orgId: string;
	readonly keyId: string;
	readonly secret: string;
	readonly portfolioId?: string;
};

export type CredentialsCheck = {
	readonly ok: boolean;
	/** The cleaned credentials, when ok. */
	readonly credentials?: Credentials;
	readonly notes: readonly CredentialNote[];
	/** The key ID and the secret are in each other's field. */
	readonly swapped: boolean;
	readonly fields: {
		readonly orgId: FieldCheck;
		readonly keyId: FieldCheck;
		readonly secret: FieldCheck;
		readonly portfolioId?: FieldCheck;
	};
};

const keyManagement = 'Business Center > Payment Configuration > Key Management';
const createSharedSecretKey = `create one in ${keyManagement} > + Generate key > REST – Shared Secret`;
const fieldLabels: Record<CredentialField, string> = {
	orgId: 'the organization ID',
	keyId: 'the key ID',
	secret: 'the shared secret',
	portfolioId: 'the portfolio ID',
};

const codePrefixes: Record<CredentialField, string> = {
	orgId: 'ORG_ID',
	keyId: 'KEY_ID',
	secret: 'SECRET',
	portfolioId: 'PORTFOLIO_ID',
};

function note(field: CredentialField, severity: CredentialNote['severity'], code: string, message: string): CredentialNote {
	return {field, severity, code, message};
}

function finish(value: string, notes: CredentialNote[]): FieldCheck {
	return {value, ok: notes.every((item) => item.severity !== 'error'), notes};
}

function cleaned(field: CredentialField, raw: string): {value: string; notes: CredentialNote[]} {
	const {value, removed} = cleanInput(raw);
	const description = describeRemoved(removed, fieldLabels[field]);
	return {value, notes: description ? [note(field, 'info', 'INPUT_CLEANED', description)] : []};
}

/** Problems common to every field: binary data, a certificate, the whole key file. */
function foreignContent(field: CredentialField, value: string): CredentialNote | undefined {
	const prefix = codePrefixes[field];
	const label = fieldLabels[field];
	if (looksLikePem(value)) {
		const kind = pemLabel(value);
		return note(
			field,
			'error',
			`${prefix}_IS_CERTIFICATE`,
			`${capitalise(label)} holds a PEM block${kind ? ` (${kind})` : ''}: a certificate or private key, not a REST – Shared Secret key. If you have no shared secret key, ${createSharedSecretKey}.`,
		);
	}

	if (looksBinary(value)) {
		return note(
			field,
			'error',
			`${prefix}_NOT_TEXT`,
			`${capitalise(label)} contains binary data (is it a .p12 certificate?). Paste the value as text; a REST – Shared Secret key is two text values, Key and Shared Secret.`,
		);
	}

	if (looksLikeKeyFileText(value)) {
		return note(
			field,
			'error',
			`${prefix}_IS_KEY_FILE`,
			`${capitalise(label)} holds the whole key file. Paste only its ${field === 'secret' ? '"Shared Secret"' : field === 'keyId' ? '"Key"' : 'own'} value, or give the file itself (--key-file).`,
		);
	}

	if (looksLikeCertificateFile(value)) {
		return note(
			field,
			'error',
			`${prefix}_IS_CERTIFICATE`,
			`${capitalise(label)} names a .p12/.pfx certificate file: that is a REST – Certificate key, not a shared secret key. ${capitalise(createSharedSecretKey)}.`,
		);
	}

	return undefined;
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Organization and portfolio IDs share one format. */
function checkIdentifier(field: 'orgId' | 'portfolioId', raw: string): FieldCheck {
	const prefix = codePrefixes[field];
	const {value, notes} = cleaned(field, raw);
	const label = fieldLabels[field];
	const what =
		field === 'orgId'
			? 'The organization ID is the merchant ID you log in to the Business Center with'
			: 'The portfolio ID is the portfolio (or account) ID that owns the meta key';
	if (value.length === 0) {
		notes.push(note(field, 'error', `${prefix}_MISSING`, `Enter ${label}. ${what}.`));
		return finish(value, notes);
	}

	const foreign = foreignContent(field, value);
	if (foreign) {
		notes.push(foreign);
		return finish(value, notes);
	}

	if (isUuid(value)) {
		notes.push(note(field, 'error', `${prefix}_IS_KEY_ID`, `${capitalise(label)} holds a key ID (a UUID). ${what}, not the key's ID.`));
	} else if (mayBeSecret(value)) {
		notes.push(
			note(field, 'error', `${prefix}_LOOKS_LIKE_SECRET`, `${capitalise(label)} holds what looks like a shared secret. ${what}; keep the secret out of this field.`),
		);
	} else if (/\s/.test(value)) {
		notes.push(
			note(
				field,
				'error',
				`${prefix}_HAS_SPACES`,
				`${capitalise(label)} contains spaces. Use the ID itself (letters, digits and underscores, e.g. demo_merchant), not a company name. ${what}.`,
			),
		);
	} else if (!/^\w+$/.test(value)) {
		notes.push(
			note(field, 'error', `${prefix}_INVALID_CHARACTERS`, `${capitalise(label)} may contain only letters, digits and underscores. ${what}.`),
		);
	} else if (value.length < 6) {
		notes.push(note(field, 'error', `${prefix}_TOO_SHORT`, `${capitalise(label)} is ${value.length} characters; it has 6 to 30. ${what}.`));
	} else if (value.length > 30) {
		notes.push(note(field, 'error', `${prefix}_TOO_LONG`, `${capitalise(label)} is ${value.length} characters; it has 6 to 30. ${what}.`));
	} else if (field === 'orgId' && orgIdPattern.test(value) && /_acct$/i.test(value)) {
		notes.push(
			note(
				field,
				'warning',
				'ORG_ID_ACCOUNT_LEVEL',
				`"${value}" is an account-level ID (_acct). Use the transacting merchant ID ("${value.slice(0, -5)}") unless your key is a meta key owned by the account; then give the account ID as the portfolio ID.`,
			),
		);
	}

	return finish(value, notes);
}

export function checkOrgId(raw: string): FieldCheck {
	return checkIdentifier('orgId', raw);
}

export function checkPortfolioId(raw: string): FieldCheck {
	return checkIdentifier('portfolioId', raw);
}

const keyIdHelp = `The key ID is the "Key" value of your REST – Shared Secret key, a UUID like 1b0c2f7e-3c1d-4b8e-9f51-6a2d1e0c9b77 (${keyManagement})`;

export function checkKeyId(raw: string): FieldCheck {
	const {value, notes} = cleaned('keyId', raw);
	if (value.length === 0) {
		notes.push(note('keyId', 'error', 'KEY_ID_MISSING', `Enter the key ID. ${keyIdHelp}.`));
		return finish(value, notes);
	}

	if (isUuid(value)) return finish(value, notes);
	const foreign = foreignContent('keyId', value);
	if (foreign) {
		notes.push(foreign);
	} else if (mayBeSecret(value)) {
		notes.push(
			note(
				'keyId',
				'error',
				'KEY_ID_LOOKS_LIKE_SECRET',
				`The key ID field holds what looks like a shared secret (base64). The Key (key ID) is the UUID; the Shared Secret is the long base64 string ending in "=".`,
			),
		);
	} else if (looksLikeSecureAcceptanceKey(value)) {
		notes.push(
			note(
				'keyId',
				'error',
				'KEY_ID_IS_SECURE_ACCEPTANCE_KEY',
				`The key ID is ${value.length} hex characters without dashes: a Secure Acceptance key${value.length === 32 ? ' (access key), or a key ID whose dashes were lost' : ''}. ${keyIdHelp}; if you have none, ${createSharedSecretKey}.`,
			),
		);
	} else if (looksLikeFilePath(value)) {
		notes.push(note('keyId', 'error', 'KEY_ID_IS_FILE_PATH', `The key ID field holds a file name. Give the key file with --key-file, or paste the "Key" value. ${keyIdHelp}.`));
	} else if (orgIdPattern.test(value) && !isHex(value)) {
		notes.push(
			note('keyId', 'error', 'KEY_ID_IS_MERCHANT_ID', `The key ID looks like a merchant (organization) ID. ${keyIdHelp}.`),
		);
	} else {
		notes.push(note('keyId', 'error', 'KEY_ID_NOT_UUID', `The key ID is not a UUID (8-4-4-4-12 hex characters). ${keyIdHelp}.`));
	}

	return finish(value, notes);
}

const secretHelp = `The Shared Secret is 44 characters of base64 ending in "=", shown once when the key is created (or in the downloaded key file)`;

export function checkSecret(raw: string): FieldCheck {
	const {value, notes} = cleaned('secret', raw);
	const error = (code: string, message: string) => {
		notes.push(note('secret', 'error', code, message));
		return finish(value, notes);
	};

	if (value.length === 0) return error('SECRET_MISSING', `Enter the shared secret. ${secretHelp}.`);
	if (isSharedSecret(value)) return finish(value, notes);
	const foreign = foreignContent('secret', value);
	if (foreign) {
		notes.push(foreign);
		return finish(value, notes);
	}

	if (isUuid(value)) {
		return error(
			'SECRET_IS_KEY_ID',
			`The shared secret field holds a UUID: that is a key ID. The Key (key ID) is the UUID; the Shared Secret is the long base64 string ending in "=".`,
		);
	}

	if (looksLikeSecureAcceptanceKey(value)) {
		return error(
			'SECRET_IS_SECURE_ACCEPTANCE_KEY',
			`The shared secret is ${value.length} hex characters: a Secure Acceptance key, not a REST – Shared Secret key. ${capitalise(createSharedSecretKey)}.`,
		);
	}

	if (looksLikeFilePath(value)) {
		return error(
			'SECRET_IS_FILE_PATH',
			`The shared secret field holds a file name. Pass the file with --secret-file (or the Business Center key file with --key-file), or paste the Shared Secret value.`,
		);
	}

	if (/\s/.test(value)) {
		return error(
			'SECRET_HAS_INNER_WHITESPACE',
			`The shared secret has spaces or line breaks inside it. Copy it again in one piece. ${secretHelp}.`,
		);
	}

	if (isUrlSafeBase64(value)) {
		return error(
			'SECRET_URL_SAFE_BASE64',
			`The shared secret uses URL-safe base64 ("-" and "_"), so it was converted somewhere. Copy it again from the key file: it uses "+" and "/".`,
		);
	}

	if (hasBase64Characters(value)) {
		if (value.length < secretTextLength) {
			const unpadded = !value.endsWith('=');
			return error(
				'SECRET_TRUNCATED',
				`The shared secret is ${value.length} character${value.length === 1 ? '' : 's'}${unpadded ? ' with no "=" at the end' : ''}; it should be 44. It looks cut off (or it is another value). Copy it again in full. ${secretHelp}.`,
			);
		}

		if (isCanonicalBase64(value)) {
			const bytes = Buffer.from(value, 'base64').length;
			return error(
				'SECRET_WRONG_LENGTH',
				`The shared secret decodes to ${bytes} bytes; a REST – Shared Secret decodes to ${secretByteLength}. Check that you copied only the Shared Secret value. ${secretHelp}.`,
			);
		}
	}

	return error('SECRET_NOT_BASE64', `The shared secret is not valid base64 (letters, digits, "+" and "/", ending in "="). ${secretHelp}.`);
}

/** The key ID field holds something secret-like and the secret field holds a UUID. */
export function looksSwapped(keyIdRaw: string, secretRaw: string): boolean {
	const keyId = cleanInput(keyIdRaw).value;
	const secret = cleanInput(secretRaw).value;
	return isUuid(secret) && !isUuid(keyId) && mayBeSecret(keyId);
}

const swappedCodes = new Set(['KEY_ID_LOOKS_LIKE_SECRET', 'SECRET_IS_KEY_ID']);

/** Checks a whole key pair; cross-field mistakes (swapped values, merchant ID as key ID) are named once. */
export function checkCredentials(input: CredentialsInput): CredentialsCheck {
	const orgId = checkOrgId(input.orgId);
	const keyId = checkKeyId(input.keyId);
	const secret = checkSecret(input.secret);
	const portfolioId = input.portfolioId === undefined ? undefined : checkPortfolioId(input.portfolioId);
	const swapped = looksSwapped(input.keyId, input.secret);
	const notes: CredentialNote[] = [];
	if (swapped) {
		notes.push(
			note(
				'keyId',
				'error',
				'KEY_ID_AND_SECRET_SWAPPED',
				'The key ID and the shared secret look swapped: the Key (key ID) is the UUID, the Shared Secret is the long base64 string ending in "=". Swap the two values.',
			),
		);
	}

	const keyIdIsOrgId = !keyId.ok && keyId.value.length > 0 && keyId.value === orgId.value;
	if (keyIdIsOrgId) {
		notes.push(note('keyId', 'error', 'KEY_ID_IS_MERCHANT_ID', `The key ID is the same as the organization ID. ${keyIdHelp}.`));
	}

	for (const item of [...orgId.notes, ...keyId.notes, ...secret.notes, ...(portfolioId?.notes ?? [])]) {
		if (swapped && swappedCodes.has(item.code)) continue;
		if (keyIdIsOrgId && item.field === 'keyId' && item.severity === 'error') continue;
		notes.push(item);
	}

	const ok = notes.every((item) => item.severity !== 'error');
	const credentials: Credentials | undefined = ok
		? {
				orgId: orgId.value,
				keyId: keyId.value,
				secret: secret.value,
				...(portfolioId ? {portfolioId: portfolioId.value} : {}),
			}
		: undefined;
	return {ok, ...(credentials ? {credentials} : {}), notes, swapped, fields: {orgId, keyId, secret, ...(portfolioId ? {portfolioId} : {})}};
}
