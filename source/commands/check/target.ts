/** Where `check` sends its requests: a CyberSource environment (or --base-url), or a simulator it starts itself. */
import {defaultSimulatorKeysFile} from '../../config-dir.js';
import {environment, withBaseUrl, type Environment} from '../../cybersource/environments.js';
import type {CommandIo} from '../command-io.js';
import {environmentFor, type CheckInputs} from './inputs.js';
import {usageStop, type Stop} from './stop.js';
import {simulatedTime, type CheckTime} from './time.js';

export type Target = {
	readonly environment: Environment;
	readonly close: () => Promise<void>;
	/** Simulated time shared with the in-process simulator (--env simulator only). */
	readonly time?: CheckTime;
};

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The environment to test against; for --env simulator, a simulator started in-process on loopback. */
export async function startTarget(io: CommandIo, inputs: CheckInputs, now?: () => number): Promise<Target | Stop> {
	const fixed = environmentFor(inputs.environmentName, inputs.baseUrl);
	if (fixed !== undefined) return {environment: fixed, close: async () => undefined};
	const keysFile = defaultSimulatorKeysFile(io.env);
	try {
		const {startSimulator} = await import('../../simulator/index.js');
		const time = simulatedTime(now);
		const simulator = await startSimulator({env: 'test', keysFile, clock: time.now});
		const url = new URL(simulator.url);
		io.stderr.write(`Started the built-in simulator on ${url.host} (keys from ${keysFile}).\n`);
		return {
			environment: withBaseUrl(environment('test'), url, `Simulator (${url.host})`),
			close: async () => simulator.close(),
			time,
		};
	} catch (error: unknown) {
		return usageStop(
			[{code: 'SIMULATOR_START_FAILED', message: `Could not start the built-in simulator with keys file ${keysFile}: ${errorMessage(error)}`}],
			{environmentName: 'simulator'},
		);
	}
}
