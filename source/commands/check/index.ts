/**
 * `cybs-key-wizard check`: the key test without prompts, for scripts, CI and runbooks.
 * Parse → (profile) → resolve and validate every input → (start the simulator) → runKeyTest → verdict
 * → (save profile). Exit codes: 0 works, 1 does not, 2 input error before any request, 3 no verdict,
 * 130 interrupted. With --json, stdout holds exactly one JSON object; everything else goes to stderr.
 */
import {resolve} from 'node:path';
import {defaultSimulatorKeysFile, resolveConfigDir} from '../../config-dir.js';
import {cardEnding} from '../../cybersource/card-checks.js';
import {maskId} from '../../cybersource/credential-checks.js';
import {outputPathMayBeSecret} from '../../cybersource/secret-like.js';
import {environment, withBaseUrl, type Environment} from '../../cybersource/environments.js';
import type {KeyTestStageEvent} from '../../cybersource/key-test.js';
import type {Sleep} from '../../cybersource/lookup.js';
import type {DiagnosisItem, KeyTestReport} from '../../cybersource/key-test-types.js';
import {authLabel, authMethodsFor} from '../../cybersource/types.js';
import {exitCodes} from '../../exit-codes.js';
import {shownProfileName, type NamedProfile, type Profile} from '../../profiles/profile.js';
import type {ProfileStore} from '../../profiles/store.js';
import {reportPaths} from '../../report/report-paths.js';
import {currentSystemInfo} from '../../report/system-info.js';
import {version} from '../../version.js';
import {parseCheckArgs, wantsJson, type CheckFlags} from './args.js';
import {environmentFor, keyIdEnvVariable, orgIdEnvVariable, resolveCheckInputs, type CheckInputs, type KnownInputs} from './inputs.js';
import {checkJson, checkJsonWithoutReport, checkText, hostOf, type CheckContext} from './output.js';
import {UsageError, type CommandIo, type CommandMain} from '../command-io.js';
import {secretEnvVariable} from '../secret-input.js';
import {debugLogLine, debugLogPreflight, openCheckDebugLog, type CheckDebugLog} from './debug.js';
import {exportAfterTest, exportLines, exportPreflight, type CheckExportResult} from './export.js';
import {createIdMasker, maskingIo, type IdMasker} from './redact-ids.js';
import {reportPreflight, reportWrittenLines, writeCheckReport} from './report.js';
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

async function saveAfterSuccess(
	io: CommandIo,
	store: ProfileStore,
	flags: CheckFlags,
	inputs: CheckInputs,
	report: KeyTestReport,
	now: () => number,
): Promise<void> {
	const {saveProfile, ProfileStoreError} = await import('../../profiles/store.js');
	const name = flags.save;
	if (name === undefined) return;
	const requestId = report.attempts.find(attempt => attempt.requestId !== undefined)?.requestId;
	const {credentials} = inputs;
	const profile: Profile = {
		orgId: credentials.orgId,
		keyId: credentials.keyId,
		environment: inputs.environmentName,
		...(inputs.baseUrl === undefined ? {} : {baseUrl: inputs.baseUrl.origin}),
		auth: inputs.auth,
		...(credentials.portfolioId === undefined ? {} : {metaKey: {portfolioId: credentials.portfolioId}}),
		lastVerifiedAt: new Date(now()).toISOString(),
		...(requestId === undefined ? {} : {requestId}),
		...(flags.saveSecret ? {secret: credentials.secret} : {}),
	};
	try {
		saveProfile(store, name, profile);
	} catch (error: unknown) {
		if (!(error instanceof ProfileStoreError)) throw error;
		io.stderr.write(`Profile "${name}" was not saved: ${error.message}\n`);
		return;
	}

	for (const notice of store.notices.splice(0)) io.stderr.write(`${notice}\n`);
	io.stderr.write(
		flags.saveSecret
			? `Saved profile "${name}" WITH the shared secret in ${store.path} (file mode 0600, directory ${store.directory} mode 0700). Anyone who can read that file can use this key.\n`
			: `Saved profile "${name}" in ${store.path} (the shared secret is not stored; give it with --secret-file or ${secretEnvVariable} next time).\n`,
	);
}

/** Where --report, --debug and --export write, resolved against the working directory and checked before anything is sent. */
type ArtifactPaths = {readonly reportFile?: string; readonly debugFile?: string; readonly exportDir?: string};

