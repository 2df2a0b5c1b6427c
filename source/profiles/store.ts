/**
 * Saved profiles in `<configDir>/config.json`, kept with conf (lazy-imported so fast paths stay fast).
 * The file is written 0600 inside a 0700 directory. A corrupt or unreadable file is moved aside
 * (kept, never deleted) and a fresh one started; `store.notices` says so.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Conf from 'conf';
import {jsonSyntaxErrorText} from '../json-syntax-error.js';
import {isProfile, isValidProfileName, normalizeProfile, profileNameProblem, type NamedProfile, type Profile} from './profile.js';
import {isRecord} from '../is-record.js';

export const configFileName = 'config.json';
const profilesKey = 'profiles';

export type ProfileStoreErrorCode = 'CONFIG_UNREADABLE' | 'CONFIG_WRITE_FAILED' | 'INVALID_PROFILE';

/** A config file problem that could not be recovered from; the message names the file and the next step. */
export class ProfileStoreError extends Error {
	override name = 'ProfileStoreError';
	constructor(
		readonly code: ProfileStoreErrorCode,
		message: string,
		readonly file: string,
	) {
		super(message);
	}
}

export type ProfileStoreOptions = {
	/** resolveConfigDir(env) in the CLI; a temporary directory in tests. */
	readonly configDir: string;
	/** Clock for the moved-aside file's name. */
	readonly now?: () => number;
};

export type ProfileStore = {
	/** The config file, e.g. ~/.config/cybs-key-wizard-nodejs/config.json */
	readonly path: string;
	readonly directory: string;
	/** Things the user should be told on stderr (a corrupt file was moved aside, a mode could not be set). */
	readonly notices: string[];
	readonly conf: Conf<Record<string, unknown>>;
};

function errorText(error: unknown): string {
	if (error instanceof Error) {
		const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
		return code === undefined ? error.message : `${code}: ${error.message}`;
	}

	return String(error);
}

function hasErrorCode(error: unknown, code: string): boolean {
	return error instanceof Error && 'code' in error && error.code === code;
}

/** Creates the directory 0700, or tightens an existing one to 0700. */
function ensurePrivateDirectory(directory: string, notices: string[]): void {
	try {
		fs.mkdirSync(directory, {recursive: true, mode: 0o700});
	} catch (error: unknown) {
		throw new ProfileStoreError(
			'CONFIG_WRITE_FAILED',
			`Cannot create the config directory ${directory} (${errorText(error)}). Set CYBS_KEY_WIZARD_CONFIG_DIR to a directory you can write.`,
			directory,
		);
	}

	try {
		if ((fs.statSync(directory).mode & 0o777) !== 0o700) fs.chmodSync(directory, 0o700);
	} catch (error: unknown) {
		notices.push(`Could not restrict ${directory} to mode 0700 (${errorText(error)}).`);
	}
}

/** Why the file at `file` cannot be used as our config, or undefined when it is fine or absent. */
function configFileProblem(file: string): string | undefined {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error: unknown) {
		if (hasErrorCode(error, 'ENOENT')) return undefined;
		return `it cannot be read (${errorText(error)})`;
	}

	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error: unknown) {
		return `it is not valid JSON (${jsonSyntaxErrorText(error)})`;
	}

	if (!isRecord(data)) return 'it does not hold a JSON object';
	const profiles = data[profilesKey];
	if (profiles === undefined) return undefined;
	if (!isRecord(profiles)) return '"profiles" is not an object';
	for (const [name, profile] of Object.entries(profiles)) {
		if (!isValidProfileName(name)) return 'a profile name in it is not valid (letters, digits, ".", "_" or "-", at most 64 characters)';
		if (!isProfile(profile)) return `profile "${name}" is incomplete or malformed`;
	}

	return undefined;
}

function timestampForFileName(time: number): string {
	return new Date(time).toISOString().replaceAll(':', '-').replace('.', '-');
}

/** Renames `file` to `<file>.corrupt-<timestamp>[-n]` and returns the new path. */
function moveAside(file: string, time: number): string {
	const base = `${file}.corrupt-${timestampForFileName(time)}`;
	let target = base;
	for (let n = 1; fs.existsSync(target); n++) target = `${base}-${n}`;
	try {
		fs.renameSync(file, target);
	} catch (error: unknown) {
		throw new ProfileStoreError(
			'CONFIG_UNREADABLE',
			`The config file ${file} is corrupt or unreadable and could not be moved aside (${errorText(error)}). Move or repair it by hand, or set CYBS_KEY_WIZARD_CONFIG_DIR to another directory.`,
			file,
		);
	}

	return target;
}

