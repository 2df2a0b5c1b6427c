import type {Readable} from 'node:stream';

/** What a subcommand gets from the process; tests pass fakes. */
export type CommandIo = {
	/** Arguments after the subcommand name. */
	readonly argv: readonly string[];
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly stdin: Readable & {readonly isTTY?: boolean};
	readonly stdout: {write(text: string): unknown; readonly isTTY?: boolean; readonly columns?: number};
	readonly stderr: {write(text: string): unknown; readonly isTTY?: boolean};
	readonly cwd: string;
	/** Aborted on Ctrl+C / SIGTERM; the command then returns exitCodes.interrupted. */
	readonly signal: AbortSignal;
};

/** A subcommand: resolves with the process exit code. */
export type CommandMain = (io: CommandIo) => Promise<number>;

/** Thrown for bad flags; cli.tsx prints the message (one line) and exits 2. */
export class UsageError extends Error {
	override name = 'UsageError';
}
