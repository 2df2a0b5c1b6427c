import {useCallback, useEffect, useMemo, useReducer, useRef, useState} from 'react';
import {Box, Static, Text, useApp} from 'ink';
import {DisplayContext, type DisplayOptions, defaultDisplay} from './components/display.js';
import {IdsContext} from './components/ids.js';
import {TranscriptContext} from './components/transcript.js';
import {idsToMask} from './session/artifacts/id-masker.js';
import {defaultProfileName, profileFromTest} from './session/artifacts/profile.js';
import {provedMethods} from './session/artifacts/proof.js';
import {sdkExportFor} from './session/artifacts/sdk-export.js';
import {environmentNameOf} from './wizard/mode-environment.js';
import type {ProfileListing} from './wizard/profile-service.js';
import {SaveProfile} from './steps/save-profile.js';
import {ExportConfig} from './steps/export-config.js';
import {SupportReport} from './steps/support-report.js';
import {ResultDetails} from './steps/result-details.js';
import type {ResultAction} from './steps/result.js';
import {useCtrlC} from './hooks/use-cancel.js';
import {usePracticeSession} from './hooks/use-practice-session.js';
import {useKeyTestRun} from './hooks/use-key-test-run.js';
import {checkCredentials, type CredentialNote} from './cybersource/credential-checks.js';
import {authMethodsFor} from './cybersource/types.js';
import {exitCodes} from './exit-codes.js';
import {initialState, wizardReducer, type WizardAction, type WizardState} from './wizard/state.js';
import {KeyRouter} from './components/key-router.js';
import {exitCodeOf} from './session/verdict.js';
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

function sourceLabel(source: WizardState['credentialSource']): string {
	switch (source.kind) {
		case 'file': {
			return `key file ${source.path}`;
		}

		case 'profile': {
			return `saved profile ${source.name}`;
		}

		case 'typed': {
			return 'typed in';
		}
	}
}

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

/** The wizard: seven screens over one reducer; every key goes through one router to the screen on screen. */
export function App(props: AppProps) {
	return (
		<KeyRouter>
			<Wizard {...props} />
		</KeyRouter>
	);
}

