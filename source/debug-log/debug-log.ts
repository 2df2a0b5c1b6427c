/**
 * `--debug FILE`: appends one redacted block per HTTP exchange to FILE (mode 0600).
 * An existing file is appended to (a new session header separates runs) and tightened to 0600.
 */
import {open, type FileHandle} from 'node:fs/promises';
import {version} from '../version.js';
import {formatExchange, formatSessionHeader, type DebugExchange} from './format-exchange.js';
import {redactText} from './redact.js';

export type DebugLogOptions = {
	/** The shared secret, used only to redact it (and its base64url/hex forms) from everything logged. */
	readonly secret?: string;
	readonly now?: () => number;
	readonly toolVersion?: string;
};

export type DebugLog = {
	readonly path: string;
	/** Queues one exchange; never throws (a failing write is reported by close()). */
	record(exchange: DebugExchange): void;
	/** Waits for every queued write, closes the file, and rejects with DebugLogError if a write failed. */
	close(): Promise<void>;
};

export type DebugLogErrorCode = 'DEBUG_LOG_OPEN_FAILED' | 'DEBUG_LOG_WRITE_FAILED';

export class DebugLogError extends Error {
	readonly code: DebugLogErrorCode;

	constructor(code: DebugLogErrorCode, message: string, options?: {cause?: unknown}) {
		super(message, options);
		this.name = 'DebugLogError';
		this.code = code;
	}
}

function reason(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

export async function createDebugLog(path: string, options: DebugLogOptions = {}): Promise<DebugLog> {
	const now = options.now ?? Date.now;
	const redact = options.secret === undefined ? {} : {secret: options.secret};
	let handle: FileHandle;
	try {
		handle = await open(path, 'a', 0o600);
		await handle.chmod(0o600);
	} catch (error) {
		throw new DebugLogError(
			'DEBUG_LOG_OPEN_FAILED',
			`Cannot open the debug log ${path}: ${reason(error)}. Choose a writable path for --debug.`,
			{cause: error},
		);
	}

	let pending: Promise<void> = Promise.resolve();
	let failure: unknown;
	let closed = false;
	let count = 0;
	const append = (text: string) => {
		pending = pending.then(async () => {
			if (failure === undefined) {
				await handle.appendFile(text, 'utf8');
			}
		}).catch((error: unknown) => {
			failure ??= error;
		});
	};

	append(formatSessionHeader(options.toolVersion ?? version, now()));
	return {
		path,
		record(exchange) {
			if (closed) {
				return;
			}

			count += 1;
			let block: string;
			try {
				block = formatExchange(exchange, count, now(), redact);
			} catch (error) {
				block = `#${count} (this exchange could not be logged: ${redactText(reason(error), redact)})\n\n`;
			}

			append(block);
		},
		async close() {
			if (closed) {
				return;
			}

			closed = true;
			await pending;
			await handle.close();
			if (failure !== undefined) {
				throw new DebugLogError(
					'DEBUG_LOG_WRITE_FAILED',
					`Writing the debug log ${path} failed: ${reason(failure)}. The log may be incomplete.`,
					{cause: failure},
				);
			}
		},
	};
}
