/**
 * Runs the differential probes of a 401 (DIAGNOSTICS §2.2). Every request is the no-charge GET of a
 * transaction that cannot exist, so no probe ever moves money, in any environment. The sending is
 * injected (`send`), the verdicts are made by pure functions.
 */
import type {ClientResult} from '../client.js';
import {checkCredentials, type CredentialNote} from '../credential-checks.js';
import type {Environment} from '../environments.js';
import type {KeyTestAttempt, KeyTestRequest, ProbeName, ProbeOutcome, ProbeResult} from '../key-test-types.js';
import {classifyAttempt} from '../outcome-codes.js';
import type {AuthMethod, Credentials} from '../types.js';
import {clockProbe, clockSkewSeconds} from './clock.js';
import {probeLabels, type ProbeCode} from './codes.js';

/** The published sandbox credentials (PROTOCOL §5.2): public test values, used only as the control. */
export const sampleCredentials: Credentials = {
	orgId: 'testrest',
	keyId: '08c94330-f618-42a3-b09d-e1e43be5efda',
	secret: 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=',
};

export type ProbeTarget = {
	readonly environment: Environment;
	readonly credentials: Credentials;
	readonly auth: AuthMethod;
};

/** Sends the no-charge GET probe for a target (signing errors are returned as a thrown SigningError). */
export type ProbeSender = (target: ProbeTarget) => Promise<ClientResult>;

export type ProbeEvent =
	| {readonly type: 'probe-start'; readonly name: ProbeName; readonly label: string}
	| {readonly type: 'probe-done'; readonly probe: ProbeResult};

export type ProbeRunInput = {
	readonly request: KeyTestRequest;
	/** The first attempt that got a 401. */
	readonly rejected: KeyTestAttempt;
	/** Counterpart for the environment swap; undefined = skipped. */
	readonly counterpart?: Environment;
	readonly send: ProbeSender;
	readonly now: () => number;
	/** Clock skews already measured on the attempts, in seconds. */
	readonly attemptSkews: readonly number[];
	readonly signal?: AbortSignal;
	readonly onEvent?: (event: ProbeEvent) => void;
	/** Default: the published sample credentials. */
	readonly controlCredentials?: Credentials;
};

export type ProbeRun = {
	readonly probes: ProbeResult[];
	readonly credentialNotes: readonly CredentialNote[];
	/** Every skew measured (attempts and probes). */
	readonly skews: readonly number[];
	/** The portfolio ID the meta-key probe tried or removed, if any. */
	readonly portfolioId?: string;
};

type Answer = {readonly kind: 'authenticates' | 'rejected' | 'no-answer'; readonly result?: ClientResult; readonly detail: string};

/** What one probe GET proved. Pure. */
export function answerOf(result: ClientResult): Answer {
	const classification = classifyAttempt({
		mode: 'probe',
		endpointLabel: result.endpoint.label,
		...(result.response === undefined ? {networkError: result.networkError} : {response: result.response}),
	});
	if (classification.outcome === 'works' || classification.outcome === 'authenticated') {
		return {kind: 'authenticates', result, detail: `HTTP ${result.httpStatus ?? '?'}`};
	}

	if (classification.outcome === 'rejected') return {kind: 'rejected', result, detail: `HTTP ${result.httpStatus ?? 401}`};
	return {kind: 'no-answer', result, detail: classification.message};
}

function probe(name: ProbeName, code: ProbeCode, outcome: ProbeOutcome, message: string, answer?: Answer): ProbeResult {
	const result = answer?.result;
	return {
		name,
		label: probeLabels[name],
		code,
		outcome,
		message,
		...(result === undefined ? {} : {request: `${result.endpoint.method} ${result.endpoint.url}`}),
		...(result?.httpStatus === undefined ? {} : {httpStatus: result.httpStatus}),
		...(result?.correlationId === undefined ? {} : {correlationId: result.correlationId}),
	};
}