/** Opens (creating if needed) the profile store in `configDir`. */
export async function openProfileStore(options: ProfileStoreOptions): Promise<ProfileStore> {
	const directory = path.resolve(options.configDir);
	const file = path.join(directory, configFileName);
	const notices: string[] = [];
	const now = options.now ?? Date.now;
	ensurePrivateDirectory(directory, notices);

	const problem = configFileProblem(file);
	if (problem !== undefined) {
		const aside = moveAside(file, now());
		notices.push(
			`The config file ${file} could not be used: ${problem}. It was moved to ${aside} (kept, not deleted) and a fresh config file was started.`,
		);
	}

	const {default: ConfClass} = await import('conf');
	let conf: Conf<Record<string, unknown>>;
	try {
		conf = new ConfClass<Record<string, unknown>>({
			cwd: directory,
			configName: 'config',
			configFileMode: 0o600,
			accessPropertiesByDotNotation: false,
			clearInvalidConfig: false,
		});
	} catch (error: unknown) {
		throw new ProfileStoreError(
			'CONFIG_UNREADABLE',
			`Cannot open the config file ${file} (${errorText(error)}). Move it aside, or set CYBS_KEY_WIZARD_CONFIG_DIR to another directory.`,
			file,
		);
	}

	return {path: conf.path, directory, notices, conf};
}

/** All stored profiles, validated (the file is checked on open; a change since then is reported, not trusted). */
function readProfiles(store: ProfileStore): Map<string, Profile> {
	let data: unknown;
	try {
		data = store.conf.get(profilesKey);
	} catch (error: unknown) {
		throw new ProfileStoreError(
			'CONFIG_UNREADABLE',
			`Cannot read the config file ${store.path} (${errorText(error)}). Run the command again: a corrupt file is moved aside on start.`,
			store.path,
		);
	}

	const profiles = new Map<string, Profile>();
	if (!isRecord(data)) return profiles;
	for (const [name, profile] of Object.entries(data)) {
		if (isValidProfileName(name) && isProfile(profile)) profiles.set(name, normalizeProfile(profile));
	}

	return profiles;
}

function writeProfiles(store: ProfileStore, profiles: ReadonlyMap<string, Profile>): void {
	const sorted = [...profiles.entries()].sort(([a], [b]) => a.localeCompare(b));
	const record: Record<string, Profile> = {};
	for (const [name, profile] of sorted) record[name] = normalizeProfile(profile);
	ensurePrivateDirectory(store.directory, store.notices);
	try {
		store.conf.set(profilesKey, record);
		// conf writes atomically with configFileMode; a pre-existing file's mode is tightened too.
		fs.chmodSync(store.path, 0o600);
	} catch (error: unknown) {
		throw new ProfileStoreError(
			'CONFIG_WRITE_FAILED',
			`Cannot write the config file ${store.path} (${errorText(error)}). Check that the directory is writable, or set CYBS_KEY_WIZARD_CONFIG_DIR.`,
			store.path,
		);
	}
}

/** Profiles sorted by name. */
export function listProfiles(store: ProfileStore): NamedProfile[] {
	return [...readProfiles(store).entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([name, profile]) => ({name, profile}));
}

export function getProfile(store: ProfileStore, name: string): Profile | undefined {
	return readProfiles(store).get(name);
}

/** Adds or replaces a profile. Throws ProfileStoreError (INVALID_PROFILE) for a bad name or record. */
export function saveProfile(store: ProfileStore, name: string, profile: Profile): void {
	if (!isValidProfileName(name)) {
		throw new ProfileStoreError(
			'INVALID_PROFILE',
			profileNameProblem(name) ?? 'This is not a valid profile name.',
			store.path,
		);
	}

	if (!isProfile(profile)) {
		throw new ProfileStoreError('INVALID_PROFILE', `Profile "${name}" is incomplete; it was not saved.`, store.path);
	}

	const profiles = readProfiles(store);
	profiles.set(name, profile);
	writeProfiles(store, profiles);
}

/** Removes a profile; false when there was none by that name. */
export function deleteProfile(store: ProfileStore, name: string): boolean {
	const profiles = readProfiles(store);
	if (!profiles.delete(name)) return false;
	writeProfiles(store, profiles);
	return true;
}
