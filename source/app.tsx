import {useCallback, useEffect, useReducer, useState} from 'react';
import {useApp} from 'ink';
import {DisplayContext, type DisplayOptions, defaultDisplay} from './components/display.js';
import {useCtrlC} from './hooks/use-cancel.js';
import {usePracticeSession} from './hooks/use-practice-session.js';
import {useKeyTestRun} from './hooks/use-key-test-run.js';
import {checkCredentials, type CredentialNote} from './cybersource/credential-checks.js';
import {authMethodsFor} from './cybersource/types.js';
import {exitCodes} from './exit-codes.js';
import {initialState, wizardReducer, type WizardState} from './wizard/state.js';
import {resultExitCode} from './wizard/exit-code.js';
import type {WizardServices} from './wizard/services.js';
import {Welcome} from './steps/welcome.js';
import {Account} from './steps/account.js';
import {CreateKey} from './steps/create-key.js';
import {PracticeKeyPage} from './steps/practice-key.js';
import {Credentials} from './steps/credentials.js';
import {Review} from './steps/review.js';
import {Send} from './steps/send.js';
import {Result} from './steps/result.js';
import {NoEnvironment} from './steps/no-environment.js';

/** Organization used on the simulated Key Management page when the user has not named one. */
export const practiceOrgId = 'practice_merchant';

export type AppProps = {
	readonly services: WizardServices;
	readonly display?: DisplayOptions;
	/** Receives the exit code just before the app exits (0 works, 1 rejected, 3 no verdict, 130 interrupted). */
	readonly onExit?: (code: number) => void;
	/** Start from this state (tests). */
	readonly initial?: WizardState;
};