/** The format checks of DIAGNOSTICS §1 rows 1-3 as a probe. Pure. */
export function credentialProbe(credentials: Credentials): {probe: ProbeResult; notes: readonly CredentialNote[]} {
	const checked = checkCredentials({
		orgId: credentials.orgId,
		keyId: credentials.keyId,
		secret: credentials.secret,
		...(credentials.portfolioId === undefined || credentials.portfolioId === '' ? {} : {portfolioId: credentials.portfolioId}),
	});
	const errors = checked.notes.filter((note) => note.severity === 'error');
	const warnings = checked.notes.filter((note) => note.severity === 'warning');
	const notes = [...errors, ...warnings];
	if (errors.length > 0) {
		return {probe: probe('credential-checks', 'CREDENTIALS_PROBLEM', 'failed', errors.map((note) => note.message).join(' ')), notes};
	}

	if (warnings.length > 0) {
		return {probe: probe('credential-checks', 'CREDENTIALS_WARNING', 'inconclusive', warnings.map((note) => note.message).join(' ')), notes};
	}

	return {
		probe: probe(
			'credential-checks',
			'CREDENTIALS_LOOK_RIGHT',
			'passed',
			'The values have the right shapes (UUID key ID, 44-character base64 shared secret, organization ID): nothing swapped, no other key type.',
		),
		notes,
	};
}

function withoutPortfolio(credentials: Credentials): Credentials {
	return {orgId: credentials.orgId, keyId: credentials.keyId, secret: credentials.secret};
}

