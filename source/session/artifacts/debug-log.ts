/**
 * `--debug FILE` (the wizard and check): every HTTP exchange appended to FILE (mode 0600) with Signature,
 * Authorization and the shared secret redacted. FILE is opened before anything is sent, so a path that
 * cannot be written is a usage error (exit 2). The log is started for a secret: at once when it is known
 * (check), at the first send otherwise (the wizard), and again, appending, if the secret changes.
 */
import {open} from 'node:fs/promises';
import type {HttpExchange} from '../../cybersource/client.js';
import {createDebugLog, DebugLogError, type DebugLog} from '../../debug-log/debug-log.js';
import {debugExchange} from '../../debug-log/debug-exchange.js';

export type DebugLogOutcome =
	| {readonly ok: true; readonly path: string; readonly exchanges: number}
	| {readonly ok: false; readonly path: string; readonly code: string; readonly message: string};

export type DebugLogSession = {
	readonly path: string;
	/** The exchange recorder for requests signed with `secret` (used only to redact it). */
	recorderFor(secret: string): (exchange: HttpExchange) => void;
	/** HTTP exchanges recorded so far. */
	exchanges(): number;
	/** Flushes and closes the file (idempotent: later calls give the first outcome). */
	finish(): Promise<DebugLogOutcome>;
};

export type DebugLogOpenResult =
	| {readonly ok: true; readonly log: DebugLogSession}
	| {readonly ok: false; readonly code: string; readonly message: string};

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

type Problem = {readonly code: string; readonly message: string};

function problemOf(error: unknown, code: 'DEBUG_LOG_OPEN_FAILED' | 'DEBUG_LOG_WRITE_FAILED'): Problem {
	return {code: error instanceof DebugLogError ? error.code : code, message: reason(error)};
}

/** Creates (or opens for appending, tightened to 0600) FILE; with `secret`, starts the log for it at once. */
export async function openDebugLog(
	file: string,
	options: {readonly secret?: string; readonly now?: () => number} = {},
): Promise<DebugLogOpenResult> {
	const now = options.now ?? Date.now;
	let current: {readonly secret: string; readonly log: Promise<DebugLog | Problem>} | undefined;
	const start = (secret: string) => {
		const log = createDebugLog(file, {secret, now}).catch((error: unknown) => problemOf(error, 'DEBUG_LOG_OPEN_FAILED'));
		current = {secret, log};
		return log;
	};

	if (options.secret === undefined) {
		try {
			const handle = await open(file, 'a', 0o600);
			await handle.chmod(0o600);
			await handle.close();
		} catch (error: unknown) {
			return {
				ok: false,
				code: 'DEBUG_LOG_OPEN_FAILED',
				message: `Cannot open the debug log ${file}: ${reason(error)}. Choose a writable path for --debug.`,
			};
		}
	} else {
		const started = await start(options.secret);
		if (!('record' in started)) return {ok: false, ...started};
	}

	const closing: Array<Promise<Problem | undefined>> = [];
	let count = 0;
	let finished: Promise<DebugLogOutcome> | undefined;
	const close = async (log: Promise<DebugLog | Problem>): Promise<Problem | undefined> => {
		const opened = await log;
		if (!('record' in opened)) return opened;
		try {
			await opened.close();
			return undefined;
		} catch (error: unknown) {
			return problemOf(error, 'DEBUG_LOG_WRITE_FAILED');
		}
	};

	const finish = async (): Promise<DebugLogOutcome> => {
		if (current) closing.push(close(current.log));
		current = undefined;
		const problems = (await Promise.all(closing)).filter((item) => item !== undefined);
		const [first] = problems;
		if (first === undefined) return {ok: true, path: file, exchanges: count};
		return {ok: false, path: file, code: first.code, message: problems.map((item) => item.message).join(' ')};
	};

	return {
		ok: true,
		log: {
			path: file,
			recorderFor(secret) {
				if (finished !== undefined) return () => undefined;
				if (current?.secret !== secret) {
					if (current) closing.push(close(current.log));
					start(secret);
				}

				const log = current?.log;
				return (exchange) => {
					count += 1;
					void log?.then((opened) => {
						if ('record' in opened) opened.record(debugExchange(exchange));
					});
				};
			},
			exchanges: () => count,
			async finish() {
				finished ??= finish();
				return finished;
			},
		},
	};
}
