import {useCallback, useEffect, useRef, type Dispatch} from 'react';
import type {Environment} from '../cybersource/environments.js';
import type {KeyTestAttempt} from '../cybersource/key-test-types.js';
import {defaultLookupTimeoutMs, realSleep, type Sleep} from '../cybersource/lookup.js';
import {baseUrlOverrideOf, planKeyTest, type CounterpartInput} from '../session/plan.js';
import {environmentNameOf} from '../wizard/mode-environment.js';
import type {WizardServices} from '../wizard/services.js';
import type {Mode, WizardAction, WizardState} from '../wizard/state.js';

/**
 * Where the wizard's test runs, as the plan takes it: the mode's environment, and the base URLs the
 * services point Test and Production at (tests use simulators); the other of the two is the counterpart
 * of the environment-swap probe. Practice is the simulator (no counterpart).
 */
export function wizardSide(mode: Mode, environment: Environment, environments: WizardServices['environments']): CounterpartInput {
	const other = mode === 'test' ? environments.production : mode === 'production' ? environments.test : undefined;
	const baseUrl = baseUrlOverrideOf(environment);
	const counterpartBaseUrl = other === undefined ? undefined : baseUrlOverrideOf(other);
	return {
		side: environmentNameOf(mode),
		...(baseUrl === undefined ? {} : {baseUrl}),
		...(counterpartBaseUrl === undefined ? {} : {counterpartBaseUrl}),
	};
}

/** A sleep that also ends (rejects) when `skip` fires: the lookup then stops at once and says so. */
export function skippableSleep(sleep: Sleep, skip: AbortSignal): Sleep {
	return async (ms, signal) => {
		skip.throwIfAborted();
		await sleep(ms, signal === undefined ? skip : AbortSignal.any([signal, skip]));
	};
}

/**
 * While the send screen is up: runs the key test (one request per chosen method) with an
 * AbortController, then the lookup (after a 201), the reversal (production charge) and, on a 401,
 * the no-charge probes. Leaving the screen (Esc, Ctrl+C) aborts the request in flight. Returns
 * `skipLookup` for the `s` key: stop waiting for the transaction search.
 */
export function useKeyTestRun(
	state: WizardState,
	environment: Environment | undefined,
	services: WizardServices,
	dispatch: Dispatch<WizardAction>,
) {
	const sending = state.step === 'send';
	const {sendCount, sendKind} = state;
	const {orgId, keyId, secret} = state.credentials;
	const portfolioId = state.accountKind === 'meta' ? state.portfolioId : undefined;
	const {auth, mode, chargeCard} = state;
	const skip = useRef<AbortController | undefined>(undefined);
	useEffect(() => {
		if (!sending) return;
		if (environment === undefined || orgId === undefined || keyId === undefined || secret === undefined) {
			dispatch({type: 'send-failed', failure: {code: 'NOT_READY', message: 'Something is missing: go back and complete the earlier steps.'}});
			return;
		}

		const controller = new AbortController();
		const skipper = new AbortController();
		skip.current = skipper;
		const finished: KeyTestAttempt[] = [];
		const onExchange = services.debugLog?.recorderFor(secret);
		const {request} = planKeyTest({
			...wizardSide(mode, environment, services.environments),
			environment,
			credentials: {orgId, keyId, secret, ...(portfolioId === undefined ? {} : {portfolioId})},
			auth,
			// Production: a payment only after the organization ID was typed to confirm on the review screen,
			// on the real card typed before that confirmation (never the sample card, which a live processor declines).
			charge: sendKind === 'payment',
			...(chargeCard === undefined ? {} : {card: chargeCard}),
			lookupTimeoutMs: services.lookupTimeoutMs ?? defaultLookupTimeoutMs,
		});
		services
			.runKeyTest(request, {
				signal: controller.signal,
				now: services.now,
				sleep: skippableSleep(services.sleep ?? realSleep, skipper.signal),
				...(onExchange === undefined ? {} : {onExchange}),
				onProgress(event) {
					if (controller.signal.aborted) return;
					if (event.type === 'attempt-start') {
						dispatch({type: 'send-progress', current: event.auth, finished: [...finished]});
					} else {
						finished.push(event.attempt);
						dispatch({type: 'send-progress', finished: [...finished]});
					}
				},
				onStage(event) {
					if (!controller.signal.aborted) dispatch({type: 'send-stage', event, at: services.now()});
				},
			})
			.then(
				(report) => {
					if (!controller.signal.aborted) dispatch({type: 'send-finished', report});
				},
				(error: unknown) => {
					if (controller.signal.aborted) return;
					dispatch({
						type: 'send-failed',
						failure: {code: 'KEY_TEST_FAILED', message: error instanceof Error ? error.message : String(error)},
					});
				},
			);
		return () => {
			controller.abort();
			if (skip.current === skipper) skip.current = undefined;
		};
		// sendCount identifies one send; the values are read at its start.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [sending, sendCount]);

	const skipLookup = useCallback(() => {
		const current = skip.current;
		if (current === undefined || current.signal.aborted) return;
		dispatch({type: 'skip-lookup'});
		current.abort();
	}, [dispatch]);

	return {skipLookup};
}
