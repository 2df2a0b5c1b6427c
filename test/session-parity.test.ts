/**
 * The wizard and `check` are two front ends over one session layer: for every scenario the suite has,
 * the real <App> (driven key by key) and createCheckMain (with a test io), each against a fresh copy of
 * the same simulator setup, must send the same request and reach the same verdict kind, the same exit
 * code and the same ranked causes. Each scenario also says what that verdict is, so two front ends that
 * are wrong the same way fail too.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {createCheckMain} from '../source/commands/check/index.js';
import {environment, withBaseUrl} from '../source/cybersource/environments.js';
import {runKeyTest} from '../source/cybersource/key-test.js';
import type {KeyTestReport, KeyTestRequest} from '../source/cybersource/key-test-types.js';
import type {AuthChoice} from '../source/cybersource/types.js';
import {exitCodes} from '../source/exit-codes.js';
import {verdictKind, type VerdictKind} from '../source/session/verdict.js';
import {startSimulator, type KeyRecord, type Simulator} from '../source/simulator/index.js';
import {fakeIo} from './helpers/check-io.js';
import {wrongSecret} from './helpers/diagnosis-helpers.js';
import {keys, press, typeAndEnter, waitForText} from './helpers/ink.js';
import {startRecordingProxy, type RecordingServer} from './helpers/recording-server.js';
import {createHarness, nextYearMastercard, startWizard, typeCard, typedKeyToReview, type Harness, type TypedCard} from './helpers/wizard-harness.js';

/** One fresh setup: the simulators, where each side's requests go (a proxy, a closed port), and the key. */
type World = {
	readonly testUrl: string;
	readonly productionUrl: string;
	readonly key: KeyRecord;
	close(): Promise<void>;
};

type Side = 'test' | 'production';

type Scenario = {
	readonly name: string;
	/** Which side the test runs on (the wizard's t or p, check --env). */
	readonly side: Side;
	readonly auth: AuthChoice;
	/** A confirmed production charge on this card (the wizard's c, check --charge --card-file). */
	readonly charge?: TypedCard;
	/** A shared secret that is not the key's (a 401). */
	readonly wrongSecret?: boolean;
	/** Per-request timeout (check --timeout; the same limits given to the wizard's engine). */
	readonly timeoutMs?: number;
	readonly setup: () => Promise<World>;
	readonly expected: {readonly kind: VerdictKind; readonly exitCode: number; readonly firstCause?: string};
};

/** What a front end ended with. */
type Outcome = {
	readonly kind: VerdictKind;
	readonly exitCode: number;
	/** Ranked cause codes, most likely first. */
	readonly causes: readonly string[];
	readonly attempts: ReadonlyArray<readonly [string, string]>;
	/** The request sent, with this world's hosts and key ID replaced by names (each run has its own). */
	readonly plan: unknown;
};

const declinedCard = (): TypedCard => ({...nextYearMastercard(), number: '4242 3482 9384 83873'});

type SimulatorSetup = {
	/** The key lives on this side's simulator (default: the side tested). */
	readonly keyOn?: Side;
	readonly test?: Parameters<typeof startSimulator>[0];
	readonly production?: Parameters<typeof startSimulator>[0];
	/** Sits in front of the test simulator. */
	readonly testProxy?: (target: string) => Promise<RecordingServer>;
	/** Requests to the test side go to a port nothing listens on. */
	readonly testUnreachable?: boolean;
	/** The production payment goes through; CyberSource then fails everything after it (the reversal first). */
	readonly failAfterProductionPayment?: boolean;
};

