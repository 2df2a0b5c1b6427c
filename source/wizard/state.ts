/**
 * The wizard's state machine: everything entered so far plus the current screen.
 * Pure: no I/O. Going back never forgets a value; values are only replaced by new input.
 */
import type {AuthChoice, AuthMethod} from '../cybersource/types.js';
import type {KeyTestAttempt, KeyTestReport, PaymentCard} from '../cybersource/key-test-types.js';
import type {CredentialNote} from '../cybersource/credential-checks.js';
import type {StepId} from './steps.js';
import type {NamedProfile} from '../profiles/profile.js';
import type {KeyTestStageEvent} from '../cybersource/key-test.js';
import {emptyStage, stageAfter, type SendStage} from './send-stage.js';

/** Test and Production talk to CyberSource; Practice to the built-in simulator. */
export type Mode = 'test' | 'production' | 'practice';
export type AccountKind = 'merchant' | 'meta';

/** A finding from the credential checks, shown next to the field it is about. */
export type FieldNote = CredentialNote;

export type CredentialValues = {
	readonly orgId?: string;
	readonly keyId?: string;
	readonly secret?: string;
};

/** What the credentials screen hands back once every field passed its checks. */
export type CredentialsInput = {
	readonly orgId: string;
	readonly keyId: string;
	readonly secret: string;
	readonly notes: readonly FieldNote[];
};

export type KeyFileImport =
	| {readonly status: 'reading'; readonly path: string}
	| {readonly status: 'failed'; readonly path: string; readonly code: string; readonly message: string}
	| {readonly status: 'read'; readonly path: string; readonly notes: readonly FieldNote[]};

export type PracticeKey = {readonly keyId: string; readonly orgId: string; readonly path: string};

export type PracticeState =
	| {readonly status: 'off'}
	| {readonly status: 'starting'}
	| {readonly status: 'ready'}
	| {readonly status: 'generating'}
	| {readonly status: 'failed'; readonly message: string};

export type SendState = {
	readonly startedAt: number;
	/** The method whose request is in flight. */
	readonly current?: AuthMethod;
	readonly finished: readonly KeyTestAttempt[];
	/** Reversal, lookup and diagnosis after the requests. */
	readonly stage: SendStage;
};

/**
 * payment: a test authorization (Test, Practice; Production only after the typed confirmation);
 * probe: the no-charge check (a signed GET of a transaction that cannot exist), Production's default.
 */
export type SendKind = 'payment' | 'probe';

export type SendFailure = {readonly code: string; readonly message: string};

export type WizardState = {
	readonly step: StepId;
	readonly mode: Mode;
	readonly accountKind: AccountKind;
	/** Meta key: the portfolio (or account) ID that owns the key. */
	readonly portfolioId?: string;
	/** Meta key: the transacting merchant ID (becomes the organization ID). */
	readonly merchantId?: string;
	readonly credentials: CredentialValues;
	readonly credentialNotes: readonly FieldNote[];
	/** Where the credentials came from: a key file path, or typed in. */
	readonly credentialSource:
		| {readonly kind: 'typed'}
		| {readonly kind: 'file'; readonly path: string}
		| {readonly kind: 'profile'; readonly name: string};
	/** The saved profile chosen on the welcome screen (offered again as the name when saving). */
	readonly profileName?: string;
	readonly keyFile?: KeyFileImport;
	/** Bumped on every successful key-file import so the credentials screen starts afresh. */
	readonly importCount: number;
	/** The credentials screen opens at the fields (a key file lacked a value or had a wrong one). */
	readonly credentialsAtFields: boolean;
	/** Bumped on every send: identifies the request in flight. */
	readonly sendCount: number;
	readonly practice: PracticeState;
	readonly practiceKey?: PracticeKey;
	readonly auth: AuthChoice;
	/** What the last send sent (decided on the review screen). */
	readonly sendKind: SendKind;
	/** Production charge: the real card typed on the review screen, held only while that send runs. */
	readonly chargeCard?: PaymentCard;
	readonly send?: SendState;
	readonly report?: KeyTestReport;
	readonly sendFailure?: SendFailure;
	/** A one-line notice for the review screen, e.g. after a cancelled send. */
	readonly notice?: string;
};

/**
 * `from`: the step whose screen asked for the action. Ink delivers a key that arrives right after a
 * transition to the screen it was meant for, but should an action still come from a screen that is
 * no longer current, the reducer ignores it: a key never acts on the wrong screen.
 */
export type WizardAction = {readonly from?: StepId} & WizardActionBody;

