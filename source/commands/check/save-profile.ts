/** `check --save NAME [--save-secret]`: after a passing test, what it proved saved as a profile. */
import {profileFromTest} from '../../session/artifacts/profile.js';
import type {KeyTestReport} from '../../cybersource/key-test-types.js';
import type {ProfileStore} from '../../profiles/store.js';
import type {CommandIo} from '../command-io.js';
import {secretEnvVariable} from '../secret-input.js';
import type {CheckInputs} from './inputs.js';

export type SaveRequest = {
	readonly name: string;
	/** --save-secret: store the shared secret too (the profile file is 0600). */
	readonly withSecret: boolean;
};

/** Saves the profile (or says why not) on stderr; a test that did not pass saves nothing. */
export async function saveAfterTest(
	io: CommandIo,
	store: ProfileStore,
	save: SaveRequest,
	test: {readonly inputs: CheckInputs; readonly report: KeyTestReport; readonly passed: boolean; readonly now: () => number},
): Promise<void> {
	const {name} = save;
	const {credentials} = test.inputs;
	const profile = test.passed
		? profileFromTest({
				environmentName: test.inputs.environmentName,
				...(test.inputs.baseUrl === undefined ? {} : {baseUrl: test.inputs.baseUrl}),
				report: test.report,
				key: {orgId: credentials.orgId, keyId: credentials.keyId, ...(credentials.portfolioId === undefined ? {} : {portfolioId: credentials.portfolioId})},
				...(save.withSecret ? {secret: credentials.secret} : {}),
				now: test.now,
			})
		: undefined;
	if (profile === undefined) {
		io.stderr.write(`Profile "${name}" was not saved: the test did not pass.\n`);
		return;
	}

	const {saveProfile, ProfileStoreError} = await import('../../profiles/store.js');
	try {
		saveProfile(store, name, profile);
	} catch (error: unknown) {
		if (!(error instanceof ProfileStoreError)) throw error;
		io.stderr.write(`Profile "${name}" was not saved: ${error.message}\n`);
		return;
	}

	for (const notice of store.notices.splice(0)) io.stderr.write(`${notice}\n`);
	io.stderr.write(
		save.withSecret
			? `Saved profile "${name}" WITH the shared secret in ${store.path} (file mode 0600, directory ${store.directory} mode 0700). Anyone who can read that file can use this key.\n`
			: `Saved profile "${name}" in ${store.path} (the shared secret is not stored; give it with --secret-file or ${secretEnvVariable} next time).\n`,
	);
}
