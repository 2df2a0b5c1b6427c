import {useCallback, useEffect, useRef, type Dispatch} from 'react';
import type {PracticeSession, WizardServices} from '../wizard/services.js';
import type {WizardAction, WizardState} from '../wizard/state.js';

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * Starts the offline simulator once Practice is chosen, keeps it for the whole session, closes it on
 * unmount. Returns the session (once running) and `generateKey` for the simulated Key Management page.
 */
export function usePracticeSession(state: WizardState, services: WizardServices, dispatch: Dispatch<WizardAction>) {
	const session = useRef<PracticeSession | undefined>(undefined);
	const starting = useRef(false);
	const mounted = useRef(true);

	useEffect(() => {
		mounted.current = true;
		return () => {
			mounted.current = false;
			const current = session.current;
			session.current = undefined;
			void current?.close();
		};
	}, []);

	useEffect(() => {
		if (state.practice.status !== 'starting' || starting.current || session.current) return;
		starting.current = true;
		services.startPractice().then(
			(started) => {
				starting.current = false;
				if (!mounted.current) {
					void started.close();
					return;
				}

				session.current = started;
				dispatch({type: 'practice-status', practice: {status: 'ready'}});
			},
			(error: unknown) => {
				starting.current = false;
				if (!mounted.current) return;
				dispatch({
					type: 'practice-status',
					practice: {status: 'failed', message: `The offline simulator did not start: ${messageOf(error)}`},
				});
			},
		);
	}, [state.practice.status, services, dispatch]);

	const {accountKind, portfolioId, merchantId} = state;
	const generateKey = useCallback(
		(orgId: string) => {
			const current = session.current;
			if (!current) return;
			dispatch({type: 'practice-status', practice: {status: 'generating'}});
			current
				.generateKey(
					accountKind === 'meta' && portfolioId !== undefined
						? {orgId, portfolioId, ...(merchantId === undefined ? {} : {merchantId})}
						: {orgId},
				)
				.then(
					(key) => {
						if (mounted.current) dispatch({type: 'practice-key-created', key});
					},
					(error: unknown) => {
						if (!mounted.current) return;
						dispatch({type: 'practice-status', practice: {status: 'failed', message: `Generate key failed: ${messageOf(error)}`}});
					},
				);
		},
		[accountKind, portfolioId, merchantId, dispatch],
	);

	return {session: session.current, generateKey};
}
