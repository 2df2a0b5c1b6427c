/**
 * Parses the key file Business Center downloads for a REST – Shared Secret key. Its exact layout is not
 * public (PROTOCOL §8), so this accepts the plausible ones: labelled lines (`Key: …`, `Shared Secret: …`),
 * JSON with similar names, or two bare lines (a UUID and a base64 secret). Errors never echo the file.
 */
import {cleanInput} from './clean-input.js';
import {checkKeyId, checkOrgId, checkSecret} from './credential-checks.js';
import {isSharedSecret, isUuid, looksBinary, looksLikePem, pemLabel} from './credential-shapes.js';
import {isRecord} from '../is-record.js';

export type KeyFileFormat = 'labelled' | 'json' | 'bare-lines';

export type ParsedKeyFile = {
	readonly ok: true;
	readonly keyId: string;
	readonly secret: string;
	readonly orgId?: string;
	readonly format: KeyFileFormat;
	/** What was cleaned or ignored, in words; never a secret. */
	readonly notes: readonly string[];
};

export type KeyFileError = {readonly ok: false; readonly code: string; readonly message: string};

export type KeyFileResult = ParsedKeyFile | KeyFileError;

/** Larger than any key file; also the limit readKeyFile applies to the file size. */
export const maxKeyFileBytes = 64 * 1024;

type Role = 'keyId' | 'secret' | 'orgId';

/** Label spellings, compared after lower-casing and dropping everything but letters. */
const labelRoles: ReadonlyMap<string, Role> = new Map<string, Role>([
	['key', 'keyId'],
	['keyid', 'keyId'],
	['merchantkeyid', 'keyId'],
	['restkeyid', 'keyId'],
	['apikeyid', 'keyId'],
	['sharedsecret', 'secret'],
	['sharedsecretkey', 'secret'],
	['secret', 'secret'],
	['secretkey', 'secret'],
	['merchantsecretkey', 'secret'],
	['merchantsecret', 'secret'],
	['organizationid', 'orgId'],
	['organisationid', 'orgId'],
	['orgid', 'orgId'],
	['organization', 'orgId'],
	['merchantid', 'orgId'],
]);

const rolesInWords: Record<Role, string> = {keyId: 'Key', secret: 'Shared Secret', orgId: 'Organization ID'};

function roleOf(label: string): Role | undefined {
	return labelRoles.get(label.toLowerCase().replaceAll(/[^a-z]/g, ''));
}

function fail(code: string, message: string): KeyFileError {
	return {ok: false, code, message};
}

const expectedLayout =
	'Expected the key file downloaded from Business Center (Key Management): a "Key:" line with the key ID (a UUID) and a "Shared Secret:" line with the secret';

type Found = Partial<Record<Role, string>>;

type Extracted = {readonly found: Found; readonly format: KeyFileFormat} | KeyFileError;

function isComment(line: string): boolean {
	return line.startsWith('#') || line.startsWith('//') || line.startsWith(';');
}

/** `Label: value` or `Label = value`; the label is short and made of letters, spaces, `_`, `-` and `.`. */
const labelledLine = /^([A-Za-z][A-Za-z _.-]{0,40}?)\s*[:=]\s*(.*)$/;

function extractLabelled(lines: readonly string[]): Extracted | undefined {
	const found: Found = {};
	let labelled = 0;
	for (let index = 0; index < lines.length; index += 1) {
		const match = labelledLine.exec(lines[index] ?? '');
		if (!match) continue;
		const role = roleOf(match[1] ?? '');
		if (!role) continue;
		labelled += 1;
		let value = match[2] ?? '';
		// "Shared Secret:" with the value on the next line.
		if (cleanInput(value).value.length === 0) {
			const next = lines[index + 1];
			if (next !== undefined && !labelledLine.test(next)) {
				value = next;
				index += 1;
			}
		}

		const previous = found[role];
		if (previous !== undefined && cleanInput(previous).value !== cleanInput(value).value) {
			return fail('KEY_FILE_AMBIGUOUS', `The key file has two different "${rolesInWords[role]}" values. Use the file exactly as Business Center downloaded it.`);
		}

		found[role] = value;
	}

	return labelled > 0 ? {found, format: 'labelled'} : undefined;
}

/** Breadth-first over nested objects (e.g. `{"merchantConfig": {...}}`), shallowest name wins. */
function extractJson(text: string): Extracted {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return fail('KEY_FILE_INVALID_JSON', `The key file starts like JSON but is not valid JSON. ${expectedLayout}.`);
	}

	if (!isRecord(parsed)) return fail('KEY_FILE_UNRECOGNISED', `The key file is JSON but not an object. ${expectedLayout}.`);
	const found: Found = {};
	let level: Array<Record<string, unknown>> = [parsed];
	for (let depth = 0; depth < 4 && level.length > 0; depth += 1) {
		const next: Array<Record<string, unknown>> = [];
		for (const object of level) {
			for (const [name, value] of Object.entries(object)) {
				const role = roleOf(name);
				if (role && typeof value === 'string' && found[role] === undefined) found[role] = value;
				if (isRecord(value)) next.push(value);
			}
		}

		level = next;
	}

	return {found, format: 'json'};
}

