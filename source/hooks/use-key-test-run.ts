import {useEffect, type Dispatch} from 'react';
import type {Environment} from '../cybersource/environments.js';
import type {KeyTestAttempt} from '../cybersource/key-test-types.js';
import type {WizardServices} from '../wizard/services.js';
import type {WizardAction, WizardState} from '../wizard/state.js';

/**
 * While the send screen is up: runs the key test (one request per chosen method) with an
 * AbortController. Leaving the screen (Esc, Ctrl+C) aborts the request in flight.
 */
export function useKeyTestRun(
	state: WizardState,
	environment: Environment | undefined,
	services: WizardServices,
	dispatch: Dispatch<WizardAction>,
) {
	const sending = state.step === 'send';
	const {sendCount} = state;
	const {orgId, keyId, secret} = state.credentials;
	const portfolioId = state.accountKind === 'meta' ? state.portfolioId : undefined;
	const {auth} = state;
	const production = state.mode === 'production';
	useEffect(() => {
		if (!sending) return;
		if (environment === undefined || orgId === undefined || keyId === undefined || secret === undefined) {
			dispatch({type: 'send-failed', failure: {code: 'NOT_READY', message: 'Something is missing: go back and complete the earlier steps.'}});
			return;
		}

		const controller = new AbortController();
		const finished: KeyTestAttempt[] = [];
		const onExchange = services.debugLog?.recorderFor(secret);
		services
			.runKeyTest(
				{
					environment,
					credentials: {orgId, keyId, secret, ...(portfolioId === undefined ? {} : {portfolioId})},
					auth,
					mode: 'payment',
					// The review screen sends in Production only after the organization ID was typed to confirm.
					...(production ? {productionChargeConfirmed: true} : {}),
				},
				{
					signal: controller.signal,
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
				},
			)
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
		};
		// sendCount identifies one send; the values are read at its start.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [sending, sendCount]);
}
