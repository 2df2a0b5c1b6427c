// Helpers for the issue-6 engine tests (lookup, production safety, diagnosis): a fake clock shared
// with the simulator, simulator environments, and an explain-line recorder.
import {environment, withBaseUrl, type Environment} from '../../source/cybersource/environments.js';
import type {KeyTestStageEvent} from '../../source/cybersource/key-test.js';
import type {Credentials} from '../../source/cybersource/types.js';
import type {KeyRecord, Simulator} from '../../source/simulator/index.js';

/** A clock that only moves when `sleep` (or `advance`) is called: no real waiting. */
export function fakeClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
	let time = start;
	const sleeps: number[] = [];
	return {
		now: () => time,
		advance(ms: number) {
			time += ms;
		},
		sleeps,
		async sleep(ms: number, signal?: AbortSignal) {
			signal?.throwIfAborted();
			sleeps.push(ms);
			time += ms;
		},
	};
}

export function testEnvironment(simulator: Pick<Simulator, 'url'>): Environment {
	return withBaseUrl(environment('test'), new URL(simulator.url));
}

export function productionEnvironment(simulator: Pick<Simulator, 'url'>): Environment {
	return withBaseUrl(environment('production'), new URL(simulator.url));
}

export function credentialsOf(record: KeyRecord, orgId = record.orgId): Credentials {
	return {orgId, keyId: record.keyId, secret: record.secret};
}

/** Collects the simulator's --explain lines (one per request it received). */
export function explainLines() {
	const lines: string[] = [];
	return {lines, explain: (line: string) => lines.push(line), requests: (prefix: string) => lines.filter((line) => line.startsWith(prefix))};
}

export function stageRecorder() {
	const events: KeyTestStageEvent[] = [];
	return {events, onStage: (event: KeyTestStageEvent) => events.push(event)};
}

export const wrongSecret = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