function extractBareLines(lines: readonly string[]): Extracted | undefined {
	if (lines.length !== 2) return undefined;
	const [first = '', second = ''] = lines;
	const [firstValue, secondValue] = [cleanInput(first).value, cleanInput(second).value];
	if (isUuid(firstValue) && isSharedSecret(secondValue)) return {found: {keyId: first, secret: second}, format: 'bare-lines'};
	if (isUuid(secondValue) && isSharedSecret(firstValue)) return {found: {keyId: second, secret: first}, format: 'bare-lines'};
	return undefined;
}

/** The first error note's message (these never echo a secret). */
function firstError(notes: ReadonlyArray<{severity: string; message: string}>): string {
	return notes.find((item) => item.severity === 'error')?.message ?? 'The value is not valid.';
}

export function parseKeyFile(text: string): KeyFileResult {
	if (text.length > maxKeyFileBytes) {
		return fail('KEY_FILE_TOO_LARGE', `The key file is larger than 64 KiB, so it is not a key file. ${expectedLayout}.`);
	}

	const body = text.replace(/^\uFEFF/, '');
	if (body.trim().length === 0) return fail('KEY_FILE_EMPTY', `The key file is empty. ${expectedLayout}.`);
	if (looksBinary(body)) {
		return fail(
			'KEY_FILE_BINARY',
			'The key file is binary, like a .p12 certificate (a REST – Certificate key). This tool needs a REST – Shared Secret key: Business Center > Payment Configuration > Key Management > + Generate key > REST – Shared Secret, then Download key.',
		);
	}

	const lines = body
		.split(/\r\n|\r|\n/)
		.map((line) => line.trim())
		.filter((line) => line.length > 0 && !isComment(line) && !line.startsWith('-----'));
	const trimmed = body.trim();
	const extracted = trimmed.startsWith('{') ? extractJson(trimmed) : (extractLabelled(lines) ?? extractBareLines(lines));
	if (!extracted) {
		if (looksLikePem(body)) {
			const label = pemLabel(body);
			return fail(
				'KEY_FILE_IS_CERTIFICATE',
				`The file is a PEM ${label ? `"${label}" block` : 'block'} (a certificate or private key), not a REST – Shared Secret key file. ${expectedLayout}.`,
			);
		}

		return fail('KEY_FILE_UNRECOGNISED', `Could not find the key ID and the shared secret in the file. ${expectedLayout}.`);
	}

	if ('code' in extracted) return extracted;
	const {found, format} = extracted;
	if (found.keyId === undefined || cleanInput(found.keyId).value.length === 0) {
		return fail('KEY_FILE_MISSING_KEY_ID', `The key file has no "Key" (key ID) value. ${expectedLayout}.`);
	}

	if (found.secret === undefined || cleanInput(found.secret).value.length === 0) {
		return fail('KEY_FILE_MISSING_SECRET', `The key file has no "Shared Secret" value. ${expectedLayout}.`);
	}

	const keyId = checkKeyId(found.keyId);
	const secret = checkSecret(found.secret);
	if (isUuid(secret.value) && !keyId.ok) {
		return fail(
			'KEY_FILE_VALUES_SWAPPED',
			'In the key file the "Key" and "Shared Secret" values look swapped: the Key (key ID) is the UUID, the Shared Secret is the base64 string ending in "=".',
		);
	}

	if (!keyId.ok) return fail('KEY_FILE_INVALID_KEY_ID', `The key file's "Key" value is not a key ID. ${firstError(keyId.notes)}`);
	if (!secret.ok) return fail('KEY_FILE_INVALID_SECRET', `The key file's "Shared Secret" value is not valid. ${firstError(secret.notes)}`);
	const notes: string[] = [];
	for (const check of [keyId, secret]) {
		for (const item of check.notes) if (item.code === 'INPUT_CLEANED') notes.push(item.message);
	}

	let orgId: string | undefined;
	if (found.orgId !== undefined) {
		const org = checkOrgId(found.orgId);
		if (org.ok) {
			orgId = org.value;
			for (const item of org.notes) if (item.severity === 'warning') notes.push(item.message);
		} else {
			notes.push(`Ignored the file's organization ID: ${firstError(org.notes)}`);
		}
	}

	return {ok: true, keyId: keyId.value, secret: secret.value, ...(orgId === undefined ? {} : {orgId}), format, notes};
}
