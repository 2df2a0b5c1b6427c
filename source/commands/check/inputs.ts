/**
 * Resolves `check`'s inputs: flag > environment variable > key file > saved profile > default, then
 * validates them all (credential checks included) before anything is sent. Never echoes the secret.
 */
import type {Readable} from 'node:stream';
import {checkCredentials, checkKeyId, checkOrgId} from '../../cybersource/credential-checks.js';
import {environment, parseBaseUrl, withBaseUrl, type Environment} from '../../cybersource/environments.js';
import type {DiagnosisItem, PaymentCard} from '../../cybersource/key-test-types.js';
import {readCardFile} from '../../cybersource/read-card-file.js';
import {readKeyFile} from '../../cybersource/read-key-file.js';
import type {AuthChoice, Credentials} from '../../cybersource/types.js';
import type {NamedProfile, ProfileEnvironment} from '../../profiles/profile.js';
import {defaultLookupTimeoutMs} from '../../cybersource/lookup.js';
import type {CheckFlags} from './args.js';
import {readSecret, secretEnvVariable} from '../secret-input.js';

export const orgIdEnvVariable = 'CYBERSOURCE_MERCHANT_ID';
export const keyIdEnvVariable = 'CYBERSOURCE_KEY_ID';

export type CheckInputs = {
	/** What the user chose: test, production, india, simulator, … */
	readonly environmentName: ProfileEnvironment;
	/** A custom base URL (--base-url, or the profile's). */
	readonly baseUrl?: URL;
	readonly credentials: Credentials;
	readonly auth: AuthChoice;
	readonly timeoutSeconds?: number;
	/** --charge was given (production environments only; refused elsewhere before anything is sent). */
	readonly charge: boolean;
	/** --card-file: the real card for the --charge authorization (never shown; only its last 4 digits). */
	readonly card?: {readonly card: PaymentCard; readonly last4: string};
	/** How long to wait for the payment in the transaction search: 0 = skipped (--no-lookup). */
	readonly lookupTimeoutMs: number;
	/** --counterpart-base-url: where the environment-swap probe goes instead of the counterpart's own host. */
	readonly counterpartBaseUrl?: URL;
};

/** What is known about the run even when the inputs are rejected (for the --json object). Never the secret. */
export type KnownInputs = {
	readonly environmentName?: string;
	readonly host?: string;
	/** Only when it passed the organization-ID format (a misplaced secret is never echoed). */
	readonly orgId?: string;
	/** Only when it is a UUID. */
	readonly keyId?: string;
};

export type ResolvedInputs =
	| {
			readonly ok: true;
			readonly inputs: CheckInputs;
			/** Lines for stderr (e.g. an environment variable overrode the profile). */
			readonly notices: readonly string[];
			/** Warnings from the credential checks (shown, and listed in --json's diagnosis). */
			readonly warnings: readonly DiagnosisItem[];
	  }
	| {
			readonly ok: false;
			/** Set when the user interrupted (Ctrl+C) while the secret was being read. */
			readonly interrupted: boolean;
			readonly problems: readonly DiagnosisItem[];
			readonly notices: readonly string[];
			readonly known: KnownInputs;
	  };

export type InputContext = {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly stdin: Readable & {readonly isTTY?: boolean};
	readonly cwd: string;
	readonly signal: AbortSignal;
	readonly profile?: NamedProfile;
	/** Decides whether the --card-file card has expired (default Date.now). */
	readonly now?: () => number;
};

function fromEnv(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
	const value = env[name];
	return value === undefined || value.trim() === '' ? undefined : value;
}

/** The environment requests go to; undefined for the simulator (its URL is known once it runs). */
export function environmentFor(name: ProfileEnvironment, baseUrl: URL | undefined): Environment | undefined {
	if (name === 'simulator') return undefined;
	const identity = environment(name);
	return baseUrl === undefined ? identity : withBaseUrl(identity, baseUrl);
}

/** Whether a chosen environment moves real money (decides whether --charge is allowed). */
export function isProductionName(name: ProfileEnvironment): boolean {
	return name !== 'simulator' && environment(name).kind === 'production';
}

type Source = 'flag' | 'env' | 'key file' | 'profile';

type Picked = {readonly value: string; readonly source: Source} | undefined;

