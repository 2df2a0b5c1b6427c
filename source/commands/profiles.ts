/** `cybs-key-wizard profiles [list|show NAME|delete NAME] [--json]`: saved profiles, never a secret. */
import {parseArgs} from 'node:util';
import {resolveConfigDir} from '../config-dir.js';
import {exitCodes} from '../exit-codes.js';
import {profileListJson, profileListText, profileShowText} from '../profiles/describe.js';
import {publicProfile, shownProfileName} from '../profiles/profile.js';
import {
	deleteProfile,
	getProfile,
	listProfiles,
	openProfileStore,
	ProfileStoreError,
	type ProfileStore,
} from '../profiles/store.js';
import {UsageError, type CommandIo, type CommandMain} from './command-io.js';
import {describeParseError, quotedWord} from './parse-error.js';

type ProfilesAction = {readonly kind: 'list'} | {readonly kind: 'show' | 'delete'; readonly name: string};

function parseProfilesArgs(argv: readonly string[]): {action: ProfilesAction; json: boolean} {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			options: {json: {type: 'boolean'}},
			allowPositionals: true,
			strict: true,
		});
	} catch (error: unknown) {
		throw new UsageError(describeParseError(error, 'profiles', 'Run cybs-key-wizard profiles --help.'));
	}

	const json = parsed.values.json ?? false;
	const [verb, name, ...extra] = parsed.positionals;
	if (extra.length > 0) throw new UsageError('profiles takes at most a verb and a profile name; there is an extra argument. Run cybs-key-wizard profiles --help.');
	if (verb === undefined || verb === 'list') {
		if (name !== undefined) throw new UsageError('"profiles list" takes no name: drop the extra argument, or use profiles show NAME.');
		return {action: {kind: 'list'}, json};
	}

	if (verb === 'show' || verb === 'delete') {
		if (name === undefined) throw new UsageError(`Usage: cybs-key-wizard profiles ${verb} NAME`);
		return {action: {kind: verb, name}, json};
	}

	throw new UsageError(`Unknown profiles command ${quotedWord(verb) ?? '(not shown)'}. Use list, show NAME or delete NAME.`);
}

function unknownProfileMessage(store: ProfileStore, name: string): string {
	const names = listProfiles(store).map(entry => entry.name);
	const known = names.length === 0 ? 'There are no saved profiles.' : `Saved profiles: ${names.join(', ')}.`;
	return `No profile named ${shownProfileName(name)} in ${store.path}. ${known}\n`;
}

function run(io: CommandIo, store: ProfileStore, action: ProfilesAction, json: boolean): number {
	switch (action.kind) {
		case 'list': {
			const profiles = listProfiles(store);
			io.stdout.write(
				json ? `${JSON.stringify(profileListJson(profiles, store.path))}\n` : profileListText(profiles, store.path),
			);
			return exitCodes.ok;
		}

		case 'show': {
			const profile = getProfile(store, action.name);
			if (profile === undefined) {
				io.stderr.write(unknownProfileMessage(store, action.name));
				return exitCodes.usage;
			}

			io.stdout.write(
				json
					? `${JSON.stringify({configFile: store.path, profile: publicProfile(action.name, profile)})}\n`
					: profileShowText(action.name, profile, store.path),
			);
			return exitCodes.ok;
		}

		case 'delete': {
			if (!deleteProfile(store, action.name)) {
				io.stderr.write(unknownProfileMessage(store, action.name));
				return exitCodes.usage;
			}

			io.stdout.write(
				json
					? `${JSON.stringify({deleted: action.name, configFile: store.path})}\n`
					: `Deleted profile ${action.name} from ${store.path}.\n`,
			);
			return exitCodes.ok;
		}
	}
}

export const main: CommandMain = async io => {
	try {
		const {action, json} = parseProfilesArgs(io.argv);
		const store = await openProfileStore({configDir: resolveConfigDir(io.env)});
		for (const notice of store.notices) io.stderr.write(`${notice}\n`);
		return run(io, store, action, json);
	} catch (error: unknown) {
		if (error instanceof UsageError || error instanceof ProfileStoreError) {
			io.stderr.write(`${error.message}\n`);
			return exitCodes.usage;
		}

		throw error;
	}
};
