/**
 * The clock and the wait `check` gives the key test. Against CyberSource: real time. Against the
 * built-in simulator (--env simulator): simulated time, so the transaction lookup's waits (5 s, 10 s, …)
 * move the simulator's clock and the tool's clock forward together instead of waiting; the run shows
 * exactly what it would against CyberSource, without the wait.
 */
import type {Sleep} from '../../cybersource/lookup.js';

export type CheckTime = {
	readonly now: () => number;
	readonly sleep: Sleep;
};

/** One shared offset over Date.now(): `sleep(ms)` adds ms to it and returns at once. */
export function simulatedTime(realNow: () => number = Date.now): CheckTime & {readonly offsetMs: () => number} {
	let offset = 0;
	return {
		now: () => realNow() + offset,
		async sleep(ms: number, signal?: AbortSignal) {
			signal?.throwIfAborted();
			offset += Math.max(0, ms);
		},
		offsetMs: () => offset,
	};
}
