/**
 * `--debug FILE` in the wizard: every HTTP exchange appended to FILE (mode 0600) with Signature,
 * Authorization and the shared secret redacted. The secret is known only once it has been entered,
 * so the log is opened for a secret at the first send (and again, appending, if the secret changes).
 */
import {open} from 'node:fs/promises';
import type {HttpExchange} from '../cybersource/client.js';
import {createDebugLog, type DebugLog} from '../debug-log/debug-log.js';
import {debugExchange} from '../debug-log/debug-exchange.js';

export type WizardDebugLog = {
	readonly path: string;
	/** The exchange recorder for requests signed with `secret` (used only to redact it). */
	recorderFor(secret: string): (exchange: HttpExchange) => void;
	/** HTTP exchanges recorded so far. */
	exchanges(): number;
	/** Flushes and closes; resolves with a problem message when writing failed. */
	close(): Promise<string | undefined>;
};

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Creates (or opens for appending) FILE before the wizard starts, so a bad path is a usage error (exit 2). */
export async function openWizardDebugLog(
	file: string,
	now: () => number = Date.now,
): Promise<{readonly ok: true; readonly log: WizardDebugLog} | {readonly ok: false; readonly message: string}> {
	try {
		const handle = await open(file, 'a', 0o600);
		await handle.chmod(0o600);
		await handle.close();
	} catch (error: unknown) {
		return {ok: false, message: `Cannot open the debug log ${file}: ${reason(error)}. Choose a writable file for --debug.`};
	}

	let current: {readonly secret: string; readonly log: Promise<DebugLog | string>} | undefined;
	const closing: Array<Promise<string | undefined>> = [];
	let count = 0;

	const finish = async (log: Promise<DebugLog | string>): Promise<string | undefined> => {
		const opened = await log;
		if (typeof opened === 'string') return opened;
		try {
			await opened.close();
			return undefined;
		} catch (error: unknown) {
			return reason(error);
		}
	};

	return {
		ok: true,
		log: {
			path: file,
			recorderFor(secret) {
				if (current?.secret !== secret) {
					if (current) closing.push(finish(current.log));
					current = {
						secret,
						log: createDebugLog(file, {secret, now}).catch((error: unknown) => reason(error)),
					};
				}

				const {log} = current;
				return (exchange) => {
					count += 1;
					void log.then((opened) => {
						if (typeof opened !== 'string') opened.record(debugExchange(exchange));
					});
				};
			},
			exchanges: () => count,
			async close() {
				if (current) closing.push(finish(current.log));
				current = undefined;
				const problems = (await Promise.all(closing)).filter((item) => item !== undefined);
				return problems.length === 0 ? undefined : problems.join(' ');
			},
		},
	};
}
