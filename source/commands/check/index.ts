/**
 * `cybs-key-wizard check`: the key test without prompts, for scripts, CI and runbooks.
 * Parse → gather and check every input (files, profile, credentials) → (start the simulator) → the
 * session's plan, sent by runKeyTest → the files, the verdict, (the saved profile). Exit codes
 * (session/verdict.ts): 0 works, 1 does not, 2 input error before any request, 3 no verdict, 130
 * interrupted. With --json, stdout holds exactly one JSON object; everything else goes to stderr.
 */
import type {runKeyTest} from '../../cybersource/key-test.js';
import type {Sleep} from '../../cybersource/lookup.js';
import {exitCodeOf} from '../../session/verdict.js';
import {UsageError, type CommandIo, type CommandMain} from '../command-io.js';
import {parseCheckArgs, wantsJson, type CheckFlags} from './args.js';
import {openCheckDebugLog} from './artifacts.js';
import {gatherInputs} from './gather-inputs.js';
import {redaction} from './masking-io.js';
import {printOutcome} from './outcome.js';
import {runTest} from './run-test.js';
import {interrupted, isStop, printStop, usageStop, type Stop} from './stop.js';
import {startTarget} from './target.js';

export {sampleCardWarning, simulatorHasNoCounterpart} from './progress.js';

/** Test seams (like the sign command's createSignMain): the lookup's wait, the clock and the engine. */
export type CheckMainOptions = {
	/** The transaction lookup's wait (default: real time, or simulated time with --env simulator). */
	readonly sleep?: Sleep;
	/** The clock (default Date.now): the key test's signatures, the report's time and a saved profile's lastVerifiedAt. */
	readonly now?: () => number;
	/** The key test engine (default runKeyTest, loaded when the test starts); tests wrap it to see the report. */
	readonly runKeyTest?: typeof runKeyTest;
};

async function run(rawIo: CommandIo, flags: CheckFlags, options: CheckMainOptions): Promise<number> {
	const {io, masker, mask} = redaction(rawIo, flags);
	const stop = (value: Stop) => printStop(io, flags.json, value, masker);

	// Inputs: nothing is sent until every one of them has been checked.
	const gathered = await gatherInputs(io, flags, mask, options.now);
	if (isStop(gathered)) return stop(gathered);
	const {inputs, warnings, artifacts, store} = gathered;
	if (io.signal.aborted) return stop(interrupted());
	const debug = await openCheckDebugLog(artifacts, inputs.credentials.secret);
	if (isStop(debug)) return stop(debug);
	const debugLog = debug.log;

	// Target: the environment, or the built-in simulator started here.
	const target = await startTarget(io, inputs, options.now);
	if (isStop(target)) {
		await debugLog?.finish();
		return stop(target);
	}

	try {
		// Test, then the files and the verdict.
		const report = await runTest(io, {
			inputs,
			warnings,
			target,
			...(options.sleep === undefined ? {} : {sleep: options.sleep}),
			...(options.now === undefined ? {} : {now: options.now}),
			...(options.runKeyTest === undefined ? {} : {engine: options.runKeyTest}),
			...(debugLog === undefined ? {} : {debugLog}),
		});
		const exitCode = exitCodeOf({report, aborted: io.signal.aborted});
		await printOutcome(io, masker, flags, {
			report,
			exitCode,
			inputs,
			warnings,
			target,
			artifacts,
			...(store === undefined ? {} : {store}),
			...(debugLog === undefined ? {} : {debugLog}),
			now: options.now ?? Date.now,
		});
		return exitCode;
	} finally {
		await debugLog?.finish();
		await target.close();
	}
}

/** `check` with its test seams; `main` is `createCheckMain()`. */
export function createCheckMain(options: CheckMainOptions = {}): CommandMain {
	return async io => runCheck(io, options);
}

async function runCheck(io: CommandIo, options: CheckMainOptions): Promise<number> {
	const json = wantsJson(io.argv);
	let flags: CheckFlags;
	try {
		flags = parseCheckArgs(io.argv);
	} catch (error: unknown) {
		if (!(error instanceof UsageError)) throw error;
		return printStop(io, json, usageStop([{code: 'USAGE_ERROR', message: error.message}]));
	}

	if (io.signal.aborted) return printStop(io, flags.json, interrupted());
	return run(io, flags, options);
}

export const main: CommandMain = createCheckMain();
