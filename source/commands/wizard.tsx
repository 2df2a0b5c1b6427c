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
import type {DebugLogSession} from '../session/artifacts/debug-log.js';
import {describeParseError} from './parse-error.js';
import {maxLookupTimeoutSeconds} from './check/args.js';

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

	let debugLog: DebugLogSession | undefined;
	if (flags.debug !== undefined) {
		const {openDebugLog} = await import('../session/artifacts/debug-log.js');
		const opened = await openDebugLog(path.resolve(io.cwd, flags.debug));
		if (!opened.ok) {
			io.stderr.write(`${opened.message} [${opened.code}]\n`);
			return exitCodes.usage;
		}

		debugLog = opened.log;
	}

	// The UI in one module (one chunk in the bundle: Ink, React, the screens), loaded only now that
	// the terminal is known to be interactive.
	const {runWizardUi} = await import('./wizard-ui.js');
	return runWizardUi(io, {stdin, stdout}, flags, debugLog);
};