function world(side: Side, options: SimulatorSetup = {}): () => Promise<World> {
	return async () => {
		const explain = (line: string) => {
			// Called for requests only, so after the simulator has started.
			if (options.failAfterProductionPayment === true && line.startsWith('POST /pts/v2/payments ')) production.setFaults({status502: true});
		};

		const production: Simulator = await startSimulator({env: 'production', searchDelayMs: 0, explain, ...options.production});
		const sims = {test: await startSimulator({env: 'test', searchDelayMs: 0, ...options.test}), production};
		const proxy = await options.testProxy?.(sims.test.url);
		let testUrl = proxy?.baseUrl ?? sims.test.url;
		if (options.testUnreachable === true) {
			const closed = await startSimulator({env: 'test'});
			testUrl = closed.url;
			await closed.close();
		}

		const key = sims[options.keyOn ?? side].generateKey({orgId: 'parity_merchant'});
		return {
			testUrl,
			productionUrl: sims.production.url,
			key,
			async close() {
				await proxy?.close();
				await Promise.all([sims.test.close(), sims.production.close()]);
			},
		};
	};
}

/** A middlebox that spoils every HTTP Signature on the way (JWT passes): HTTP Signature is rejected, JWT works. */
async function signatureSpoilingProxy(target: string): Promise<RecordingServer> {
	return startRecordingProxy(target, (body) => body, (headers) => {
		const signature = headers['signature'];
		if (signature === undefined) return headers;
		return {...headers, signature: signature.replace(/signature="(.)/, (_match, first: string) => `signature="${first === 'A' ? 'B' : 'A'}`)};
	});
}

const scenarios: readonly Scenario[] = [
	{name: 'test: works with both methods', side: 'test', auth: 'both', setup: world('test'), expected: {kind: 'works', exitCode: exitCodes.ok}},
	{
		name: 'test: works with JWT only, HTTP Signature rejected (a middlebox spoils it)',
		side: 'test',
		auth: 'both',
		setup: world('test', {testProxy: signatureSpoilingProxy}),
		expected: {kind: 'works-partly', exitCode: exitCodes.failed},
	},
	{
		name: 'test: a wrong secret is rejected (401), the probes rank the causes',
		side: 'test',
		auth: 'both',
		wrongSecret: true,
		setup: world('test'),
		expected: {kind: 'rejected', exitCode: exitCodes.failed, firstCause: 'KEY_OR_SECRET_WRONG'},
	},
	{
		name: 'production: a test key is rejected, the environment swap finds where it works',
		side: 'production',
		auth: 'jwt',
		setup: world('production', {keyOn: 'test'}),
		expected: {kind: 'rejected', exitCode: exitCodes.failed, firstCause: 'WRONG_ENVIRONMENT'},
	},
	{name: 'production: the no-charge probe', side: 'production', auth: 'both', setup: world('production'), expected: {kind: 'works', exitCode: exitCodes.ok}},
	{
		name: 'production: a confirmed charge, reversed',
		side: 'production',
		auth: 'jwt',
		charge: nextYearMastercard(),
		setup: world('production'),
		expected: {kind: 'works', exitCode: exitCodes.ok},
	},
	{
		name: 'production: a confirmed charge whose reversal fails (money is held)',
		side: 'production',
		auth: 'jwt',
		charge: nextYearMastercard(),
		setup: world('production', {failAfterProductionPayment: true}),
		expected: {kind: 'reversal-failed', exitCode: exitCodes.failed},
	},
	{
		name: 'production: a confirmed charge the processor declines',
		side: 'production',
		auth: 'jwt',
		charge: declinedCard(),
		setup: world('production'),
		expected: {kind: 'declined', exitCode: exitCodes.failed},
	},
	{
		name: 'test: the payment gets no answer in time: it may have gone through',
		side: 'test',
		auth: 'both',
		timeoutMs: 300,
		setup: world('test', {test: {faults: {hang: true}}}),
		expected: {kind: 'may-have-gone-through', exitCode: exitCodes.noVerdict},
	},
	{
		name: 'production: the no-charge probe gets no answer in time',
		side: 'production',
		auth: 'jwt',
		timeoutMs: 300,
		setup: world('production', {production: {faults: {hang: true}}}),
		expected: {kind: 'no-verdict', exitCode: exitCodes.noVerdict},
	},
	{
		name: 'test: nothing listens at the address',
		side: 'test',
		auth: 'jwt',
		setup: world('test', {testUnreachable: true}),
		expected: {kind: 'no-verdict', exitCode: exitCodes.noVerdict},
	},
	{
		name: 'test: a 5xx answer',
		side: 'test',
		auth: 'jwt',
		setup: world('test', {test: {faults: {status502: true}}}),
		expected: {kind: 'no-verdict', exitCode: exitCodes.noVerdict},
	},
	{
		name: 'test: an HTML page from a proxy instead of CyberSource',
		side: 'test',
		auth: 'jwt',
		setup: world('test', {test: {faults: {html: true}}}),
		expected: {kind: 'no-verdict', exitCode: exitCodes.noVerdict},
	},
];

let harness: Harness;
let dir = '';
beforeAll(async () => {
	harness = await createHarness();
	dir = mkdtempSync(path.join(tmpdir(), 'session-parity-'));
});

afterAll(async () => {
	await harness.close();
	rmSync(dir, {recursive: true, force: true});
});

/** runKeyTest, recording each request and its report. */
function recordingEngine() {
	const runs: Array<{readonly request: KeyTestRequest; readonly report: KeyTestReport}> = [];
	const engine: typeof runKeyTest = async (request, deps) => {
		const report = await runKeyTest(request, deps);
		runs.push({request, report});
		return report;
	};

	return {runs, engine};
}

function causesOf(items: ReadonlyArray<{readonly kind?: string; readonly rank?: number; readonly code: string}>): string[] {
	return items
		.filter((item) => item.kind === 'cause')
		.toSorted((a, b) => (a.rank ?? 0) - (b.rank ?? 0))
		.map((item) => item.code);
}

/** The request as JSON with the world's own hosts and key ID named, so two worlds' requests compare. */
function planOf(request: KeyTestRequest, setup: World): unknown {
	const {credentials, ...rest} = request;
	let text = JSON.stringify({...rest, credentials: {orgId: credentials.orgId, keyId: credentials.keyId, portfolioId: credentials.portfolioId ?? null}});
	for (const [url, name] of [[setup.testUrl, 'TEST-HOST'], [setup.productionUrl, 'PRODUCTION-HOST']] as const) text = text.replaceAll(new URL(url).host, name);
	return JSON.parse(text.replaceAll(setup.key.keyId, 'KEY-ID'));
}

function outcomeOf(runs: ReturnType<typeof recordingEngine>['runs'], exitCode: number | undefined, setup: World, causes?: readonly string[]): Outcome {
	expect(runs).toHaveLength(1);
	const [run] = runs;
	if (run === undefined || exitCode === undefined) throw new Error('the front end did not finish a key test');
	return {
		kind: verdictKind(run.report),
		exitCode,
		causes: causes ?? causesOf(run.report.diagnosis),
		attempts: run.report.attempts.map((attempt) => [attempt.auth, attempt.code] as const),
		plan: planOf(run.request, setup),
	};
}

function timeouts(scenario: Scenario) {
	const ms = scenario.timeoutMs;
	return ms === undefined ? {} : {timeouts: {connectMs: ms, headersMs: ms, bodyMs: ms}};
}

async function throughTheWizard(scenario: Scenario): Promise<Outcome> {
	const setup = await scenario.setup();
	try {
		const {runs, engine} = recordingEngine();
		const app = startWizard(
			harness.services({
				environments: {
					test: withBaseUrl(environment('test'), new URL(setup.testUrl)),
					production: withBaseUrl(environment('production'), new URL(setup.productionUrl)),
				},
				runKeyTest: async (request, deps) => engine(request, {...deps, env: {}, ...timeouts(scenario)}),
			}),
		);
		await typedKeyToReview(app, scenario.side === 'test' ? 't' : 'p', setup.key, scenario.wrongSecret === true ? wrongSecret : setup.key.secret);
		// b, h, j pick the method; Enter sends (in production: the no-charge probe); c asks for the real charge.
		const pick = {both: 'b', jwt: 'j', 'http-signature': 'h'}[scenario.auth];
		if (scenario.charge === undefined) {
			await press(app, pick, keys.enter);
		} else {
			await press(app, pick, 'c');
			await typeCard(app, scenario.charge);
			await typeAndEnter(app, setup.key.orgId);
		}

		await waitForText(app, 'Step 7 of 7 · Result', 10_000);
		await press(app, keys.enter);
		await app.exited;
		return outcomeOf(runs, app.exitCode(), setup);
	} finally {
		await setup.close();
	}
}

async function throughCheck(scenario: Scenario): Promise<Outcome> {
	const setup = await scenario.setup();
	try {
		const {runs, engine} = recordingEngine();
		const secretFile = path.join(dir, 'secret.txt');
		writeFileSync(secretFile, `${scenario.wrongSecret === true ? wrongSecret : setup.key.secret}\n`, {mode: 0o600});
		const here = scenario.side === 'test' ? setup.testUrl : setup.productionUrl;
		const other = scenario.side === 'test' ? setup.productionUrl : setup.testUrl;
		const argv = ['--org-id', setup.key.orgId, '--key-id', setup.key.keyId, '--secret-file', secretFile];
		argv.push('--env', scenario.side, '--base-url', here, '--counterpart-base-url', other, '--auth', scenario.auth, '--json');
		if (scenario.charge !== undefined) {
			const cardFile = path.join(dir, 'card.txt');
			const {number, expiry, securityCode} = scenario.charge;
			writeFileSync(cardFile, `Number: ${number}\nExpiry: ${expiry}\nCVV: ${securityCode}\n`, {mode: 0o600});
			argv.push('--charge', '--card-file', cardFile);
		}

		if (scenario.timeoutMs !== undefined) argv.push('--timeout', String(scenario.timeoutMs / 1000));
		const io = fakeIo({argv, env: {CYBS_KEY_WIZARD_CONFIG_DIR: path.join(dir, 'config')}, cwd: dir});
		const main = createCheckMain({sleep: async () => undefined, runKeyTest: engine});
		const exitCode = await main(io);
		// The causes as check prints them (its one JSON object), not as the engine returned them.
		const printed: unknown = JSON.parse(io.out());
		const diagnosis = typeof printed === 'object' && printed !== null && 'diagnosis' in printed && Array.isArray(printed.diagnosis) ? printed.diagnosis : [];
		const causes = causesOf(
			diagnosis.map((item: unknown) => ({
				code: typeof item === 'object' && item !== null && 'code' in item ? String(item.code) : '',
				...(typeof item === 'object' && item !== null && 'kind' in item ? {kind: String(item.kind)} : {}),
				...(typeof item === 'object' && item !== null && 'rank' in item ? {rank: Number(item.rank)} : {}),
			})),
		);
		return outcomeOf(runs, exitCode, setup, causes);
	} finally {
		await setup.close();
	}
}

describe('the wizard and check reach the same verdict', () => {
	test.each(scenarios)('$name', async (scenario) => {
		const wizard = await throughTheWizard(scenario);
		const check = await throughCheck(scenario);
		expect({kind: wizard.kind, exitCode: wizard.exitCode, causes: wizard.causes, attempts: wizard.attempts}).toEqual({
			kind: check.kind,
			exitCode: check.exitCode,
			causes: check.causes,
			attempts: check.attempts,
		});
		expect(wizard.plan).toEqual(check.plan);
		expect({kind: wizard.kind, exitCode: wizard.exitCode}).toEqual({kind: scenario.expected.kind, exitCode: scenario.expected.exitCode});
		if (scenario.expected.firstCause !== undefined) expect(wizard.causes[0]).toBe(scenario.expected.firstCause);
	});
});
