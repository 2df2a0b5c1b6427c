/** `check --profile NAME` and `--save NAME`: the profile store, opened once, and the profile read from it. */
import {resolveConfigDir} from '../../config-dir.js';
import {shownProfileName, type NamedProfile} from '../../profiles/profile.js';
import type {ProfileStore} from '../../profiles/store.js';
import type {CommandIo} from '../command-io.js';
import {usageStop, type Stop} from './stop.js';

/** Opens the store in the config directory; its notices (a corrupt file moved aside) go to stderr. */
export async function openStore(io: CommandIo): Promise<ProfileStore | Stop> {
	const {openProfileStore, ProfileStoreError} = await import('../../profiles/store.js');
	try {
		const store = await openProfileStore({configDir: resolveConfigDir(io.env)});
		for (const notice of store.notices) io.stderr.write(`${notice}\n`);
		return store;
	} catch (error: unknown) {
		if (!(error instanceof ProfileStoreError)) throw error;
		return usageStop([{code: error.code, message: error.message}]);
	}
}

export async function loadProfile(store: ProfileStore, name: string): Promise<NamedProfile | Stop> {
	const {getProfile, listProfiles} = await import('../../profiles/store.js');
	const profile = getProfile(store, name);
	if (profile !== undefined) return {name, profile};
	const names = listProfiles(store).map(entry => entry.name);
	return usageStop([
		{
			code: 'PROFILE_NOT_FOUND',
			message: `No profile named ${shownProfileName(name)} in ${store.path}. ${names.length === 0 ? 'There are no saved profiles' : `Saved profiles: ${names.join(', ')}`}; see cybs-key-wizard profiles.`,
		},
	]);
}
