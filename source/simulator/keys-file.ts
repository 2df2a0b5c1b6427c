/** The simulator keys file: {"version":1,"keys":[KeyRecord…]}, mode 0600, written atomically. */
import {mkdirSync, readFileSync, renameSync, writeFileSync, chmodSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import path from 'node:path';
import {jsonSyntaxErrorText} from '../json-syntax-error.js';
import {cleanKeyRecord, isKeyRecord, keyRecordProblem} from './key-record.js';
import type {KeyRecord} from './types.js';

export type KeysFileResult =
	| {readonly ok: true; readonly keys: readonly KeyRecord[]}
	| {readonly ok: false; readonly missing: boolean; readonly message: string};

/** Parses the keys file text; never throws. */
export function parseKeysFile(text: string, file: string): KeysFileResult {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error: unknown) {
		return {ok: false, missing: false, message: `${file} is not JSON (${jsonSyntaxErrorText(error)})`};
	}

	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		return {ok: false, missing: false, message: `${file} is not a simulator keys file (expected {"version":1,"keys":[…]})`};
	}

	const version: unknown = Reflect.get(data, 'version');
	const keys: unknown = Reflect.get(data, 'keys');
	if (version !== 1 || !Array.isArray(keys)) {
		return {ok: false, missing: false, message: `${file} is not a simulator keys file (expected {"version":1,"keys":[…]})`};
	}

	const records: KeyRecord[] = [];
	for (const [index, item] of keys.entries()) {
		if (!isKeyRecord(item)) {
			return {ok: false, missing: false, message: `${file}: key #${index + 1}: ${keyRecordProblem(item) ?? 'invalid'}`};
		}

		records.push(cleanKeyRecord(item));
	}

	return {ok: true, keys: records};
}

function isMissingFileError(error: unknown): boolean {
	return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** Reads and validates the keys file. A missing file is {ok:false, missing:true}. */
export async function readKeysFile(file: string): Promise<KeysFileResult> {
	try {
		return parseKeysFile(await readFile(file, 'utf8'), file);
	} catch (error: unknown) {
		if (isMissingFileError(error)) return {ok: false, missing: true, message: `${file} does not exist yet`};
		return {ok: false, missing: false, message: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`};
	}
}

export function readKeysFileSync(file: string): KeysFileResult {
	try {
		return parseKeysFile(readFileSync(file, 'utf8'), file);
	} catch (error: unknown) {
		if (isMissingFileError(error)) return {ok: false, missing: true, message: `${file} does not exist yet`};
		return {ok: false, missing: false, message: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`};
	}
}

/** Creates the keys file's directory (mode 0700 for new directories). */
export function ensureKeysDirectory(file: string): void {
	mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
}

/** Writes the whole keys file atomically (temp file + rename), mode 0600. */
export function writeKeysFile(file: string, keys: readonly KeyRecord[]): void {
	ensureKeysDirectory(file);
	const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
	const text = `${JSON.stringify({version: 1, keys: keys.map((key) => cleanKeyRecord(key))}, null, '\t')}\n`;
	writeFileSync(temporary, text, {mode: 0o600, flag: 'wx'});
	chmodSync(temporary, 0o600);
	renameSync(temporary, file);
}

/**
 * Adds (or replaces, by key ID) one key in the keys file. A missing file is created;
 * an unreadable or invalid one is an error rather than being overwritten.
 */
export function appendKeyToFile(file: string, record: KeyRecord): void {
	const current = readKeysFileSync(file);
	if (!current.ok && !current.missing) {
		throw new Error(`${current.message}; fix or move it, then try again`);
	}

	const existing = current.ok ? current.keys.filter((key) => key.keyId !== record.keyId) : [];
	writeKeysFile(file, [...existing, record]);
}
