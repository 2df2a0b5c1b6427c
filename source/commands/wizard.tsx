/**
 * `cybs-key-wizard` with no subcommand: the interactive wizard. The TTY check comes before Ink is
 * imported, so a script or CI gets one line naming `check` and exit code 2 without loading the UI.
 */
import {ReadStream, WriteStream} from 'node:tty';
import path from 'node:path';
import {parseArgs} from 'node:util';
import type {CommandIo, CommandMain} from './command-io.js';
import {UsageError} from './command-io.js';
import {exitCodes} from '../exit-codes.js';
import type {WizardDebugLog} from '../wizard/debug-log.js';
import {describeParseError} from './parse-error.js';
import {maxLookupTimeoutSeconds} from './check-args.js';

export const notInteractiveMessage =
	'The cybs-key-wizard wizard needs an interactive terminal (stdin and stdout must be a terminal, and CI unset). ' +
	'To test a key pair from a script or CI use: cybs-key-wizard check --org-id ID --key-id UUID --secret-file PATH ' +
	'(see cybs-key-wizard check --help).\n';

/** Ink only renders live when CI is unset, "0" or "false" (is-in-ci treats even an empty CI as set). */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
	const ci = env['CI'];
	return ci !== undefined && ci !== '0' && ci !== 'false';
}

/** no-color.org: NO_COLOR present and not empty means no colour. (Ink's chalk does not check it itself.) */
export function wantsNoColor(env: Readonly<Record<string, string | undefined>>): boolean {
	const value = env['NO_COLOR'];
	return value !== undefined && value !== '';
}

export function canPrompt(io: Pick<CommandIo, 'stdin' | 'stdout' | 'env'>): boolean {
	return io.stdin.isTTY === true && io.stdout.isTTY === true && !isCi(io.env);
}

/** The wizard's flags: exactly these, nothing else. */
export type WizardFlags = {
	/** --plain (or TERM=dumb): no spinners, colours or box drawing; one line per event. */
	readonly plain: boolean;
	/** --redact-ids: mask the organization ID and key ID on screen (`i` toggles it). */
	readonly redactIds: boolean;
	/** --debug FILE: record every HTTP exchange, redacted. */
	readonly debug?: string;
	/** --lookup-timeout SECONDS: how long to wait for the payment in the transaction search (0 skips). */
	readonly lookupTimeoutMs?: number;
};

export function parseWizardArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): WizardFlags {
	let values: {plain?: boolean; 'redact-ids'?: boolean; debug?: string; 'lookup-timeout'?: string};
	try {
		({values} = parseArgs({
			args: [...argv],
			options: {plain: {type: 'boolean'}, 'redact-ids': {type: 'boolean'}, debug: {type: 'string'}, 'lookup-timeout': {type: 'string'}},
			strict: true,
			allowPositionals: false,
		}));
	} catch (error: unknown) {
		throw new UsageError(
			describeParseError(error, 'the wizard', 'The wizard takes --plain, --redact-ids, --debug FILE and --lookup-timeout SECONDS; run cybs-key-wizard --help.'),
		);
	}

	if (values.debug !== undefined && values.debug.trim() === '') throw new UsageError('--debug needs a file name, e.g. --debug cybs-debug.log.');
	const lookup = values['lookup-timeout'];
	const lookupSeconds = lookup === undefined ? undefined : Number(lookup);
	if (lookupSeconds !== undefined && (lookup?.trim() === '' || !Number.isFinite(lookupSeconds) || lookupSeconds < 0 || lookupSeconds > maxLookupTimeoutSeconds)) {
		throw new UsageError(
			`--lookup-timeout: give a number of seconds from 0 (skip the lookup) to ${maxLookupTimeoutSeconds}, e.g. --lookup-timeout 120.`,
		);
	}

	return {
		plain: values.plain === true || env['TERM'] === 'dumb',
		redactIds: values['redact-ids'] === true,
		...(values.debug === undefined ? {} : {debug: values.debug}),
		...(lookupSeconds === undefined ? {} : {lookupTimeoutMs: Math.round(lookupSeconds * 1000)}),
	};
}

export const main: CommandMain = async (io) => {
	const flags = parseWizardArgs(io.argv, io.env);
	const {stdin, stdout} = io;
	if (!canPrompt(io) || !(stdin instanceof ReadStream) || !(stdout instanceof WriteStream)) {
		io.stderr.write(notInteractiveMessage);
		return exitCodes.usage;
	}

	let debugLog: WizardDebugLog | undefined;
	if (flags.debug !== undefined) {
		const {openWizardDebugLog} = await import('../wizard/debug-log.js');
		const opened = await openWizardDebugLog(path.resolve(io.cwd, flags.debug));
		if (!opened.ok) {
			io.stderr.write(`${opened.message} [DEBUG_LOG_OPEN_FAILED]\n`);
			return exitCodes.usage;
		}

		debugLog = opened.log;
	}

	const [{render}, {default: chalk}, {App}, {createDefaultServices}, {createUrlOpener}, {supportsHyperlinks}, {resolveConfigDir}] =
		await Promise.all([
			import('ink'),
			import('chalk'),
			import('../app.js'),
			import('../wizard/services.js'),
			import('../wizard/open-url.js'),
			import('../wizard/hyperlinks.js'),
			import('../config-dir.js'),
		]);
	// Ink styles text with chalk (one shared instance); level 0 = no escape codes for colour or style.
	const noColor = wantsNoColor(io.env) || flags.plain;
	if (noColor) chalk.level = 0;
	const services = await createDefaultServices({
		env: io.env,
		cwd: io.cwd,
		configDir: resolveConfigDir(io.env),
		browser: createUrlOpener(io.env),
		...(debugLog === undefined ? {} : {debugLog}),
		...(flags.lookupTimeoutMs === undefined ? {} : {lookupTimeoutMs: flags.lookupTimeoutMs}),
	});

	let code: number = exitCodes.interrupted;
	const instance = render(
		<App
			services={services}
			display={{
				hyperlinks: !flags.plain && supportsHyperlinks(io.env),
				noColor,
				plain: flags.plain,
				redactIds: flags.redactIds,
			}}
			onExit={(exitCode) => {
				code = exitCode;
			}}
		/>,
		{stdin, stdout, exitOnCtrlC: false},
	);
	// SIGINT/SIGTERM from outside (raw mode turns Ctrl+C into a key, handled in the app).
	const onAbort = () => {
		code = exitCodes.interrupted;
		instance.unmount();
	};

	io.signal.addEventListener('abort', onAbort, {once: true});
	try {
		await instance.waitUntilExit();
	} finally {
		io.signal.removeEventListener('abort', onAbort);
		const problem = await debugLog?.close();
		if (debugLog !== undefined) {
			io.stderr.write(
				problem === undefined
					? `Debug log: ${debugLog.exchanges()} HTTP exchanges in ${debugLog.path} (Signature, Authorization and the shared secret redacted).\n`
					: `${problem} [DEBUG_LOG_WRITE_FAILED]\n`,
			);
		}
	}

	return code;
};
