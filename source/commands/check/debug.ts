/** `check --debug FILE`: every HTTP exchange of the run, redacted, appended to FILE (mode 0600). */
import {stat} from 'node:fs/promises';
import {dirname} from 'node:path';
import type {HttpExchange} from '../../cybersource/client.js';
import type {DiagnosisItem} from '../../cybersource/key-test-types.js';
import {createDebugLog, DebugLogError} from '../../debug-log/debug-log.js';
import {debugExchange} from '../../debug-log/debug-exchange.js';

export type DebugLogOutcome =
	| {readonly ok: true; readonly path: string; readonly exchanges: number}
	| {readonly ok: false; readonly path: string; readonly code: string; readonly message: string};

export type CheckDebugLog = {
	readonly onExchange: (exchange: HttpExchange) => void;
	/** Flushes and closes the file (idempotent: later calls give the first outcome). */
	finish(): Promise<DebugLogOutcome>;
};

/** A --debug path whose folder is missing, or that is a folder: found before the secret is read or anything is sent. */
export async function debugLogPreflight(path: string): Promise<DiagnosisItem | undefined> {
	const kind = async (target: string) => {
		try {
			return (await stat(target)).isDirectory() ? 'folder' : 'file';
		} catch {
			return 'missing';
		}
	};

	if ((await kind(path)) === 'folder') {
		return {code: 'DEBUG_LOG_OPEN_FAILED', message: `--debug: ${path} is a folder. Give a file name, e.g. --debug ${path}/cybs-debug.log. Nothing was sent.`};
	}

	if ((await kind(dirname(path))) !== 'folder') {
		return {code: 'DEBUG_LOG_OPEN_FAILED', message: `--debug: the folder ${dirname(path)} does not exist. Create it or choose another path. Nothing was sent.`};
	}

	return undefined;
}

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Opens the log before any request, so a path that cannot be written stops the run with exit 2. */
export async function openCheckDebugLog(
	path: string,
	options: {readonly secret: string; readonly now?: () => number},
): Promise<{readonly ok: true; readonly log: CheckDebugLog} | {readonly ok: false; readonly problem: DiagnosisItem}> {
	let log;
	try {
		log = await createDebugLog(path, {secret: options.secret, ...(options.now === undefined ? {} : {now: options.now})});
	} catch (error: unknown) {
		const code = error instanceof DebugLogError ? error.code : 'DEBUG_LOG_OPEN_FAILED';
		return {ok: false, problem: {code, message: `${reason(error)} Nothing was sent.`}};
	}

	let exchanges = 0;
	let finished: Promise<DebugLogOutcome> | undefined;
	const close = async (): Promise<DebugLogOutcome> => {
		try {
			await log.close();
			return {ok: true, path, exchanges};
		} catch (error: unknown) {
			return {ok: false, path, code: error instanceof DebugLogError ? error.code : 'DEBUG_LOG_WRITE_FAILED', message: reason(error)};
		}
	};

	return {
		ok: true,
		log: {
			onExchange(exchange) {
				exchanges += 1;
				log.record(debugExchange(exchange));
			},
			async finish() {
				finished ??= close();
				return finished;
			},
		},
	};
}

/** The stderr line saying where the log went. */
export function debugLogLine(outcome: DebugLogOutcome): string {
	if (!outcome.ok) return `${outcome.message} [${outcome.code}]`;
	const count = outcome.exchanges === 1 ? '1 HTTP exchange' : `${outcome.exchanges} HTTP exchanges`;
	return `Debug log: ${count} appended to ${outcome.path} (mode 0600; Signature, Authorization and the shared secret redacted).`;
}