type WizardActionBody =
	| {readonly type: 'choose-mode'; readonly mode: Mode}
	| {readonly type: 'use-profile'; readonly profile: NamedProfile}
	| {
			readonly type: 'set-account';
			readonly kind: AccountKind;
			readonly portfolioId?: string;
			readonly merchantId?: string;
			readonly notes?: readonly FieldNote[];
	  }
	| {readonly type: 'practice-status'; readonly practice: PracticeState}
	| {readonly type: 'practice-key-created'; readonly key: PracticeKey}
	| {readonly type: 'continue-to-credentials'}
	| {readonly type: 'key-file-reading'; readonly path: string}
	| {readonly type: 'key-file-failed'; readonly path: string; readonly code: string; readonly message: string}
	| {
			readonly type: 'key-file-read';
			readonly path: string;
			readonly values: CredentialValues;
			readonly notes: readonly FieldNote[];
			/** True when every value is present and passed its checks: go straight to the review. */
			readonly complete: boolean;
	  }
	| {readonly type: 'set-credentials'; readonly input: CredentialsInput}
	| {readonly type: 'set-auth'; readonly auth: AuthChoice}
	| {readonly type: 'send'; readonly now: number; readonly kind?: SendKind; readonly card?: PaymentCard}
	| {readonly type: 'send-progress'; readonly current?: AuthMethod; readonly finished: readonly KeyTestAttempt[]}
	| {readonly type: 'send-stage'; readonly event: KeyTestStageEvent; readonly at: number}
	| {readonly type: 'skip-lookup'}
	| {readonly type: 'send-finished'; readonly report: KeyTestReport}
	| {readonly type: 'send-failed'; readonly failure: SendFailure}
	| {readonly type: 'send-cancelled'}
	| {readonly type: 'back'};

export const initialState: WizardState = {
	step: 'welcome',
	mode: 'test',
	accountKind: 'merchant',
	credentials: {},
	credentialNotes: [],
	credentialSource: {kind: 'typed'},
	importCount: 0,
	credentialsAtFields: false,
	sendCount: 0,
	practice: {status: 'off'},
	auth: 'both',
	sendKind: 'payment',
};

const previousStep: Record<StepId, StepId | undefined> = {
	welcome: undefined,
	account: 'welcome',
	'create-key': 'account',
	credentials: 'create-key',
	review: 'credentials',
	send: 'review',
	result: 'review',
};

