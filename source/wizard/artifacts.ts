/**
 * What the result screen offers: the SDK configuration export (`e`) and the profile saved after a
 * successful test (`s`). Pure glue over source/export and source/profiles; the writes (and the support
 * report, `r`) live in artifact-writes.ts, loaded on demand.
 */
import type {Environment} from '../cybersource/environments.js';
import type {KeyTestReport} from '../cybersource/key-test-types.js';
import type {AuthChoice} from '../cybersource/types.js';
import {renderSdkExports, type ExportFile} from '../export/render-exports.js';
import {workingAuthMethod} from '../export/sdk-config.js';
import {isValidProfileName, type Profile, type ProfileEnvironment} from '../profiles/profile.js';
import type {Mode} from './state.js';

export type TestedKey = {readonly orgId: string; readonly keyId: string; readonly portfolioId?: string};

/** The SDK configuration files for the method that worked (undefined when none did). */
export function exportFilesFor(input: {
	readonly report: KeyTestReport;
	readonly environment: Environment;
	readonly key: TestedKey;
	readonly toolVersion: string;
}): {readonly auth: 'jwt' | 'http-signature'; readonly files: ExportFile[]} | undefined {
	const auth = workingAuthMethod(input.report);
	if (auth === undefined) return undefined;
	const files = renderSdkExports({environment: input.environment, credentials: input.key, auth, toolVersion: input.toolVersion});
	return {auth, files};
}

/** A profile name from the organization ID: invalid characters become "-", at most 64 characters. */
export function defaultProfileName(orgId: string): string {
	const cleaned = orgId.replaceAll(/[^\w.-]/g, '-').replace(/^[^A-Za-z\d]+/, '').slice(0, 64);
	return isValidProfileName(cleaned) ? cleaned : 'my-key';
}

export function profileEnvironmentOf(mode: Mode): ProfileEnvironment {
	return mode === 'practice' ? 'simulator' : mode;
}

/** What a successful test proved, as a profile; the secret only when the user said yes. */
export function profileFromTest(input: {
	readonly mode: Mode;
	readonly report: KeyTestReport;
	readonly key: TestedKey;
	readonly secret?: string;
	readonly now: () => number;
}): Profile {
	const proved = input.report.attempts.filter((attempt) => attempt.outcome === 'works' || attempt.outcome === 'authenticated');
	const methods = new Set(proved.map((attempt) => attempt.auth));
	const auth: AuthChoice = methods.size === 2 ? 'both' : methods.has('jwt') ? 'jwt' : 'http-signature';
	const requestId = proved.find((attempt) => attempt.requestId !== undefined)?.requestId;
	return {
		orgId: input.key.orgId,
		keyId: input.key.keyId,
		environment: profileEnvironmentOf(input.mode),
		auth,
		...(input.key.portfolioId === undefined ? {} : {metaKey: {portfolioId: input.key.portfolioId}}),
		lastVerifiedAt: new Date(input.now()).toISOString(),
		...(requestId === undefined ? {} : {requestId}),
		...(input.secret === undefined ? {} : {secret: input.secret}),
	};
}