/** The wizard: seven screens over one reducer; side effects live in hooks keyed on the state. */
export function App({services, display = defaultDisplay, onExit, initial = initialState}: AppProps) {
	const {exit} = useApp();
	const [state, dispatch] = useReducer(wizardReducer, initial);
	const [browserNotice, setBrowserNotice] = useState<string | undefined>();
	const {session, generateKey} = usePracticeSession(state, services, dispatch);

	const leave = useCallback(
		(code: number) => {
			onExit?.(code);
			exit();
		},
		[exit, onExit],
	);

	useCtrlC(() => {
		leave(exitCodes.interrupted);
	});

	useEffect(() => {
		setBrowserNotice(undefined);
	}, [state.step]);

	const environment =
		state.mode === 'practice' ? session?.environment : services.environments[state.mode];
	useKeyTestRun(state, environment, services, dispatch);

	const openInBrowser = (url: string) => {
		void services.browser.open(url).then((opened) => {
			setBrowserNotice(opened ? 'Opened in your browser.' : 'No browser could be opened here: copy the address above.');
		});
	};

	const importKeyFile = (file: string) => {
		dispatch({type: 'key-file-reading', path: file});
		void services.readKeyFile(file).then(
			(result) => {
				if (!result.ok) {
					dispatch({type: 'key-file-failed', path: file, code: result.code, message: result.message});
					return;
				}

				// A meta key's file names its portfolio; the organization ID sent is the transacting merchant.
				const orgId = state.accountKind === 'meta' ? (state.merchantId ?? result.orgId) : (result.orgId ?? state.credentials.orgId);
				const check = checkCredentials({orgId: orgId ?? '', keyId: result.keyId, secret: result.secret});
				const fileNotes: CredentialNote[] = result.notes.map((message) => ({
					field: 'keyId',
					severity: 'info',
					code: 'KEY_FILE_NOTE',
					message,
				}));
				const notes = [...fileNotes, ...check.notes.filter((note) => orgId !== undefined || note.field !== 'orgId')];
				dispatch({
					type: 'key-file-read',
					path: file,
					values: {
						...(orgId === undefined ? {} : {orgId: check.fields.orgId.value}),
						keyId: check.fields.keyId.value,
						secret: check.fields.secret.value,
					},
					notes,
					complete: orgId !== undefined && check.ok,
				});
			},
			(error: unknown) => {
				dispatch({
					type: 'key-file-failed',
					path: file,
					code: 'KEY_FILE_UNREADABLE',
					message: `Cannot read key file ${file}: ${error instanceof Error ? error.message : String(error)}`,
				});
			},
		);
	};

	const back = () => {
		dispatch({type: 'back'});
	};

	const screen = (() => {
		switch (state.step) {
			case 'welcome': {
				return <Welcome mode={state.mode} onSubmit={(mode) => dispatch({type: 'choose-mode', mode})} />;
			}

			case 'account': {
				return (
					<Account
						mode={state.mode}
						accountKind={state.accountKind}
						portfolioId={state.portfolioId}
						merchantId={state.merchantId}
						onSubmit={(account) => dispatch({type: 'set-account', ...account})}
						onBack={back}
					/>
				);
			}

			case 'create-key': {
				if (state.mode === 'practice') {
					return (
						<PracticeKeyPage
							orgId={state.accountKind === 'meta' ? (state.portfolioId ?? practiceOrgId) : practiceOrgId}
							accountKind={state.accountKind}
							practice={state.practice}
							practiceKey={state.practiceKey}
							onGenerate={() => {
								generateKey(practiceOrgId);
							}}
							onContinue={() => dispatch({type: 'continue-to-credentials'})}
							onBack={back}
						/>
					);
				}

				return (
					<CreateKey
						mode={state.mode}
						environment={services.environments[state.mode]}
						accountKind={state.accountKind}
						canOpenBrowser={services.browser.available}
						browserNotice={browserNotice}
						onOpen={openInBrowser}
						onContinue={() => dispatch({type: 'continue-to-credentials'})}
						onBack={back}
					/>
				);
			}

			case 'credentials': {
				const lastFile = state.credentialSource.kind === 'file' ? state.credentialSource.path : state.keyFile?.path;
				return (
					<Credentials
						key={state.importCount}
						mode={state.mode}
						accountKind={state.accountKind}
						values={state.credentials}
						notes={state.credentialNotes}
						source={state.credentialSource.kind === 'file' || (state.practiceKey && state.credentials.keyId === undefined) ? 'file' : 'typed'}
						defaultPath={lastFile ?? state.practiceKey?.path}
						keyFile={state.keyFile}
						startAtFields={state.credentialsAtFields}
						onImportFile={importKeyFile}
						onSubmit={(input) => dispatch({type: 'set-credentials', input})}
						onBack={back}
					/>
				);
			}

			case 'review': {
				const {orgId, keyId, secret} = state.credentials;
				if (environment === undefined) return <NoEnvironment practice={state.practice} onBack={back} />;
				if (orgId === undefined || keyId === undefined || secret === undefined) return null;
				return (
					<Review
						mode={state.mode}
						environment={environment}
						accountKind={state.accountKind}
						portfolioId={state.portfolioId}
						orgId={orgId}
						keyId={keyId}
						secret={secret}
						notes={state.credentialNotes}
						sourceLabel={state.credentialSource.kind === 'file' ? `key file ${state.credentialSource.path}` : 'typed in'}
						auth={state.auth}
						notice={state.notice}
						onAuthChange={(auth) => dispatch({type: 'set-auth', auth})}
						onSend={(auth) => {
							dispatch({type: 'set-auth', auth});
							dispatch({type: 'send', now: services.now()});
						}}
						onBack={back}
					/>
				);
			}

			case 'send': {
				if (environment === undefined) return <NoEnvironment practice={state.practice} onBack={back} />;
				if (state.send === undefined) return null;
				return (
					<Send
						mode={state.mode}
						environment={environment}
						methods={authMethodsFor(state.auth)}
						send={state.send}
						now={services.now}
						onCancel={() => dispatch({type: 'send-cancelled'})}
					/>
				);
			}

			case 'result': {
				if (environment === undefined) return <NoEnvironment practice={state.practice} onBack={back} />;
				return (
					<Result
						mode={state.mode}
						environment={environment}
						accountKind={state.accountKind}
						orgId={state.credentials.orgId ?? ''}
						report={state.report}
						failure={state.sendFailure}
						canOpenBrowser={services.browser.available}
						browserNotice={browserNotice}
						onOpen={openInBrowser}
						onBack={back}
						onFinish={() => {
							leave(resultExitCode(state.report));
						}}
					/>
				);
			}
		}
	})();

	return <DisplayContext.Provider value={display}>{screen}</DisplayContext.Provider>;
}