/** The seven screens over one reducer; side effects live in hooks keyed on the state. */
function Wizard({services, display = defaultDisplay, onExit, initial = initialState}: AppProps) {
	const {exit} = useApp();
	const [state, dispatch] = useReducer(wizardReducer, initial);
	// What the screen on screen asks for: the reducer drops it if that screen is no longer current.
	const fromScreen = (action: WizardAction) => {
		dispatch({...action, from: state.step});
	};
	const [browserNotice, setBrowserNotice] = useState<string | undefined>();
	const {session, generateKey} = usePracticeSession(state, services, dispatch);
	const [listing, setListing] = useState<ProfileListing>({profiles: [], notices: []});
	const [redactIds, setRedactIds] = useState(display.redactIds);
	const [panel, setPanel] = useState<'result' | 'save' | 'export' | 'report' | 'details'>('result');
	const [resultNotices, setResultNotices] = useState<readonly string[]>([]);
	const [transcript, setTranscript] = useState<ReadonlyArray<{readonly id: number; readonly text: string}>>([]);
	const transcriptCount = useRef(0);
	const writeTranscript = useCallback((text: string) => {
		transcriptCount.current += 1;
		const id = transcriptCount.current;
		setTranscript((lines) => [...lines, {id, text}]);
	}, []);

	useEffect(() => {
		let live = true;
		void services.profiles.load().then((loaded) => {
			if (live) setListing(loaded);
		});
		return () => {
			live = false;
		};
	}, [services]);

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
		setPanel('result');
		setResultNotices([]);
	}, [state.step]);

	const {orgId: knownOrgId, keyId: knownKeyId} = state.credentials;
	const ids = useMemo(
		() => ({
			ids: idsToMask([
				knownOrgId,
				knownKeyId,
				state.portfolioId,
				state.merchantId,
				state.practiceKey?.keyId,
				state.practiceKey?.orgId,
				state.mode === 'practice' ? practiceOrgId : undefined,
				...listing.profiles.flatMap(({profile}) => [profile.orgId, profile.keyId, profile.metaKey?.portfolioId]),
			]),
			toggle() {
				setRedactIds((current) => !current);
			},
		}),
		[knownOrgId, knownKeyId, state.portfolioId, state.merchantId, state.practiceKey, state.mode, listing],
	);
	const shownDisplay = useMemo(() => ({...display, redactIds}), [display, redactIds]);

	const environment =
		state.mode === 'practice' ? session?.environment : services.environments[state.mode];
	const {skipLookup} = useKeyTestRun(state, environment, services, dispatch);

	const openInBrowser = (url: string) => {
		void services.browser.open(url).then((opened) => {
			setBrowserNotice(opened ? 'Opened in your browser.' : 'No browser could be opened here: copy the address above.');
		});
	};

	const importKeyFile = (file: string) => {
		fromScreen({type: 'key-file-reading', path: file});
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
		fromScreen({type: 'back'});
	};

	const screen = (() => {
		switch (state.step) {
			case 'welcome': {
				return (
					<Welcome
						mode={state.mode}
						profiles={listing.profiles}
						notices={listing.notices}
						onSubmit={(mode) => fromScreen({type: 'choose-mode', mode})}
						onProfile={(profile) => fromScreen({type: 'use-profile', profile})}
					/>
				);
			}

			case 'account': {
				return (
					<Account
						mode={state.mode}
						accountKind={state.accountKind}
						portfolioId={state.portfolioId}
						merchantId={state.merchantId}
						onSubmit={(account) => fromScreen({type: 'set-account', ...account})}
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
							onContinue={() => fromScreen({type: 'continue-to-credentials'})}
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
						onContinue={() => fromScreen({type: 'continue-to-credentials'})}
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
						onSubmit={(input) => fromScreen({type: 'set-credentials', input})}
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
						sourceLabel={sourceLabel(state.credentialSource)}
						auth={state.auth}
						notice={state.notice}
						onAuthChange={(auth) => fromScreen({type: 'set-auth', auth})}
						now={services.now}
						onSend={(auth, kind, card) => {
							fromScreen({type: 'set-auth', auth});
							fromScreen({type: 'send', now: services.now(), kind, ...(card === undefined ? {} : {card})});
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
						kind={state.sendKind}
						now={services.now}
						onCancel={() => fromScreen({type: 'send-cancelled'})}
						onSkipLookup={skipLookup}
					/>
				);
			}

			case 'result': {
				if (environment === undefined) return <NoEnvironment practice={state.practice} onBack={back} />;
				const {report} = state;
				const {orgId, keyId, secret} = state.credentials;
				const key =
					orgId === undefined || keyId === undefined
						? undefined
						: {orgId, keyId, ...(state.accountKind === 'meta' && state.portfolioId !== undefined ? {portfolioId: state.portfolioId} : {})};
				const proved = report !== undefined && provedMethods(report).length > 0;
				const exportable = report && key ? sdkExportFor({report, environment, key, toolVersion: services.system.toolVersion}) : undefined;
				const closePanel = (notice?: string) => {
					setPanel('result');
					if (notice !== undefined) setResultNotices((current) => [...current, notice]);
				};

				if (panel === 'save' && report && key && proved) {
					return (
						<SaveProfile
							mode={state.mode}
							defaultName={state.profileName ?? defaultProfileName(key.orgId)}
							existingNames={listing.profiles.map((item) => item.name)}
							configFile={services.profiles.file}
							onSave={async (name, storeSecret) => {
								const profile = profileFromTest({
									environmentName: environmentNameOf(state.mode),
									report,
									key,
									now: services.now,
									...(storeSecret && secret !== undefined ? {secret} : {}),
								});
								if (profile === undefined) return {ok: false, code: 'NOT_PROVED', message: 'No method proved the key pair: there is nothing to save.'};
								const saved = await services.profiles.save(name, profile);
								if (saved.ok) setListing(await services.profiles.load());
								return saved;
							}}
							onDone={closePanel}
						/>
					);
				}

				if (panel === 'export' && exportable) {
					return (
						<ExportConfig
							mode={state.mode}
							auth={exportable.auth}
							files={exportable.files}
							defaultDir={services.workDir}
							onWrite={async (dir, overwrite) =>
								(await import('./session/artifacts/write-sdk-export.js')).writeSdkExport({dir, exported: exportable, secret, overwrite})
							}
							onDone={closePanel}
						/>
					);
				}

				if (panel === 'report' && report && key) {
					return (
						<SupportReport
							mode={state.mode}
							write={async () =>
								(await import('./session/artifacts/write-report.js')).writeKeyTestReport({
									target: {dir: services.workDir},
									report,
									key,
									secret,
									now: services.now,
									system: services.system,
									proxyEnv: services.proxyEnv,
								})
							}
							onDone={closePanel}
						/>
					);
				}

				if (panel === 'details' && report) {
					return <ResultDetails mode={state.mode} report={report} onDone={() => setPanel('result')} />;
				}

				const actions: ResultAction[] = [
					...(proved && key ? [{key: 's', action: 'save profile', run: () => setPanel('save')}] : []),
					...(exportable ? [{key: 'e', action: 'export SDK config', run: () => setPanel('export')}] : []),
					...(report && key ? [{key: 'r', action: 'support report', run: () => setPanel('report')}] : []),
					...(report ? [{key: 'd', action: 'details', run: () => setPanel('details')}] : []),
				];
				const {debugLog} = services;
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
						actions={actions}
						notices={resultNotices}
						offer={
							resultNotices.length > 0
								? undefined
								: proved && exportable
								? 'Next: s saves a profile, e exports the SDK configuration.'
								: report
									? 'Press r for a support report to attach to a Business Center support case.'
									: undefined
						}
						debugLogLine={
							debugLog === undefined
								? undefined
								: `Debug log: ${debugLog.path} (${debugLog.exchanges()} HTTP exchanges; Signature, Authorization and the shared secret redacted).`
						}
						onOpen={openInBrowser}
						onBack={back}
						onFinish={() => {
							leave(exitCodeOf({report: state.report}));
						}}
					/>
				);
			}
		}
	})();

	return (
		<DisplayContext.Provider value={shownDisplay}>
			<IdsContext.Provider value={ids}>
				<TranscriptContext.Provider value={writeTranscript}>
					{display.plain ? (
						<Static items={[...transcript]}>{(line) => <Text key={line.id}>{line.text}</Text>}</Static>
					) : null}
					<Box flexDirection="column">{screen}</Box>
				</TranscriptContext.Provider>
			</IdsContext.Provider>
		</DisplayContext.Provider>
	);
}
