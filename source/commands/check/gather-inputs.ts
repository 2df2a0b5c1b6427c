/**
 * Everything `check` needs before it sends anything, each checked first: where the files go (--report,
 * --debug, --export), the saved profile (--profile) and the store (--save), and the inputs resolved and
 * validated (flag > environment variable > key file > profile > default). A problem is a Stop (exit 2).
 */
import type {DiagnosisItem} from '../../cybersource/key-test-types.js';
import type {NamedProfile} from '../../profiles/profile.js';
import type {ProfileStore} from '../../profiles/store.js';
import type {CommandIo} from '../command-io.js';
import type {CheckFlags} from './args.js';
import {preflightArtifacts, type ArtifactPaths} from './artifact-paths.js';
import {resolveCheckInputs, type CheckInputs} from './inputs.js';
import {loadProfile, openStore} from './profile-store.js';
import {interrupted, isStop, usageStop, type Stop} from './stop.js';

export type Gathered = {
	readonly artifacts: ArtifactPaths;
	/** Open when --profile or --save was given. */
	readonly store?: ProfileStore;
	readonly inputs: CheckInputs;
	/** Credential-check warnings: said before the test, listed in the diagnosis. */
	readonly warnings: readonly DiagnosisItem[];
};

export async function gatherInputs(
	io: CommandIo,
	flags: CheckFlags,
	mask: (...ids: ReadonlyArray<string | undefined>) => void,
	now?: () => number,
): Promise<Gathered | Stop> {
	const preflight = await preflightArtifacts(io.cwd, flags);
	if (!preflight.ok) return usageStop(preflight.problems);

	let store: ProfileStore | undefined;
	let profile: NamedProfile | undefined;
	if (flags.profile !== undefined || flags.save !== undefined) {
		const opened = await openStore(io);
		if (isStop(opened)) return opened;
		store = opened;
		if (flags.profile !== undefined) {
			const loaded = await loadProfile(store, flags.profile);
			if (isStop(loaded)) return loaded;
			profile = loaded;
			mask(loaded.profile.orgId, loaded.profile.keyId, loaded.profile.metaKey?.portfolioId);
		}
	}

	const resolved = await resolveCheckInputs(flags, {
		env: io.env,
		stdin: io.stdin,
		cwd: io.cwd,
		signal: io.signal,
		...(profile === undefined ? {} : {profile}),
		...(now === undefined ? {} : {now}),
	});
	if (resolved.ok) mask(resolved.inputs.credentials.orgId, resolved.inputs.credentials.keyId, resolved.inputs.credentials.portfolioId);
	else mask(resolved.known.orgId, resolved.known.keyId);
	for (const notice of resolved.notices) io.stderr.write(`${notice}\n`);
	if (!resolved.ok) {
		if (resolved.interrupted || io.signal.aborted) return interrupted(resolved.known);
		return usageStop(resolved.problems, resolved.known);
	}

	return {artifacts: preflight.paths, ...(store === undefined ? {} : {store}), inputs: resolved.inputs, warnings: resolved.warnings};
}