/** Runs every probe; never throws for network or server failures. */
export async function runAuthenticationProbes(input: ProbeRunInput): Promise<ProbeRun> {
	const {request, rejected, send, now, signal} = input;
	const {credentials, environment} = request;
	const auth = rejected.auth;
	const skews = [...input.attemptSkews];
	const results = new Map<ProbeName, ProbeResult>();
	const record = (result: ProbeResult) => {
		results.set(result.name, result);
		input.onEvent?.({type: 'probe-done', probe: result});
	};

	const ask = async (name: ProbeName, target: ProbeTarget): Promise<Answer> => {
		input.onEvent?.({type: 'probe-start', name, label: probeLabels[name]});
		if (signal?.aborted) return {kind: 'no-answer', detail: 'cancelled before this probe ran'};
		try {
			const result = await send(target);
			const skew = clockSkewSeconds(now(), result.responseDate);
			if (skew !== undefined) skews.push(skew);
			return answerOf(result);
		} catch (error) {
			return {kind: 'no-answer', detail: error instanceof Error ? error.message : String(error)};
		}
	};

	const credentialCheck = credentialProbe(credentials);
	input.onEvent?.({type: 'probe-start', name: 'credential-checks', label: probeLabels['credential-checks']});
	record(credentialCheck.probe);

	// Environment swap: the same key, the no-charge probe, the other environment.
	const {counterpart} = input;
	if (counterpart === undefined) {
		record(
			probe(
				'environment-swap',
				'ENVIRONMENT_SWAP_SKIPPED',
				'skipped',
				`No other environment is known for ${environment.label} (a custom base URL), so the key was not tried there.`,
			),
		);
	} else {
		const answer = await ask('environment-swap', {environment: counterpart, credentials, auth});
		record(
			answer.kind === 'authenticates'
				? probe(
						'environment-swap',
						'ENVIRONMENT_SWAP_AUTHENTICATES',
						'failed',
						`Your key authenticates in ${counterpart.name}, not in ${environment.name} (${counterpart.label} answered ${answer.detail} to the no-charge probe).`,
						answer,
					)
				: answer.kind === 'rejected'
					? probe('environment-swap', 'ENVIRONMENT_SWAP_REJECTED', 'passed', `${counterpart.label} rejects the key too: it is not a test/production mix-up.`, answer)
					: probe('environment-swap', 'ENVIRONMENT_SWAP_NO_ANSWER', 'inconclusive', `${counterpart.label} could not be asked: ${answer.detail}`, answer),
		);
	}

	// Control: the published sample credentials, test environment only.
	if (environment.kind !== 'test') {
		record(probe('control', 'CONTROL_SKIPPED', 'skipped', 'The published sample credentials exist only in the test environment, so there is no control in production.'));
	} else {
		const control = input.controlCredentials ?? sampleCredentials;
		const answer = await ask('control', {environment, credentials: control, auth});
		record(
			answer.kind === 'authenticates'
				? probe(
						'control',
						'CONTROL_AUTHENTICATES',
						'passed',
						`The published sample credentials (${control.orgId}) authenticate from this machine with the same signer: the network, the clock and this tool are fine, so the problem is your key pair or organization ID.`,
						answer,
					)
				: answer.kind === 'rejected'
					? probe(
							'control',
							'CONTROL_REJECTED',
							'failed',
							`The published sample credentials (${control.orgId}) are rejected too: the network, a proxy, the clock or this machine is at fault, not your key (unless CyberSource has retired the samples).`,
							answer,
						)
					: probe('control', 'CONTROL_NO_ANSWER', 'inconclusive', `The control request got no answer from CyberSource: ${answer.detail}`, answer),
		);
	}

	// GET against POST: a GET carries no body and no digest.
	if (!rejected.endpoint.startsWith('POST')) {
		record(probe('get-vs-post', 'GET_VS_POST_SKIPPED', 'skipped', 'The rejected request was already a GET (no body, no digest), so there is nothing to compare.'));
	} else {
		const answer = await ask('get-vs-post', {environment, credentials, auth});
		record(
			answer.kind === 'authenticates'
				? probe(
						'get-vs-post',
						'GET_AUTHENTICATES_POST_REJECTED',
						'failed',
						`A GET signed with your key authenticates (${answer.detail}) but the POST was rejected: the key is right; the body or its Digest is the problem.`,
						answer,
					)
				: answer.kind === 'rejected'
					? probe('get-vs-post', 'GET_ALSO_REJECTED', 'passed', 'A GET (no body, no digest) is rejected too: not a body or digest problem.', answer)
					: probe('get-vs-post', 'GET_VS_POST_NO_ANSWER', 'inconclusive', `The GET got no answer from CyberSource: ${answer.detail}`, answer),
		);
	}

	// Meta key: the other signing mode, when a portfolio ID is known.
	const portfolio = credentials.portfolioId === undefined || credentials.portfolioId === '' ? undefined : credentials.portfolioId;
	const hint = request.portfolioIdHint === undefined || request.portfolioIdHint.trim() === '' ? undefined : request.portfolioIdHint.trim();
	const tried = portfolio ?? hint;
	if (tried === undefined) {
		record(probe('meta-key', 'META_KEY_SKIPPED', 'skipped', 'No portfolio ID is known, so the meta-key signing mode was not tried (only meta keys need one).'));
	} else {
		const other = portfolio === undefined ? {...credentials, portfolioId: tried} : withoutPortfolio(credentials);
		const mode = portfolio === undefined ? `with the portfolio ID ${tried}` : 'without the portfolio ID';
		const answer = await ask('meta-key', {environment, credentials: other, auth});
		record(
			answer.kind === 'authenticates'
				? probe(
						'meta-key',
						portfolio === undefined ? 'META_KEY_WORKS_WITH_PORTFOLIO' : 'META_KEY_WORKS_WITHOUT_PORTFOLIO',
						'failed',
						portfolio === undefined
							? `Signed ${mode} the key authenticates: it is a meta key; give the portfolio ID.`
							: `Signed ${mode} the key authenticates: it is an ordinary key of ${credentials.orgId}, not a meta key; leave the portfolio ID out.`,
						answer,
					)
				: answer.kind === 'rejected'
					? probe('meta-key', 'META_KEY_OTHER_MODE_REJECTED', 'passed', `Signed ${mode} the key is rejected too: not a meta-key mix-up.`, answer)
					: probe('meta-key', 'META_KEY_NO_ANSWER', 'inconclusive', `Signing ${mode} got no answer from CyberSource: ${answer.detail}`, answer),
		);
	}

	input.onEvent?.({type: 'probe-start', name: 'clock', label: probeLabels.clock});
	record(clockProbe(skews));
	const probes: ProbeResult[] = [];
	for (const name of ['credential-checks', 'clock', 'environment-swap', 'control', 'get-vs-post', 'meta-key'] as const) {
		const found = results.get(name);
		if (found !== undefined) probes.push(found);
	}

	return {probes, credentialNotes: credentialCheck.notes, skews, ...(tried === undefined ? {} : {portfolioId: tried})};
}
