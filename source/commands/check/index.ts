/**
 * `cybs-key-wizard check`: the key test without prompts, for scripts, CI and runbooks.
 * Parse → (profile) → resolve and validate every input → (start the simulator) → runKeyTest → verdict
 * → (save profile). Exit codes: 0 works, 1 does not, 2 input error before any request, 3 no verdict,
 * 130 interrupted. With --json, stdout holds exactly one JSON object; everything else goes to stderr.
 */
import {defaultSimulatorKeysFile, resolveConfigDir} from '../../config-dir.js';
import {cardEnding} from '../../cybersource/card-checks.js';
import {maskId} from '../../cybersource/credential-checks.js';
import {environment, withBaseUrl, type Environment} from '../../cybersource/environments.js';
import type {KeyTestStageEvent} from '../../cybersource/key-test.js';
import type {Sleep} from '../../cybersource/lookup.js';
import type {DiagnosisItem} from '../../cybersource/key-test-types.js';
import {authLabel, authMethodsFor} from '../../cybersource/types.js';
import {exitCodes} from '../../exit-codes.js';
import {shownProfileName, type NamedProfile} from '../../profiles/profile.js';
import type {ProfileStore} from '../../profiles/store.js';
import {parseCheckArgs, wantsJson, type CheckFlags} from './args.js';
import {environmentFor, keyIdEnvVariable, orgIdEnvVariable, resolveCheckInputs, type CheckInputs, type KnownInputs} from './inputs.js';
import {checkJson, checkJsonWithoutReport, checkText, hostOf, type CheckContext} from './output.js';
import {UsageError, type CommandIo, type CommandMain} from '../command-io.js';
import {createIdMasker, type IdMasker} from '../../session/artifacts/id-masker.js';
import {openDebugLog, type DebugLogSession} from '../../session/artifacts/debug-log.js';
import {preflightArtifacts} from './artifact-paths.js';
import {writeArtifacts} from './artifacts.js';
import {maskingIo} from './masking-io.js';
import {saveAfterTest} from './save-profile.js';
import {simulatedTime, type CheckTime} from './time.js';
import {planKeyTest} from '../../session/plan.js';
import {exitCodeOf} from '../../session/verdict.js';

/** Test seams (like the sign command's createSignMain): the lookup's wait and the clock. */
export type CheckMainOptions = {
	/** The transaction lookup's wait (default: real time, or simulated time with --env simulator). */
	readonly sleep?: Sleep;
	/** The clock (default Date.now): the key test's signatures, the report's time and a saved profile's lastVerifiedAt. */
	readonly now?: () => number;
};

type Stop = {readonly exitCode: number; readonly problems: readonly DiagnosisItem[]; readonly known: KnownInputs};

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Prints why the run stopped before a verdict: one JSON object, or lines on stderr. */
function printStop(io: CommandIo, json: boolean, stop: Stop, masker?: IdMasker): number {
	if (json) {
		const object = checkJsonWithoutReport(stop.problems, stop.known);
		io.stdout.write(`${masker === undefined ? JSON.stringify(object) : masker.json(object)}\n`);
	}

	for (const problem of stop.problems) io.stderr.write(`${problem.message}${json ? '' : ` [${problem.code}]`}\n`);
	return stop.exitCode;
}

function interrupted(known: KnownInputs = {}): Stop {
	return {exitCode: exitCodes.interrupted, problems: [{code: 'INTERRUPTED', message: 'Interrupted before a verdict.'}], known};
}

async function openStore(io: CommandIo): Promise<ProfileStore | Stop> {
	const {openProfileStore, ProfileStoreError} = await import('../../profiles/store.js');
	try {
		const store = await openProfileStore({configDir: resolveConfigDir(io.env)});
		for (const notice of store.notices) io.stderr.write(`${notice}\n`);
		return store;
	} catch (error: unknown) {
		if (!(error instanceof ProfileStoreError)) throw error;
		return {exitCode: exitCodes.usage, problems: [{code: error.code, message: error.message}], known: {}};
	}
}

async function loadProfile(store: ProfileStore, name: string): Promise<NamedProfile | Stop> {
	const {getProfile, listProfiles} = await import('../../profiles/store.js');
	const profile = getProfile(store, name);
	if (profile !== undefined) return {name, profile};
	const names = listProfiles(store).map(entry => entry.name);
	return {
		exitCode: exitCodes.usage,
		problems: [
			{
				code: 'PROFILE_NOT_FOUND',
				message: `No profile named ${shownProfileName(name)} in ${store.path}. ${names.length === 0 ? 'There are no saved profiles' : `Saved profiles: ${names.join(', ')}`}; see cybs-key-wizard profiles.`,
			},
		],
		known: {},
	};
}

function isStop(value: object): value is Stop {
	return 'exitCode' in value && 'problems' in value;
}

