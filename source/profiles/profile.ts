/**
 * A saved profile: what a successful key test proved, so the next run needs no retyping.
 * Pure data and type guards; no I/O. The secret is present only when the user opted in.
 */
import {environmentIds, type EnvironmentId} from '../cybersource/environments.js';
import {mayBeSecret} from '../cybersource/secret-like.js';
import type {AuthChoice} from '../cybersource/types.js';
import {isRecord} from '../is-record.js';

/** Where the profile's key works: a CyberSource environment, or the built-in simulator. */
export type ProfileEnvironment = EnvironmentId | 'simulator';

export const profileEnvironments: readonly ProfileEnvironment[] = [...environmentIds, 'simulator'];

export const authChoices: readonly AuthChoice[] = ['http-signature', 'jwt', 'both'];

export type Profile = {
	/** Organization ID (transacting merchant ID). */
	readonly orgId: string;
	readonly keyId: string;
	readonly environment: ProfileEnvironment;
	/** A custom base URL (simulator, proxy, intermediate host) used instead of the environment's host. */
	readonly baseUrl?: string;
	readonly auth: AuthChoice;
	/** Present when the key is a meta key. */
	readonly metaKey?: {readonly portfolioId: string};
	/** ISO 8601 UTC time of the last successful test. */
	readonly lastVerifiedAt: string;
	/** Request ID of the last successful test (Business Center › Transaction Management). */
	readonly requestId?: string;
	/** The shared secret: ONLY when the user explicitly asked to store it (file mode 0600). */
	readonly secret?: string;
};

export type NamedProfile = {readonly name: string; readonly profile: Profile};

const profileNamePattern = /^[A-Za-z\d][\w.-]{0,63}$/;

/** Letters, digits, `.`, `_`, `-`; starts with a letter or digit; at most 64 characters. */
export function isValidProfileName(name: string): boolean {
	return profileNamePattern.test(name);
}

/** Why `name` cannot be a profile name, or undefined. Never quotes it: an invalid name may be a pasted secret. */
export function profileNameProblem(name: string): string | undefined {
	if (isValidProfileName(name)) return undefined;
	return 'This is not a valid profile name: use letters, digits, ".", "_" or "-" (starting with a letter or digit, at most 64 characters).';
}

/** A profile name the user gave, for a message: quoted when it is a valid name that cannot be the secret, else not shown. */
export function shownProfileName(name: string): string {
	return isValidProfileName(name) && !mayBeSecret(name) ? `"${name}"` : '(the name given: not shown, it is not a valid profile name)';
}

export function isProfileEnvironment(value: unknown): value is ProfileEnvironment {
	return typeof value === 'string' && profileEnvironments.some(name => name === value);
}

export function isAuthChoice(value: unknown): value is AuthChoice {
	return typeof value === 'string' && authChoices.some(choice => choice === value);
}

function isNonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

function isOptional<T>(value: unknown, guard: (value: unknown) => value is T): boolean {
	return value === undefined || guard(value);
}

function isMetaKey(value: unknown): value is {portfolioId: string} {
	return isRecord(value) && isNonEmptyString(value['portfolioId']);
}

function isIsoTime(value: unknown): value is string {
	return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/** Guards a profile record read from disk (JSON is `unknown` until checked). */
export function isProfile(value: unknown): value is Profile {
	return (
		isRecord(value) &&
		isNonEmptyString(value['orgId']) &&
		isNonEmptyString(value['keyId']) &&
		isProfileEnvironment(value['environment']) &&
		isOptional(value['baseUrl'], isNonEmptyString) &&
		isAuthChoice(value['auth']) &&
		isOptional(value['metaKey'], isMetaKey) &&
		isIsoTime(value['lastVerifiedAt']) &&
		isOptional(value['requestId'], isNonEmptyString) &&
		isOptional(value['secret'], isNonEmptyString)
	);
}

/** A copy holding only the known fields (drops anything else a hand-edited file may carry). */
export function normalizeProfile(profile: Profile): Profile {
	return {
		orgId: profile.orgId,
		keyId: profile.keyId,
		environment: profile.environment,
		...(profile.baseUrl === undefined ? {} : {baseUrl: profile.baseUrl}),
		auth: profile.auth,
		...(profile.metaKey === undefined ? {} : {metaKey: {portfolioId: profile.metaKey.portfolioId}}),
		lastVerifiedAt: profile.lastVerifiedAt,
		...(profile.requestId === undefined ? {} : {requestId: profile.requestId}),
		...(profile.secret === undefined ? {} : {secret: profile.secret}),
	};
}

/** The profile as it may be shown or printed: never the secret, only whether one is stored. */
export type PublicProfile = Omit<Profile, 'secret'> & {readonly name: string; readonly secretStored: boolean};

export function publicProfile(name: string, profile: Profile): PublicProfile {
	const {secret, ...rest} = normalizeProfile(profile);
	return {name, ...rest, secretStored: secret !== undefined};
}
