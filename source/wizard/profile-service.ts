/**
 * Saved profiles as the wizard uses them: listed on the welcome screen, saved after a successful test.
 * Opens the store (source/profiles/store.ts) in the injected config directory each time, so a corrupt
 * file is moved aside (the store's notice is shown) and tests use a temporary directory.
 */
import path from 'node:path';
import type {NamedProfile, Profile} from '../profiles/profile.js';
import {configFileName} from '../profiles/store.js';

export type ProfileListing = {
	readonly profiles: readonly NamedProfile[];
	/** The store's notices (a corrupt file moved aside) or why it could not be read. */
	readonly notices: readonly string[];
};

export type SavedProfile =
	| {readonly ok: true; readonly file: string; readonly directory: string; readonly notices: readonly string[]}
	| {readonly ok: false; readonly code: string; readonly message: string};

export type ProfileService = {
	/** The config file profiles are kept in (shown before the user decides to store the secret). */
	readonly file: string;
	readonly load: () => Promise<ProfileListing>;
	readonly save: (name: string, profile: Profile) => Promise<SavedProfile>;
};

function problem(error: unknown): {code: string; message: string} {
	const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'CONFIG_WRITE_FAILED';
	return {code, message: error instanceof Error ? error.message : String(error)};
}

export function createProfileService(configDir: string, now: () => number = Date.now): ProfileService {
	const open = async () => {
		const {openProfileStore} = await import('../profiles/store.js');
		return openProfileStore({configDir, now});
	};

	return {
		file: path.join(path.resolve(configDir), configFileName),
		async load() {
			try {
				const store = await open();
				const {listProfiles} = await import('../profiles/store.js');
				return {profiles: listProfiles(store), notices: [...store.notices]};
			} catch (error: unknown) {
				const {code, message} = problem(error);
				return {profiles: [], notices: [`${message} [${code}]`]};
			}
		},
		async save(name, profile) {
			try {
				const store = await open();
				const {saveProfile} = await import('../profiles/store.js');
				saveProfile(store, name, profile);
				return {ok: true, file: store.path, directory: store.directory, notices: [...store.notices]};
			} catch (error: unknown) {
				return {ok: false, ...problem(error)};
			}
		},
	};
}