type Target = {
	readonly environment: Environment;
	readonly close: () => Promise<void>;
	/** Simulated time shared with the in-process simulator (--env simulator only). */
	readonly time?: CheckTime;
};

/** The environment to test against; for --env simulator, a simulator started in-process on loopback. */
async function startTarget(io: CommandIo, inputs: CheckInputs, options: CheckMainOptions): Promise<Target | Stop> {
	const fixed = environmentFor(inputs.environmentName, inputs.baseUrl);
	if (fixed !== undefined) return {environment: fixed, close: async () => undefined};
	const keysFile = defaultSimulatorKeysFile(io.env);
	try {
		const {startSimulator} = await import('../../simulator/index.js');
		const time = simulatedTime(options.now);
		const simulator = await startSimulator({env: 'test', keysFile, clock: time.now});
		const url = new URL(simulator.url);
		io.stderr.write(`Started the built-in simulator on ${url.host} (keys from ${keysFile}).\n`);
		return {
			environment: withBaseUrl(environment('test'), url, `Simulator (${url.host})`),
			close: async () => simulator.close(),
			time,
		};
	} catch (error: unknown) {
		return {
			exitCode: exitCodes.usage,
			problems: [
				{
					code: 'SIMULATOR_START_FAILED',
					message: `Could not start the built-in simulator with keys file ${keysFile}: ${errorMessage(error)}`,
				},
			],
			known: {environmentName: 'simulator'},
		};
	}
}

/** Said when --charge runs without --card-file (one line on stderr). */
export const sampleCardWarning =
	'--charge without --card-file uses the sample TEST card (4111…1111), which a real processor declines: pass --card-file PATH with a real card to prove a payment goes through.';

function announce(io: CommandIo, inputs: CheckInputs, target: Environment, mode: 'payment' | 'probe'): void {
	const methods = authMethodsFor(inputs.auth).map(method => authLabel(method)).join(' and ');
	if (mode === 'probe') {
		io.stderr.write(
			`${target.label} is a production environment: sending the no-charge probe (a signed GET of a transaction that cannot exist; 404 means the keys authenticate). No payment is sent (--charge sends a real 1.00 authorization, reversed at once).\n`,
		);
	} else if (target.kind === 'production') {
		const onCard = inputs.card === undefined ? '' : ` on the ${cardEnding(inputs.card.last4)} from --card-file`;
		io.stderr.write(
			`--charge: sending ONE real 1.00 authorization${onCard} in ${target.label} (the other method uses the no-charge probe); it is reversed automatically right after.\n`,
		);
		if (inputs.card === undefined) io.stderr.write(`Warning: ${sampleCardWarning}\n`);
	}

	io.stderr.write(
		`Testing key ${maskId(inputs.credentials.keyId)} for ${inputs.credentials.orgId} on ${hostOf(target)} with ${methods}…\n`,
	);
}

/** Progress of the steps after the attempts, on stderr (stdout keeps the verdict or the one JSON object). */
function stageReporter(io: CommandIo, simulated: boolean, noCounterpartNote?: string): (event: KeyTestStageEvent) => void {
	let toldSimulated = false;
	return event => {
		switch (event.type) {
			case 'lookup-wait': {
				if (simulated && !toldSimulated) {
					toldSimulated = true;
					io.stderr.write('(Built-in simulator: the lookup\'s waits are simulated, its clock moves forward instead, so no real time passes.)\n');
				}

				io.stderr.write(`Request ID ${event.requestId}: ${event.message}\n`);
				break;
			}

			case 'reversal-start': {
				io.stderr.write(`Reversing the authorization with request ID ${event.paymentRequestId}…\n`);
				break;
			}

			case 'diagnosis-start': {
				io.stderr.write('The key was rejected (401): running no-charge probes to narrow down the cause…\n');
				if (noCounterpartNote !== undefined) io.stderr.write(`${noCounterpartNote}\n`);
				break;
			}

			default: {
				break;
			}
		}
	};
}

/** Why the environment-swap probe has no counterpart with --env simulator (said on stderr when the probes run). */
export const simulatorHasNoCounterpart =
	'The built-in simulator has no production twin, so the environment-swap probe is skipped. To run it, start a second simulator (cybs-key-wizard simulator --env production) and pass its URL with --counterpart-base-url.';

