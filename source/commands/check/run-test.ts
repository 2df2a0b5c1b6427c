/** The key test itself: the session's plan for these inputs, announced on stderr, sent by runKeyTest. */
import type {runKeyTest} from '../../cybersource/key-test.js';
import type {DiagnosisItem, KeyTestReport} from '../../cybersource/key-test-types.js';
import type {Sleep} from '../../cybersource/lookup.js';
import type {DebugLogSession} from '../../session/artifacts/debug-log.js';
import {planKeyTest} from '../../session/plan.js';
import type {CommandIo} from '../command-io.js';
import type {CheckInputs} from './inputs.js';
import {announce, simulatorHasNoCounterpart, stageReporter} from './progress.js';
import type {Target} from './target.js';

export type TestRun = {
	readonly inputs: CheckInputs;
	/** Credential-check warnings, said before anything is sent. */
	readonly warnings: readonly DiagnosisItem[];
	readonly target: Target;
	/** The lookup's wait and the clock given to createCheckMain (tests), else the simulator's simulated time. */
	readonly sleep?: Sleep;
	readonly now?: () => number;
	/** The engine (default runKeyTest, loaded only now: undici and jose are not needed before). */
	readonly engine?: typeof runKeyTest;
	readonly debugLog?: DebugLogSession;
};

export async function runTest(io: CommandIo, run: TestRun): Promise<KeyTestReport> {
	const {inputs, target} = run;
	const {credentials} = inputs;
	const {request, counterpartSkipped} = planKeyTest({
		side: inputs.environmentName,
		...(inputs.baseUrl === undefined ? {} : {baseUrl: inputs.baseUrl}),
		...(inputs.counterpartBaseUrl === undefined ? {} : {counterpartBaseUrl: inputs.counterpartBaseUrl}),
		environment: target.environment,
		credentials,
		auth: inputs.auth,
		charge: inputs.charge,
		...(inputs.card === undefined ? {} : {card: inputs.card.card}),
		lookupTimeoutMs: inputs.lookupTimeoutMs,
	});
	for (const warning of run.warnings) io.stderr.write(`Warning: ${warning.message}\n`);
	announce(io, inputs, target.environment, request.mode);
	const seconds = inputs.timeoutSeconds;
	const sleep = run.sleep ?? target.time?.sleep;
	const now = run.now ?? target.time?.now;
	const engine = run.engine ?? (await import('../../cybersource/key-test.js')).runKeyTest;
	return engine(request, {
		signal: io.signal,
		env: io.env,
		onStage: stageReporter(io, run.sleep === undefined && target.time !== undefined, counterpartSkipped === 'simulator' ? simulatorHasNoCounterpart : undefined),
		...(sleep === undefined ? {} : {sleep}),
		...(now === undefined ? {} : {now}),
		...(seconds === undefined ? {} : {timeouts: {connectMs: seconds * 1000, headersMs: seconds * 1000, bodyMs: seconds * 1000}}),
		...(run.debugLog === undefined ? {} : {onExchange: run.debugLog.recorderFor(credentials.secret)}),
	});
}
