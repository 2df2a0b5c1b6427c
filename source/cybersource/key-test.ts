/**
 * The verification engine shared by the wizard and `check`: for each chosen auth method, one signed
 * request (a test payment, or the no-charge probe), classified into an attempt the user can read.
 */
import {randomUUID} from 'node:crypto';
import type {Dispatcher} from 'undici';
import {
	createCyberSourceClient,
	paymentsPath,
	SigningError,
	transactionPath,
	type ClientResult,
	type HttpExchange,
} from './client.js';
import {createDispatcher, type ProxyEnvironment, type Timeouts} from './dispatcher.js';
import type {KeyTestAttempt, KeyTestReport, KeyTestRequest, DiagnosisItem} from './key-test-types.js';
import {classifyAttempt, signingFailed, type AttemptClassification} from './outcome-codes.js';
import {impossibleTransactionId, newClientReferenceCode, samplePayment} from './sample-payment.js';
import {authMethodsFor, type AuthMethod} from './types.js';

export type KeyTestProgress =
	| {
			readonly type: 'attempt-start';
			readonly auth: AuthMethod;
			/** 0-based position among `total` attempts. */
			readonly index: number;
			readonly total: number;
			readonly endpoint: string;
	  }
	| {readonly type: 'attempt-done'; readonly index: number; readonly total: number; readonly attempt: KeyTestAttempt};

export type KeyTestDeps = {
	/** Shared by every attempt; made here (and closed at the end) when not given. */
	readonly dispatcher?: Dispatcher;
	readonly now?: () => number;
	readonly uuid?: () => string;
	readonly signal?: AbortSignal;
	readonly timeouts?: Partial<Timeouts>;
	/** Proxy variables (default process.env). */
	readonly env?: ProxyEnvironment;
	readonly onProgress?: (event: KeyTestProgress) => void;
	readonly onExchange?: (exchange: HttpExchange) => void;
};

function attemptFrom(result: ClientResult, classification: AttemptClassification): KeyTestAttempt {
	return {
		auth: result.auth,
		endpoint: result.endpoint.label,
		url: result.endpoint.url,
		...classification,
		...(result.httpStatus === undefined ? {} : {httpStatus: result.httpStatus}),
		...(result.correlationId === undefined ? {} : {correlationId: result.correlationId}),
		...(result.responseDate === undefined ? {} : {responseDate: result.responseDate}),
		signed: result.signed,
		durationMs: result.durationMs,
	};
}

/** The failed attempts as diagnosis items (issue 6 adds probes on top). */
export function diagnosisOf(attempts: readonly KeyTestAttempt[]): DiagnosisItem[] {
	const items: DiagnosisItem[] = [];
	for (const attempt of attempts) {
		if (attempt.outcome === 'works') continue;
		if (items.some((item) => item.code === attempt.code && item.message === attempt.message)) continue;
		items.push({code: attempt.code, message: attempt.message});
	}

	return items;
}

/** Runs the key test: one request per auth method, one after the other. Never throws for network or server failures. */
export async function runKeyTest(request: KeyTestRequest, deps: KeyTestDeps = {}): Promise<KeyTestReport> {
	const now = deps.now ?? Date.now;
	const uuid = deps.uuid ?? randomUUID;
	const env = deps.env ?? process.env;
	const startedAt = now();
	const methods = authMethodsFor(request.auth);
	const dispatcher =
		deps.dispatcher ??
		(await createDispatcher({env, ...(deps.timeouts === undefined ? {} : {timeouts: deps.timeouts})}));
	const businessCenterUrl = request.environment.businessCenter.url;
	const attempts: KeyTestAttempt[] = [];
	try {
		for (const [index, auth] of methods.entries()) {
			const client = createCyberSourceClient({
				environment: request.environment,
				credentials: request.credentials,
				auth,
				dispatcher,
				env,
				now,
				uuid,
				...(deps.timeouts === undefined ? {} : {timeouts: deps.timeouts}),
				...(deps.onExchange === undefined ? {} : {onExchange: deps.onExchange}),
			});
			const path = request.mode === 'payment' ? paymentsPath : transactionPath(impossibleTransactionId());
			const endpoint = `${request.mode === 'payment' ? 'POST' : 'GET'} ${path}`;
			deps.onProgress?.({type: 'attempt-start', auth, index, total: methods.length, endpoint});
			const call = deps.signal === undefined ? {} : {signal: deps.signal};
			let attempt: KeyTestAttempt;
			try {
				const result =
					request.mode === 'payment'
						? await client.createPayment(samplePayment({code: newClientReferenceCode(now, uuid)}), call)
						: await client.getTransaction(impossibleTransactionId(), call);
				attempt = attemptFrom(
					result,
					classifyAttempt({
						mode: request.mode,
						endpointLabel: result.endpoint.label,
						businessCenterUrl,
						...(result.response === undefined ? {networkError: result.networkError} : {response: result.response}),
					}),
				);
			} catch (error) {
				if (!(error instanceof SigningError)) throw error;
				attempt = {
					auth,
					endpoint,
					url: new URL(path, request.environment.baseUrl).toString(),
					...signingFailed(error.message),
					signed: {headerList: '', signingString: ''},
					durationMs: 0,
				};
			}

			attempts.push(attempt);
			deps.onProgress?.({type: 'attempt-done', index, total: methods.length, attempt});
			if (attempt.code === 'CANCELLED') break;
		}
	} finally {
		if (deps.dispatcher === undefined) await dispatcher.close();
	}

	return {
		ok: attempts.length === methods.length && attempts.every((attempt) => attempt.outcome === 'works'),
		environment: request.environment,
		mode: request.mode,
		attempts,
		diagnosis: diagnosisOf(attempts),
		durationMs: Math.max(0, now() - startedAt),
	};
}