function pick(candidates: ReadonlyArray<readonly [Source, string | undefined]>): Picked {
	for (const [source, value] of candidates) if (value !== undefined) return {value, source};
	return undefined;
}

function overrideNotice(variable: string, what: string, profileName: string, profileValue: string | undefined, used: Picked): string | undefined {
	if (used?.source !== 'env' || profileValue === undefined || profileValue === used.value.trim()) return undefined;
	return `${variable} is set and overrides the ${what} in profile "${profileName}".`;
}

export async function resolveCheckInputs(flags: CheckFlags, context: InputContext): Promise<ResolvedInputs> {
	const {env, profile} = context;
	const saved = profile?.profile;
	const problems: DiagnosisItem[] = [];
	const notices: string[] = [];

	// Where.
	const environmentName: ProfileEnvironment = flags.env ?? saved?.environment ?? 'test';
	const baseUrlText = flags.baseUrl ?? (flags.env === undefined ? saved?.baseUrl : undefined);
	let baseUrl: URL | undefined;
	if (baseUrlText !== undefined) {
		const parsed = parseBaseUrl(baseUrlText);
		if (parsed.ok) baseUrl = parsed.url;
		else problems.push({code: 'BASE_URL_INVALID', message: `--base-url: ${parsed.message}`});
	}

	let counterpartBaseUrl: URL | undefined;
	if (flags.counterpartBaseUrl !== undefined) {
		const parsed = parseBaseUrl(flags.counterpartBaseUrl);
		if (parsed.ok) counterpartBaseUrl = parsed.url;
		else problems.push({code: 'BASE_URL_INVALID', message: `--counterpart-base-url: ${parsed.message}`});
	}

	if (flags.charge && !isProductionName(environmentName)) {
		problems.push({
			code: 'CHARGE_NOT_IN_PRODUCTION',
			message: `--charge is for production environments only (production, india, visa-production): in ${environmentName} check always sends a test payment, which moves no money. Drop --charge. Nothing was sent.`,
		});
	}

	// The real card for the production charge (checked before anything is sent; never echoed).
	let card: CheckInputs['card'];
	if (flags.cardFile !== undefined) {
		const read = await readCardFile(flags.cardFile, {cwd: context.cwd, now: context.now ?? Date.now});
		if (read.ok) card = {card: read.card, last4: read.last4};
		else problems.push({code: read.code, message: read.message});
	}

	const target = environmentFor(environmentName, baseUrl);
	const auth: AuthChoice = flags.auth ?? saved?.auth ?? 'both';

	// Meta key.
	let portfolioId: string | undefined;
	if (flags.metaKey) {
		portfolioId = flags.portfolioId ?? saved?.metaKey?.portfolioId;
		if (portfolioId === undefined) {
			problems.push({
				code: 'PORTFOLIO_ID_MISSING',
				message: '--meta-key needs --portfolio-id ID: the portfolio (or account) ID that owns the meta key.',
			});
		}
	} else {
		portfolioId = saved?.metaKey?.portfolioId;
	}

	// Key file (replaces key ID and secret).
	let keyFile: {keyId: string; secret: string; orgId?: string} | undefined;
	if (flags.keyFile !== undefined) {
		const read = await readKeyFile(flags.keyFile, context.cwd);
		if (read.ok) keyFile = {keyId: read.keyId, secret: read.secret, ...(read.orgId === undefined ? {} : {orgId: read.orgId})};
		else problems.push({code: read.code, message: read.message});
	}

	// Who.
	const orgId = pick([
		['flag', flags.orgId],
		['env', fromEnv(env, orgIdEnvVariable)],
		['key file', keyFile?.orgId],
		['profile', saved?.orgId],
	]);
	const keyId = pick([
		['flag', flags.keyId],
		['key file', keyFile?.keyId],
		['env', flags.keyFile === undefined ? fromEnv(env, keyIdEnvVariable) : undefined],
		['profile', flags.keyFile === undefined ? saved?.keyId : undefined],
	]);
	if (orgId === undefined) {
		problems.push({
			code: 'ORG_ID_MISSING',
			message: `No organization ID: pass --org-id ID or set ${orgIdEnvVariable} (the merchant ID you log in to Business Center with).`,
		});
	}

	if (keyId === undefined && flags.keyFile === undefined) {
		problems.push({
			code: 'KEY_ID_MISSING',
			message: `No key ID: pass --key-id UUID, --key-file PATH, or set ${keyIdEnvVariable} (Business Center > Payment Configuration > Key Management, the key's "Key" value).`,
		});
	}

	// The secret.
	let secret: string | undefined;
	let secretFromEnv = false;
	if (keyFile !== undefined) {
		secret = keyFile.secret;
	} else if (flags.keyFile === undefined) {
		const envSecret = fromEnv(env, secretEnvVariable);
		if (flags.secretFile === undefined && envSecret === undefined && saved?.secret !== undefined) {
			secret = saved.secret;
		} else {
			const read = await readSecret({
				...(flags.secretFile === undefined ? {} : {secretFile: flags.secretFile}),
				env,
				stdin: context.stdin,
				cwd: context.cwd,
				signal: context.signal,
			});
			if (read.ok) {
				secret = read.secret;
				secretFromEnv = read.source === 'env';
			} else if (read.code === 'INTERRUPTED') {
				return {ok: false, interrupted: true, problems: [{code: read.code, message: read.message}], notices, known: {}};
			} else {
				const hint =
					read.code === 'SECRET_NOT_GIVEN' && profile !== undefined
						? ` Profile "${profile.name}" does not store one (only check --save NAME --save-secret does).`
						: '';
				problems.push({code: read.code, message: `${read.message}${hint}`});
			}
		}
	}

	if (profile !== undefined) {
		for (const notice of [
			overrideNotice(orgIdEnvVariable, 'organization ID', profile.name, saved?.orgId, orgId),
			overrideNotice(keyIdEnvVariable, 'key ID', profile.name, saved?.keyId, keyId),
			secretFromEnv && saved?.secret !== undefined && saved.secret !== secret
				? `${secretEnvVariable} is set and overrides the shared secret stored in profile "${profile.name}".`
				: undefined,
		]) {
			if (notice !== undefined) notices.push(notice);
		}
	}

	const orgCheck = orgId === undefined ? undefined : checkOrgId(orgId.value);
	const keyCheck = keyId === undefined ? undefined : checkKeyId(keyId.value);
	const known: KnownInputs = {
		environmentName,
		...(target === undefined ? {} : {host: new URL(target.baseUrl).host}),
		...(orgCheck?.ok ? {orgId: orgCheck.value} : {}),
		...(keyCheck?.ok ? {keyId: keyCheck.value} : {}),
	};

	const warnings: DiagnosisItem[] = [];
	let credentials: Credentials | undefined;
	if (orgId !== undefined && keyId !== undefined && secret !== undefined) {
		const checked = checkCredentials({
			orgId: orgId.value,
			keyId: keyId.value,
			secret,
			...(portfolioId === undefined ? {} : {portfolioId}),
		});
		for (const item of checked.notes) {
			if (item.severity === 'error') problems.push({code: item.code, message: item.message});
			else if (item.severity === 'warning') warnings.push({code: item.code, message: item.message});
		}

		credentials = checked.credentials;
	} else {
		// Something is missing: still name what is wrong with the values that were given.
		for (const item of [...(orgCheck?.notes ?? []), ...(keyCheck?.notes ?? [])]) {
			if (item.severity === 'error') problems.push({code: item.code, message: item.message});
		}
	}

	if (problems.length > 0 || credentials === undefined) {
		return {ok: false, interrupted: false, problems, notices, known};
	}

	return {
		ok: true,
		inputs: {
			environmentName,
			...(baseUrl === undefined ? {} : {baseUrl}),
			credentials,
			auth,
			...(flags.timeoutSeconds === undefined ? {} : {timeoutSeconds: flags.timeoutSeconds}),
			charge: flags.charge,
			...(card === undefined ? {} : {card}),
			lookupTimeoutMs: flags.noLookup ? 0 : flags.lookupTimeoutSeconds === undefined ? defaultLookupTimeoutMs : Math.round(flags.lookupTimeoutSeconds * 1000),
			...(counterpartBaseUrl === undefined ? {} : {counterpartBaseUrl}),
		},
		notices,
		warnings,
	};
}
