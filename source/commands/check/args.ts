/** `check`'s command line, parsed strictly: an unknown flag is a usage error (exit 2). Pure. */
import {parseArgs} from 'node:util';
import {isEnvironmentId} from '../../cybersource/environments.js';
import type {AuthChoice} from '../../cybersource/types.js';
import {isAuthChoice, profileNameProblem, type ProfileEnvironment} from '../../profiles/profile.js';
import {UsageError} from '../command-io.js';
import {describeParseError, quotedWord} from '../parse-error.js';

export type CheckFlags = {
	readonly orgId?: string;
	readonly keyId?: string;
	readonly secretFile?: string;
	readonly keyFile?: string;
	readonly env?: ProfileEnvironment;
	readonly baseUrl?: string;
	readonly auth?: AuthChoice;
	readonly metaKey: boolean;
	readonly portfolioId?: string;
	readonly profile?: string;
	/** Seconds per request. */
	readonly timeoutSeconds?: number;
	readonly json: boolean;
	readonly save?: string;
	readonly saveSecret: boolean;
	/** --report FILE: the support report (Markdown + JSON, see report-paths.ts), written after the test. */
	readonly report?: string;
	/** --force: replace existing --report files. */
	readonly force: boolean;
	/** --debug FILE: every HTTP exchange, redacted. */
	readonly debug?: string;
	/** --redact-ids: mask the organization ID and key ID in everything check prints. */
	readonly redactIds: boolean;
	/** --export DIR: SDK configuration files for the method that worked, after a passing test. */
	readonly exportDir?: string;
	/** --charge: in production, a real 1.00 authorization (reversed at once) instead of the no-charge probe. */
	readonly charge: boolean;
	/** --card-file PATH: the real card for the --charge authorization (only with --charge; see card-file.ts). */
	readonly cardFile?: string;
	/** --no-lookup: do not wait for the payment to show in the transaction search. */
	readonly noLookup: boolean;
	/** --lookup-timeout SECONDS: how long to wait for the transaction search (0 = skip). */
	readonly lookupTimeoutSeconds?: number;
	/** --counterpart-base-url URL: where the environment-swap probe sends its request (a proxy or a second simulator). */
	readonly counterpartBaseUrl?: string;
};

/** Longest --timeout accepted, in seconds. */
export const maxTimeoutSeconds = 600;
/** Longest --lookup-timeout accepted, in seconds. */
export const maxLookupTimeoutSeconds = 600;

const options = {
	'org-id': {type: 'string'},
	'key-id': {type: 'string'},
	'secret-file': {type: 'string'},
	'key-file': {type: 'string'},
	env: {type: 'string'},
	'base-url': {type: 'string'},
	auth: {type: 'string'},
	'meta-key': {type: 'boolean'},
	'portfolio-id': {type: 'string'},
	profile: {type: 'string'},
	timeout: {type: 'string'},
	json: {type: 'boolean'},
	save: {type: 'string'},
	'save-secret': {type: 'boolean'},
	report: {type: 'string'},
	force: {type: 'boolean'},
	debug: {type: 'string'},
	'redact-ids': {type: 'boolean'},
	export: {type: 'string'},
	charge: {type: 'boolean'},
	'card-file': {type: 'string'},
	'no-lookup': {type: 'boolean'},
	'lookup-timeout': {type: 'string'},
	'counterpart-base-url': {type: 'string'},
} as const;

const help = 'Run cybs-key-wizard check --help.';

/** Flags that would put the secret itself on the command line (visible in the process list). */
const secretOnCommandLine = new Set(['--secret', '--shared-secret', '--secret-key']);

function parseEnv(value: string | undefined): ProfileEnvironment | undefined {
	if (value === undefined) return undefined;
	if (value === 'simulator' || isEnvironmentId(value)) return value;
	throw new UsageError(`--env ${quotedWord(value) ?? '(the value given)'} is not an environment: use test, production, india or simulator (also visa-test, visa-production).`);
}

function parseAuth(value: string | undefined): AuthChoice | undefined {
	if (value === undefined) return undefined;
	if (isAuthChoice(value)) return value;
	throw new UsageError(`--auth ${quotedWord(value) ?? '(the value given)'} is not an auth method: use http-signature, jwt or both.`);
}

