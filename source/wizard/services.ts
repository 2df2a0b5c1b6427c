/**
 * Everything the wizard does outside the screen: reading key files, running the key test, the offline
 * simulator for Practice mode, opening a browser. Passed to <App> as one object so tests can substitute
 * parts (they keep the real simulator and key test, and drop the browser).
 */
import {chmod, mkdir} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {environment, withBaseUrl, type Environment} from '../cybersource/environments.js';
import type {KeyTestReport, KeyTestRequest} from '../cybersource/key-test-types.js';
import type {KeyTestProgress, KeyTestStageEvent} from '../cybersource/key-test.js';
import type {Sleep} from '../cybersource/lookup.js';
import type {KeyFileResult} from '../cybersource/key-file.js';
import type {PracticeKey} from './state.js';
import type {UrlOpener} from './open-url.js';
import type {Simulator} from '../simulator/index.js';
import type {HttpExchange} from '../cybersource/client.js';
import type {ProxyEnvironment} from '../cybersource/dispatcher.js';
import {currentSystemInfo, type SystemInfo} from '../report/system-info.js';
import {defaultSimulatorKeysFile} from '../config-dir.js';
import {createProfileService, type ProfileService} from './profile-service.js';
import type {DebugLogSession} from '../session/artifacts/debug-log.js';

export type KeyTestRunner = (
	request: KeyTestRequest,
	deps: {
		readonly signal: AbortSignal;
		readonly onProgress: (event: KeyTestProgress) => void;
		/** --debug: every HTTP exchange, for the debug log. */
		readonly onExchange?: (exchange: HttpExchange) => void;
		/** Reversal, lookup waits and diagnosis probes, for the send screen. */
		readonly onStage?: (event: KeyTestStageEvent) => void;
		/** The lookup's waits (the wizard wraps it so `s` can skip waiting). */
		readonly sleep?: Sleep;
		/** The clock the requests are signed with (services.now). */
		readonly now?: () => number;
	},
) => Promise<KeyTestReport>;

/** The offline simulator, started when Practice is chosen and closed when the wizard ends. */
export type PracticeSession = {
	/** Test identity (Business Center names, apitest host) with requests going to the simulator. */
	readonly environment: Environment;
	/** Creates a key pair in the simulator and "downloads" its key file; returns where. */
	generateKey(input: {readonly orgId: string; readonly portfolioId?: string; readonly merchantId?: string}): Promise<PracticeKey>;
	close(): Promise<void>;
};

export type WizardServices = {
	/** Where Test and Production requests go (tests point them at a simulator). */
	readonly environments: {readonly test: Environment; readonly production: Environment};
	readonly startPractice: () => Promise<PracticeSession>;
	readonly readKeyFile: (file: string) => Promise<KeyFileResult>;
	readonly runKeyTest: KeyTestRunner;
	readonly browser: UrlOpener;
	/** Clock for elapsed times, report names, profile times and request signing. */
	readonly now: () => number;
	/** The lookup's wait between transaction searches (default a real timer); tests pass a fake clock's sleep. */
	readonly sleep?: Sleep;
	/** How long to wait for a payment in the transaction search (default 60 s; 0 skips; --lookup-timeout). */
	readonly lookupTimeoutMs?: number;
	/** Saved profiles (welcome screen; save after a successful test). */
	readonly profiles: ProfileService;
	/** The current directory: support reports go here; the export's default folder. */
	readonly workDir: string;
	/** Tool, Node and OS versions for the support report. */
	readonly system: SystemInfo;
	/** Proxy variables (the report says whether a proxy was used). */
	readonly proxyEnv: ProxyEnvironment;
	/** --debug FILE: records every HTTP exchange. */
	readonly debugLog?: DebugLogSession;
};