async function preflightArtifacts(io: CommandIo, flags: CheckFlags): Promise<ArtifactPaths | Stop> {
	const reportFile = flags.report === undefined ? undefined : resolve(io.cwd, flags.report);
	const debugFile = flags.debug === undefined ? undefined : resolve(io.cwd, flags.debug);
	const exportDir = flags.exportDir === undefined ? undefined : resolve(io.cwd, flags.exportDir);
	const problems: DiagnosisItem[] = [];
	for (const [flag, given] of [['--report', flags.report], ['--debug', flags.debug], ['--export', flags.exportDir]] as const) {
		if (given !== undefined && outputPathMayBeSecret(given)) {
			problems.push({
				code: 'OUTPUT_PATH_LOOKS_LIKE_SECRET',
				message: `${flag}: the name given looks like the shared secret itself (not shown), so nothing was written there. Give a file or folder name; the secret goes in --secret-file, CYBERSOURCE_SHARED_SECRET or --key-file. Nothing was sent.`,
			});
		}
	}

	if (problems.length > 0) return {exitCode: exitCodes.usage, problems, known: {}};
	if (reportFile !== undefined) {
		const paths = reportPaths(reportFile);
		const problem = await reportPreflight(paths, flags.force);
		if (problem !== undefined) problems.push(problem);
		if (debugFile !== undefined && (debugFile === paths.markdown || debugFile === paths.json)) {
			problems.push({code: 'USAGE_ERROR', message: `--debug ${flags.debug} is also a --report file: give the debug log its own file name.`});
		}
	}

	if (debugFile !== undefined) {
		const problem = await debugLogPreflight(debugFile);
		if (problem !== undefined) problems.push(problem);
	}

	if (exportDir !== undefined) {
		const problem = await exportPreflight(exportDir);
		if (problem !== undefined) problems.push(problem);
	}

	if (problems.length > 0) return {exitCode: exitCodes.usage, problems, known: {}};
	return {
		...(reportFile === undefined ? {} : {reportFile}),
		...(debugFile === undefined ? {} : {debugFile}),
		...(exportDir === undefined ? {} : {exportDir}),
	};
}

/** The artifacts' members of the --json object (present only for the flags given). */
type JsonArtifacts = {
	report?: {readonly markdown: string; readonly json: string} | {readonly code: string; readonly message: string};
	export?: CheckExportResult;
	debugLog?: {readonly path: string; readonly exchanges: number} | {readonly path: string; readonly code: string; readonly message: string};
};

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
	const artifacts = await preflightArtifacts(io, flags);
	if (isStop(artifacts)) return stop(artifacts);

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
	let debugLog: CheckDebugLog | undefined;
	if (artifacts.debugFile !== undefined) {
		const opened = await openCheckDebugLog(artifacts.debugFile, {secret: credentials.secret});
		if (!opened.ok) return stop({exitCode: exitCodes.usage, problems: [opened.problem], known: {}});
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
				...(debugLog === undefined ? {} : {onExchange: debugLog.onExchange}),
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
		const members: JsonArtifacts = {};
		const lines: string[] = [];
		if (artifacts.reportFile !== undefined) {
			const written = await writeCheckReport({
				file: artifacts.reportFile,
				force: flags.force,
				report,
				warnings,
				credentials,
				secret: credentials.secret,
				env: io.env,
				now: options.now ?? Date.now,
				system: currentSystemInfo(),
			});
			if (written.ok) {
				members.report = {markdown: written.paths.markdown, json: written.paths.json};
				lines.push(...reportWrittenLines(written));
			} else {
				members.report = {code: written.code, message: written.message};
				lines.push(`The support report was not written: ${written.message} [${written.code}]`);
			}
		}

		if (artifacts.exportDir !== undefined) {
			const exported = await exportAfterTest({
				dir: artifacts.exportDir,
				passed: exitCode === exitCodes.ok,
				report,
				environment: target.environment,
				credentials,
				toolVersion: version,
				secret: credentials.secret,
			});
			members.export = exported;
			lines.push(...exportLines(exported));
		}

		if (debugLog !== undefined) {
			const closed = await debugLog.finish();
			members.debugLog = closed.ok ? {path: closed.path, exchanges: closed.exchanges} : {path: closed.path, code: closed.code, message: closed.message};
			lines.push(debugLogLine(closed));
		}

		io.stdout.write(
			json ? `${masker.json({...checkJson(report, context, warnings), ...members})}\n` : checkText(report, context, exitCode, warnings),
		);
		for (const line of lines) io.stderr.write(`${line}\n`);
		if (store !== undefined && flags.save !== undefined) {
			if (exitCode === exitCodes.ok) await saveAfterSuccess(io, store, flags, inputs, report, options.now ?? Date.now);
			else io.stderr.write(`Profile "${flags.save}" was not saved: the test did not pass.\n`);
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