function parseTimeout(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (value.trim() === '' || !Number.isFinite(seconds) || seconds <= 0 || seconds > maxTimeoutSeconds) {
		throw new UsageError(`--timeout: give a number of seconds above 0 and at most ${maxTimeoutSeconds}, e.g. --timeout 30.`);
	}

	return seconds;
}

function parseLookupTimeout(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const seconds = Number(value);
	if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0 || seconds > maxLookupTimeoutSeconds) {
		throw new UsageError(
			`--lookup-timeout: give a number of seconds from 0 (skip the lookup) to ${maxLookupTimeoutSeconds}, e.g. --lookup-timeout 120.`,
		);
	}

	return seconds;
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
	if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a value. ${help}`);
	return value;
}

export function parseCheckArgs(argv: readonly string[]): CheckFlags {
	for (const argument of argv) {
		const flag = argument.split('=', 1)[0] ?? argument;
		if (secretOnCommandLine.has(flag)) {
			throw new UsageError(
				`${flag}: check takes no secret on the command line (it would show in the process list). Use --secret-file PATH (- for stdin) or CYBERSOURCE_SHARED_SECRET.`,
			);
		}
	}

	let values;
	try {
		({values} = parseArgs({args: [...argv], options, allowPositionals: false, strict: true}));
	} catch (error: unknown) {
		throw new UsageError(describeParseError(error, 'check', help));
	}

	const flags: CheckFlags = {
		orgId: nonEmpty('--org-id', values['org-id']),
		keyId: nonEmpty('--key-id', values['key-id']),
		secretFile: nonEmpty('--secret-file', values['secret-file']),
		keyFile: nonEmpty('--key-file', values['key-file']),
		env: parseEnv(values.env),
		baseUrl: nonEmpty('--base-url', values['base-url']),
		auth: parseAuth(values.auth),
		metaKey: values['meta-key'] ?? false,
		portfolioId: nonEmpty('--portfolio-id', values['portfolio-id']),
		profile: nonEmpty('--profile', values.profile),
		timeoutSeconds: parseTimeout(values.timeout),
		json: values.json ?? false,
		save: nonEmpty('--save', values.save),
		saveSecret: values['save-secret'] ?? false,
		report: nonEmpty('--report', values.report),
		force: values.force ?? false,
		debug: nonEmpty('--debug', values.debug),
		redactIds: values['redact-ids'] ?? false,
		exportDir: nonEmpty('--export', values.export),
		charge: values.charge ?? false,
		cardFile: nonEmpty('--card-file', values['card-file']),
		noLookup: values['no-lookup'] ?? false,
		lookupTimeoutSeconds: parseLookupTimeout(values['lookup-timeout']),
		counterpartBaseUrl: nonEmpty('--counterpart-base-url', values['counterpart-base-url']),
	};

	if (flags.keyFile !== undefined && (flags.keyId !== undefined || flags.secretFile !== undefined)) {
		throw new UsageError('--key-file already holds the key ID and the secret: drop --key-id and --secret-file, or drop --key-file.');
	}

	if (flags.portfolioId !== undefined && !flags.metaKey) {
		throw new UsageError('--portfolio-id is for meta keys: add --meta-key (or drop --portfolio-id).');
	}

	if (flags.env === 'simulator' && flags.baseUrl !== undefined) {
		throw new UsageError(
			'--env simulator starts its own simulator; to test against a running one use --base-url URL (with --env test or production).',
		);
	}

	if (flags.cardFile !== undefined && !flags.charge) {
		throw new UsageError(
			'--card-file is the card for the --charge authorization in production: add --charge (production environments only), or drop --card-file. Nothing was sent.',
		);
	}

	if (flags.noLookup && flags.lookupTimeoutSeconds !== undefined) {
		throw new UsageError('--no-lookup skips the transaction lookup; --lookup-timeout sets how long it waits: give one of them.');
	}

	if (flags.saveSecret && flags.save === undefined) {
		throw new UsageError('--save-secret needs --save NAME (the profile to store the secret in).');
	}

	if (flags.force && flags.report === undefined) {
		throw new UsageError('--force replaces existing --report files: add --report FILE (export files are never replaced).');
	}

	if (flags.save !== undefined) {
		const problem = profileNameProblem(flags.save);
		if (problem !== undefined) throw new UsageError(`--save: ${problem}`);
	}

	return flags;
}

/** Whether the user asked for JSON, even when the rest of the command line does not parse. */
export function wantsJson(argv: readonly string[]): boolean {
	return argv.includes('--json');
}