/** `~/x` and `~` to the home directory; everything else unchanged (relative paths resolve against cwd later). */
export function expandHome(file: string, home: string = homedir()): string {
	if (file === '~') return home;
	if (file.startsWith('~/') || file.startsWith('~\\')) return path.join(home, file.slice(2));
	return file;
}

export type PracticeOptions = {
	/** Where practice key files are "downloaded" (created 0700). */
	readonly downloadDir: string;
	/** The simulator's keys file, so `check --env simulator` knows practice keys too; omit for memory only. */
	readonly keysFile?: string;
};

/** A practice session over a running simulator; `close` closes the simulator only when `owned`. */
export function practiceSession(simulator: Simulator, options: {readonly downloadDir: string; readonly owned: boolean}): PracticeSession {
	const identity = environment('test');
	return {
		environment: withBaseUrl(identity, new URL(simulator.url), `Practice: offline simulator standing in for ${identity.apiHost}`),
		async generateKey({orgId, portfolioId, merchantId}) {
			const record = simulator.generateKey({
				orgId: portfolioId ?? orgId,
				...(portfolioId === undefined ? {} : {portfolioId}),
				...(merchantId === undefined ? {} : {merchants: [merchantId]}),
			});
			await mkdir(options.downloadDir, {recursive: true, mode: 0o700});
			await chmod(options.downloadDir, 0o700);
			const file = path.join(options.downloadDir, `key-${record.keyId.slice(0, 8)}.pem`);
			const {writeKeyFile} = await import('../simulator/key-file-writer.js');
			writeKeyFile(file, record);
			return {keyId: record.keyId, orgId: record.orgId, path: file};
		},
		async close() {
			if (options.owned) await simulator.close();
		},
	};
}

/**
 * How long the practice simulator keeps a new payment out of its transaction search: like CyberSource,
 * but short, so the automatic lookup feels real and is quick (its first try comes after 5 s).
 */
export const practiceSearchDelayMs = 2500;

/** Starts the in-process simulator (test identity) for Practice mode. */
export async function startPracticeSession(options: PracticeOptions): Promise<PracticeSession> {
	const {startSimulator} = await import('../simulator/index.js');
	const simulator = await startSimulator({
		env: 'test',
		searchDelayMs: practiceSearchDelayMs,
		...(options.keysFile === undefined ? {} : {keysFile: options.keysFile}),
	});
	return practiceSession(simulator, {downloadDir: options.downloadDir, owned: true});
}

export type DefaultServicesOptions = {
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly cwd: string;
	readonly configDir: string;
	readonly browser: UrlOpener;
	readonly debugLog?: DebugLogSession;
	readonly lookupTimeoutMs?: number;
};

/**
 * The real thing: CyberSource hosts, the real key test, the simulator under the config directory.
 * The key test (undici, jose), the key-file reader and the simulator load when first used, after the
 * first frame; what the welcome screen needs is imported statically (no extra module round trip).
 */
export async function createDefaultServices(options: DefaultServicesOptions): Promise<WizardServices> {
	return {
		environments: {test: environment('test'), production: environment('production')},
		startPractice: async () =>
			startPracticeSession({
				downloadDir: path.join(options.configDir, 'practice'),
				keysFile: defaultSimulatorKeysFile(options.env),
			}),
		async readKeyFile(file) {
			const {readKeyFile} = await import('../cybersource/read-key-file.js');
			return readKeyFile(expandHome(file), options.cwd);
		},
		async runKeyTest(request, deps) {
			const {runKeyTest} = await import('../cybersource/key-test.js');
			return runKeyTest(request, {...deps, env: options.env});
		},
		browser: options.browser,
		now: Date.now,
		profiles: createProfileService(options.configDir),
		workDir: options.cwd,
		system: currentSystemInfo(),
		proxyEnv: options.env,
		...(options.debugLog === undefined ? {} : {debugLog: options.debugLog}),
		...(options.lookupTimeoutMs === undefined ? {} : {lookupTimeoutMs: options.lookupTimeoutMs}),
	};
}
