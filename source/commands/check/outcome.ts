/**
 * After the test: the files first (the --json object says what happened to them), then the verdict on
 * stdout (the human text or the one JSON object), then where the files went, then the saved profile.
 */
import type {DiagnosisItem, KeyTestReport} from '../../cybersource/key-test-types.js';
import {exitCodes} from '../../exit-codes.js';
import type {ProfileStore} from '../../profiles/store.js';
import type {DebugLogSession} from '../../session/artifacts/debug-log.js';
import type {IdMasker} from '../../session/artifacts/id-masker.js';
import type {CommandIo} from '../command-io.js';
import type {CheckFlags} from './args.js';
import type {ArtifactPaths} from './artifact-paths.js';
import {writeArtifacts} from './artifacts.js';
import type {CheckInputs} from './inputs.js';
import {checkJson, checkText, type CheckContext} from './output.js';
import {saveAfterTest} from './save-profile.js';
import type {Target} from './target.js';

export type Outcome = {
	readonly report: KeyTestReport;
	/** session/verdict.ts's exit code for the report. */
	readonly exitCode: number;
	readonly inputs: CheckInputs;
	readonly warnings: readonly DiagnosisItem[];
	readonly target: Target;
	readonly artifacts: ArtifactPaths;
	readonly store?: ProfileStore;
	readonly debugLog?: DebugLogSession;
	/** The report's time and a saved profile's lastVerifiedAt. */
	readonly now: () => number;
};

export async function printOutcome(io: CommandIo, masker: IdMasker, flags: CheckFlags, outcome: Outcome): Promise<void> {
	const {report, exitCode, inputs, warnings, target} = outcome;
	const {credentials} = inputs;
	const passed = exitCode === exitCodes.ok;
	const {members, lines} = await writeArtifacts({
		paths: outcome.artifacts,
		force: flags.force,
		report,
		passed,
		warnings,
		environment: target.environment,
		credentials,
		env: io.env,
		now: outcome.now,
		...(outcome.debugLog === undefined ? {} : {debugLog: outcome.debugLog}),
	});
	const context: CheckContext = {environmentName: inputs.environmentName, environment: target.environment, orgId: credentials.orgId, keyId: credentials.keyId};
	io.stdout.write(flags.json ? `${masker.json({...checkJson(report, context, warnings), ...members})}\n` : checkText(report, context, exitCode, warnings));
	for (const line of lines) io.stderr.write(`${line}\n`);
	if (outcome.store !== undefined && flags.save !== undefined) {
		await saveAfterTest(io, outcome.store, {name: flags.save, withSecret: flags.saveSecret}, {inputs, report, passed, now: outcome.now});
	}
}
