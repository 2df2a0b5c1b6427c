/**
 * What happens on the send screen after the signed requests (issue 6): the automatic reversal, the
 * transaction lookup with its waits, and the no-charge probes of a 401. Folded from the engine's
 * stage events; pure.
 */
import type {KeyTestStageEvent} from '../cybersource/key-test.js';
import type {LookupResult, ProbeResult, ReversalResult} from '../cybersource/key-test-types.js';

export type LookupProgress =
	| {
			readonly phase: 'waiting';
			readonly requestId: string;
			/** The try that comes after this wait (1-based). */
			readonly attempt: number;
			readonly nextInMs: number;
			/** When the wait began, by the wizard's clock. */
			readonly since: number;
			readonly elapsedMs: number;
			readonly limitMs: number;
			readonly message: string;
	  }
	| {readonly phase: 'asking'; readonly requestId: string; readonly attempt: number; readonly limitMs: number};

export type SendStage = {
	readonly reversal?: {readonly phase: 'sending'; readonly paymentRequestId: string} | {readonly phase: 'done'; readonly result: ReversalResult};
	/** The lookup in progress (one per payment that got a 201, one after the other). */
	readonly lookup?: LookupProgress;
	/** Lookups that ended (found, not yet, skipped, …), in order. */
	readonly lookupsDone: readonly LookupResult[];
	/** The probes of a 401, once they started. */
	readonly diagnosing: boolean;
	readonly probes: readonly ProbeResult[];
	/** The probe being sent now (its label). */
	readonly probing?: string;
	/** `s` was pressed: the lookup stops at its next wait. */
	readonly skipRequested: boolean;
};

export const emptyStage: SendStage = {lookupsDone: [], diagnosing: false, probes: [], skipRequested: false};

export function stageAfter(stage: SendStage, event: KeyTestStageEvent, at: number): SendStage {
	switch (event.type) {
		case 'reversal-start': {
			return {...stage, reversal: {phase: 'sending', paymentRequestId: event.paymentRequestId}};
		}

		case 'reversal-done': {
			return {...stage, reversal: {phase: 'done', result: event.reversal}};
		}

		case 'lookup-wait': {
			return {
				...stage,
				lookup: {
					phase: 'waiting',
					requestId: event.requestId,
					attempt: event.attempt,
					nextInMs: event.nextInMs,
					since: at,
					elapsedMs: event.elapsedMs,
					limitMs: event.limitMs,
					message: event.message,
				},
			};
		}

		case 'lookup-attempt': {
			const limitMs = stage.lookup?.limitMs ?? 0;
			return {...stage, lookup: {phase: 'asking', requestId: event.requestId, attempt: event.attempt, limitMs}};
		}

		case 'lookup-done': {
			return {...stage, lookup: undefined, lookupsDone: [...stage.lookupsDone, event.result]};
		}

		case 'diagnosis-start': {
			return {...stage, diagnosing: true};
		}

		case 'probe-start': {
			return {...stage, diagnosing: true, probing: event.label};
		}

		case 'probe-done': {
			return {...stage, probing: undefined, probes: [...stage.probes.filter((probe) => probe.name !== event.probe.name), event.probe]};
		}
	}
}
