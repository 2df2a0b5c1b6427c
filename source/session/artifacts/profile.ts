/**
 * The profile a key test proved (the wizard's `s`, check --save NAME): where, which key, the methods that
 * proved it, when, and the shared secret only when the user asked for it. Pure; the stores write it.
 */
import type {KeyTestReport} from '../../cybersource/key-test-types.js';
import {isValidProfileName, type Profile, type ProfileEnvironment} from '../../profiles/profile.js';
import {provedAuthChoice, provingRequestId} from './proof.js';

/** The key pair that was tested, without its secret. */
export type TestedKey = {readonly orgId: string; readonly keyId: string; readonly portfolioId?: string};

/** A profile name from the organization ID: invalid characters become "-", at most 64 characters. */
export function defaultProfileName(orgId: string): string {
	const cleaned = orgId.replaceAll(/[^\w.-]/g, '-').replace(/^[^A-Za-z\d]+/, '').slice(0, 64);
	return isValidProfileName(cleaned) ? cleaned : 'my-key';
}

export type ProfileFromTestInput = {
	/** The environment tested, as profiles name it (the wizard's Practice is the simulator). */
	readonly environmentName: ProfileEnvironment;
	/** A custom base URL the test went to (check --base-url): saved so the profile goes there again. */
	readonly baseUrl?: URL;
	readonly report: KeyTestReport;
	readonly key: TestedKey;
	/** Stored only when the user said yes (the wizard's question, check --save-secret). */
	readonly secret?: string;
	readonly now: () => number;
};

/** What the test proved, as a profile; undefined when no method proved the key pair (there is nothing to save). */
export function profileFromTest(input: ProfileFromTestInput): Profile | undefined {
	const auth = provedAuthChoice(input.report);
	if (auth === undefined) return undefined;
	const requestId = provingRequestId(input.report);
	return {
		orgId: input.key.orgId,
		keyId: input.key.keyId,
		environment: input.environmentName,
		...(input.baseUrl === undefined ? {} : {baseUrl: input.baseUrl.origin}),
		auth,
		...(input.key.portfolioId === undefined ? {} : {metaKey: {portfolioId: input.key.portfolioId}}),
		lastVerifiedAt: new Date(input.now()).toISOString(),
		...(requestId === undefined ? {} : {requestId}),
		...(input.secret === undefined ? {} : {secret: input.secret}),
	};
}