function withoutResult(state: WizardState): WizardState {
	return {...state, send: undefined, report: undefined, sendFailure: undefined, notice: undefined, chargeCard: undefined};
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
	if (action.from !== undefined && action.from !== state.step) return state;
	switch (action.type) {
		case 'choose-mode': {
			return {
				...withoutResult(state),
				mode: action.mode,
				step: 'account',
				practice: action.mode === 'practice' && state.practice.status === 'off' ? {status: 'starting'} : state.practice,
			};
		}

		case 'use-profile': {
			const {name, profile} = action.profile;
			const mode = modeOfProfile(profile.environment);
			if (mode === undefined) return state;
			const meta = profile.metaKey !== undefined;
			const complete = profile.secret !== undefined;
			return {
				...withoutResult(state),
				mode,
				practice: mode === 'practice' && state.practice.status === 'off' ? {status: 'starting'} : state.practice,
				accountKind: meta ? 'meta' : 'merchant',
				portfolioId: profile.metaKey?.portfolioId,
				merchantId: meta ? profile.orgId : undefined,
				credentials: {orgId: profile.orgId, keyId: profile.keyId, ...(complete ? {secret: profile.secret} : {})},
				credentialNotes: [],
				credentialSource: {kind: 'profile', name},
				profileName: name,
				auth: profile.auth,
				keyFile: undefined,
				importCount: state.importCount + 1,
				// Without a stored secret the credentials screen opens at the secret, the rest kept.
				credentialsAtFields: !complete,
				step: complete ? 'review' : 'credentials',
			};
		}

		case 'set-account': {
			const merchantId = action.kind === 'meta' ? action.merchantId : state.merchantId;
			// A meta key's transacting merchant ID is the organization ID sent with every request.
			const credentials =
				action.kind === 'meta' && merchantId !== undefined ? {...state.credentials, orgId: merchantId} : state.credentials;
			return {
				...state,
				step: 'create-key',
				accountKind: action.kind,
				portfolioId: action.kind === 'meta' ? action.portfolioId : state.portfolioId,
				merchantId,
				credentials,
			};
		}

		case 'practice-status': {
			return {...state, practice: action.practice};
		}

		case 'practice-key-created': {
			return {...state, practice: {status: 'ready'}, practiceKey: action.key};
		}

		case 'continue-to-credentials': {
			return {...state, step: 'credentials', credentialsAtFields: false};
		}

		case 'key-file-reading': {
			return {...state, keyFile: {status: 'reading', path: action.path}};
		}

		case 'key-file-failed': {
			if (!isReading(state, action.path)) return state;
			return {...state, keyFile: {status: 'failed', path: action.path, code: action.code, message: action.message}};
		}

		case 'key-file-read': {
			if (!isReading(state, action.path)) return state;
			return {
				...withoutResult(state),
				keyFile: {status: 'read', path: action.path, notes: action.notes},
				credentials: {...state.credentials, ...definedValues(action.values)},
				credentialNotes: action.notes,
				credentialSource: {kind: 'file', path: action.path},
				importCount: state.importCount + 1,
				credentialsAtFields: !action.complete,
				step: action.complete ? 'review' : 'credentials',
			};
		}

		case 'set-credentials': {
			// The source names where the key came from: a file stays the source while its key ID and secret are kept.
			// A profile without a stored secret stays the source when only the secret was added.
			const previous = state.credentials;
			const changed =
				action.input.keyId !== previous.keyId ||
				(action.input.secret !== previous.secret && (previous.secret !== undefined || state.credentialSource.kind !== 'profile'));
			return {
				...withoutResult(state),
				step: 'review',
				credentials: {orgId: action.input.orgId, keyId: action.input.keyId, secret: action.input.secret},
				credentialNotes: action.input.notes,
				credentialSource: changed ? {kind: 'typed'} : state.credentialSource,
			};
		}

		case 'set-auth': {
			return {...state, auth: action.auth};
		}

		case 'send': {
			// Production sends the no-charge check unless the review screen confirmed a real authorization.
			const kind = action.kind ?? (state.mode === 'production' ? 'probe' : 'payment');
			return {
				...withoutResult(state),
				step: 'send',
				sendKind: kind,
				// The card goes only with a confirmed production charge.
				chargeCard: state.mode === 'production' && kind === 'payment' ? action.card : undefined,
				sendCount: state.sendCount + 1,
				send: {startedAt: action.now, finished: [], stage: emptyStage},
			};
		}

		case 'send-stage': {
			if (state.step !== 'send' || state.send === undefined) return state;
			return {...state, send: {...state.send, stage: stageAfter(state.send.stage, action.event, action.at)}};
		}

		case 'skip-lookup': {
			if (state.step !== 'send' || state.send === undefined) return state;
			return {...state, send: {...state.send, stage: {...state.send.stage, skipRequested: true}}};
		}

		case 'send-progress': {
			if (state.step !== 'send' || state.send === undefined) return state;
			return {...state, send: {...state.send, current: action.current, finished: action.finished}};
		}

		case 'send-finished': {
			if (state.step !== 'send') return state;
			return {...state, step: 'result', report: action.report, chargeCard: undefined};
		}

		case 'send-failed': {
			if (state.step !== 'send') return state;
			return {...state, step: 'result', sendFailure: action.failure, chargeCard: undefined};
		}

		case 'send-cancelled': {
			if (state.step !== 'send') return state;
			return {
				...withoutResult(state),
				step: 'review',
				notice:
					'Cancelled. If the request had already reached CyberSource, a test payment may exist: look for it in Transaction Management.',
			};
		}

		case 'back': {
			const previous = previousStep[state.step];
			if (previous === undefined) return state;
			if (state.step === 'send') return state; // Leaving the send screen goes through send-cancelled.
			return {
				...state,
				step: previous,
				notice: undefined,
				credentialsAtFields: false,
				keyFile: state.keyFile?.status === 'reading' ? undefined : state.keyFile,
			};
		}
	}
}

/** The wizard's mode for a profile's environment; undefined for one it cannot test (e.g. india: use check). */
export function modeOfProfile(environment: string): Mode | undefined {
	if (environment === 'test' || environment === 'production') return environment;
	return environment === 'simulator' ? 'practice' : undefined;
}

/** A key file answer counts only while the credentials screen still waits for that file. */
function isReading(state: WizardState, file: string): boolean {
	return state.step === 'credentials' && state.keyFile?.status === 'reading' && state.keyFile.path === file;
}

function definedValues(values: CredentialValues): CredentialValues {
	return {
		...(values.orgId === undefined ? {} : {orgId: values.orgId}),
		...(values.keyId === undefined ? {} : {keyId: values.keyId}),
		...(values.secret === undefined ? {} : {secret: values.secret}),
	};
}