async function run(rawIo: CommandIo, flags: CheckFlags, options: CheckMainOptions): Promise<number> {
	const {json} = flags;
	// --redact-ids: every ID that could be the organization or key ID is masked in all output (stderr; stdout as text or JSON).
	const masker = createIdMasker();
	const mask = (...ids: ReadonlyArray<string | undefined>) => {
		if (flags.redactIds) for (const id of ids) masker.add(id);
	};

	mask(flags.orgId, flags.keyId, flags.portfolioId, rawIo.env[orgIdEnvVariable], rawIo.env[keyIdEnvVariable]);
	const io = flags.redactIds ? maskingIo(rawIo, masker, !json) : rawIo;
	const stop = (value: Stop) => printStop(io, json, value, masker);
	const preflight = await preflightArtifacts(io.cwd, flags);
	if (!preflight.ok) return stop({exitCode: exitCodes.usage, problems: preflight.problems, known: {}});
	const artifacts = preflight.paths;

	let store: ProfileStore | undefined;
	let profile: NamedProfile | undefined;
	if (flags.profile !== undefined || flags.save !== undefined) {
		const opened = await openStore(io);
		if (isStop(opened)) return stop(opened);
		store = opened;
		if (flags.profile !== undefined) {
			const loaded = await loadProfile(store, flags.profile);
			if (isStop(loaded)) return stop(loaded);
			profile = loaded;
			mask(loaded.profile.orgId, loaded.profile.keyId, loaded.profile.metaKey?.portfolioId);
		}
	}

	const resolved = await resolveCheckInputs(flags, {
		env: io.env,
		stdin: io.stdin,
		cwd: io.cwd,
		signal: io.signal,
		...(profile === undefined ? {} : {profile}),
		...(options.now === undefined ? {} : {now: options.now}),
	});
	if (resolved.ok) mask(resolved.inputs.credentials.orgId, resolved.inputs.credentials.keyId, resolved.inputs.credentials.portfolioId);
	else mask(resolved.known.orgId, resolved.known.keyId);
	for (const notice of resolved.notices) io.stderr.write(`${notice}\n`);
	if (!resolved.ok) {
		if (resolved.interrupted || io.signal.aborted) return stop(interrupted(resolved.known));
		return stop({exitCode: exitCodes.usage, problems: resolved.problems, known: resolved.known});
	}

	const {inputs, warnings} = resolved;
	const {credentials} = inputs;
	if (io.signal.aborted) return stop(interrupted());
	let debugLog: DebugLogSession | undefined;
	if (artifacts.debugFile !== undefined) {
		const opened = await openDebugLog(artifacts.debugFile, {secret: credentials.secret});
		if (!opened.ok) return stop({exitCode: exitCodes.usage, problems: [{code: opened.code, message: `${opened.message} Nothing was sent.`}], known: {}});
		debugLog = opened.log;
	}

	const target = await startTarget(io, inputs, options);
	if (isStop(target)) {
		await debugLog?.finish();
		return stop(target);
	}

	try {
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
		for (const warning of warnings) io.stderr.write(`Warning: ${warning.message}\n`);
		announce(io, inputs, target.environment, request.mode);
		const seconds = inputs.timeoutSeconds;
		const {runKeyTest} = await import('../../cybersource/key-test.js');
		const sleep = options.sleep ?? target.time?.sleep;
		const now = options.now ?? target.time?.now;
		const report = await runKeyTest(
			request,
			{
				signal: io.signal,
				env: io.env,
				onStage: stageReporter(
					io,
					options.sleep === undefined && target.time !== undefined,
					counterpartSkipped === 'simulator' ? simulatorHasNoCounterpart : undefined,
				),
				...(sleep === undefined ? {} : {sleep}),
				...(now === undefined ? {} : {now}),
				...(seconds === undefined
					? {}
					: {timeouts: {connectMs: seconds * 1000, headersMs: seconds * 1000, bodyMs: seconds * 1000}}),
				...(debugLog === undefined ? {} : {onExchange: debugLog.recorderFor(credentials.secret)}),
			},
		);
		const exitCode = exitCodeOf({report, aborted: io.signal.aborted});
		const context: CheckContext = {
			environmentName: inputs.environmentName,
			environment: target.environment,
			orgId: credentials.orgId,
			keyId: credentials.keyId,
		};

		// The files first (the --json object says what happened to them), then the verdict, then where they went.
		const {members, lines} = await writeArtifacts({
			paths: artifacts,
			force: flags.force,
			report,
			passed: exitCode === exitCodes.ok,
			warnings,
			environment: target.environment,
			credentials,
			env: io.env,
			now: options.now ?? Date.now,
			...(debugLog === undefined ? {} : {debugLog}),
		});
		io.stdout.write(
			json ? `${masker.json({...checkJson(report, context, warnings), ...members})}\n` : checkText(report, context, exitCode, warnings),
		);
		for (const line of lines) io.stderr.write(`${line}\n`);
		if (store !== undefined && flags.save !== undefined) {
			await saveAfterTest(io, store, {name: flags.save, withSecret: flags.saveSecret}, {inputs, report, passed: exitCode === exitCodes.ok, now: options.now ?? Date.now});
		}

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
		return printStop(io, json, {exitCode: exitCodes.usage, problems: [{code: 'USAGE_ERROR', message: error.message}], known: {}});
	}

	if (io.signal.aborted) return printStop(io, flags.json, interrupted());
	return run(io, flags, options);
}

export const main: CommandMain = createCheckMain();
