/**
 * The verification engine shared by the wizard and `check`: for each chosen auth method, one signed
 * request (a test payment, or the no-charge probe), classified into an attempt the user can read.
 * Issue 6 on top: production safety (explicit confirmation, 1.00 charge reversed at once), Step 12
 * automated (transaction lookup with backoff), and the diagnosis of failures (401 probes, ranking).
 */
import {randomUUID} from 'node:crypto';
import type {Dispatcher} from 'undici';
import {
	createCyberSourceClient,
	paymentsPath,
	SigningError,
	transactionPath,
	type ClientResult,
	type CyberSourceClient,
	type HttpExchange,
} from './client.js';
import {createDispatcher, proxyForUrl, proxySettings, resolveTimeouts, type ProxyEnvironment, type Timeouts} from './dispatcher.js';
import type {Environment} from './environments.js';
import type {
	DiagnosisItem,
	KeyTestAttempt,
	KeyTestReport,
	KeyTestRequest,
	ReversalResult,
} from './key-test-types.js';
import {lookUpTransactions, realSleep, type LookupEvent, type Sleep} from './lookup.js';
import {classifyAttempt, signingFailed, type AttemptClassification} from './outcome-codes.js';
import {
	chargeBody,
	chargeNotConfirmedMessage,
	defaultChargeCurrency,
	holdsFunds,
	productionChargeAmount,
	reversalNotNeeded,
	reversalNotPossible,
	reverseAuthorization,
} from './production-charge.js';
import {impossibleTransactionId, newClientReferenceCode, samplePaymentAmount} from './sample-payment.js';
import {readPresentedCertificate, type CertificateReader, type PresentedCertificate} from './tls-issuer.js';
import {authMethodsFor, type AuthMethod, type Credentials} from './types.js';
import {clockSkewSeconds} from './diagnosis/clock.js';
import {buildDiagnosis} from './diagnosis/diagnose.js';
import {paymentMayHaveGoneThrough} from './diagnosis/failures.js';
import {runAuthenticationProbes, type ProbeEvent, type ProbeRun} from './diagnosis/run-probes.js';

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

/** What happens after the attempts (issue 6), for the UI: reversal, lookup waits, diagnosis probes. */
export type KeyTestStageEvent =
	| {readonly type: 'reversal-start'; readonly auth: AuthMethod; readonly paymentRequestId: string}
	| {readonly type: 'reversal-done'; readonly auth: AuthMethod; readonly reversal: ReversalResult}
	| LookupEvent
	| {readonly type: 'diagnosis-start'}
	| ProbeEvent;

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
	/** Reversal, lookup and probe progress (separate from onProgress, which keeps its two events). */
	readonly onStage?: (event: KeyTestStageEvent) => void;
	/** The lookup's wait (default a real timer); tests advance a fake clock instead. */
	readonly sleep?: Sleep;
	/** Reads the certificate a server presents after a TLS failure (default: a handshake-only tls.connect). */
	readonly readCertificate?: CertificateReader;
	/** The control probe's credentials (default: the published sample credentials). */
	readonly controlCredentials?: Credentials;
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
		...(result.networkError?.mayHaveBeenProcessed === true ? {mayHaveBeenProcessed: true} : {}),
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

/**
 * The counterpart for the environment-swap probe: only the one the caller gives (the wizard and check
 * both pass it explicitly). The engine never guesses a host to send a probe to; none given = skipped.
 */
export function counterpartFor(request: KeyTestRequest): Environment | undefined {
	return request.counterpartEnvironment;
}

/** The report when a production payment was not confirmed: nothing is sent, one attempt per method says so. */
function refusedReport(request: KeyTestRequest, methods: readonly AuthMethod[]): KeyTestReport {
	const message = chargeNotConfirmedMessage(request.environment);
	const attempts: KeyTestAttempt[] = methods.map((auth) => ({
		auth,
		endpoint: `POST ${paymentsPath}`,
		url: new URL(paymentsPath, request.environment.baseUrl).toString(),
		outcome: 'no-verdict',
		code: 'PRODUCTION_CHARGE_NOT_CONFIRMED',
		message,
		signed: {headerList: '', signingString: ''},
		durationMs: 0,
	}));
	return {ok: false, environment: request.environment, mode: request.mode, attempts, diagnosis: diagnosisOf(attempts), durationMs: 0};
}

type CertificateFinding = {readonly certificate?: PresentedCertificate; readonly note?: string};

async function certificateFinding(
	request: KeyTestRequest,
	env: ProxyEnvironment,
	reader: CertificateReader,
): Promise<CertificateFinding> {
	const url = new URL(request.environment.baseUrl);
	if (url.protocol !== 'https:') return {note: 'plain http: no certificate to read'};
	if (proxyForUrl(proxySettings(env), url) !== undefined) {
		return {note: 'the request went through a proxy, so the certificate was not read directly'};
	}

	const certificate = await reader({host: url.hostname, port: url.port === '' ? 443 : Number(url.port)});
	return certificate === undefined ? {note: 'the presented certificate could not be read'} : {certificate};
}

/**
 * Runs the key test: one request per auth method, one after the other. Never throws for network or
 * server failures.
 */
export async function runKeyTest(request: KeyTestRequest, deps: KeyTestDeps = {}): Promise<KeyTestReport> {
	const now = deps.now ?? Date.now;
	const uuid = deps.uuid ?? randomUUID;
	const env = deps.env ?? process.env;
	const startedAt = now();
	const methods = authMethodsFor(request.auth);
	const isProduction = request.environment.kind === 'production';
	// Defence in depth: the front ends confirm first; the engine refuses anyway without the flag.
	if (request.mode === 'payment' && isProduction && request.productionChargeConfirmed !== true) {
		return refusedReport(request, methods);
	}

	const dispatcher =
		deps.dispatcher ??
		(await createDispatcher({env, ...(deps.timeouts === undefined ? {} : {timeouts: deps.timeouts})}));
	const businessCenterUrl = request.environment.businessCenter.url;
	const currency = request.currency ?? defaultChargeCurrency;
	const amount = isProduction ? productionChargeAmount : samplePaymentAmount;
	const reverse = isProduction || request.reverse === true;
	const call = deps.signal === undefined ? {} : {signal: deps.signal};
	const clientFor = (environment: Environment, credentials: Credentials, auth: AuthMethod): CyberSourceClient =>
		createCyberSourceClient({
			environment,
			credentials,
			auth,
			dispatcher,
			env,
			now,
			uuid,
			...(deps.timeouts === undefined ? {} : {timeouts: deps.timeouts}),
			...(deps.onExchange === undefined ? {} : {onExchange: deps.onExchange}),
		});
	/** The reversal of one payment attempt (sent only when it holds funds). */
	async function reversalFor(client: CyberSourceClient, auth: AuthMethod, code: string, paid: KeyTestAttempt, reverseAmount: string): Promise<ReversalResult> {
		if (paid.requestId === undefined) {
			return paid.mayHaveBeenProcessed === true ? reversalNotPossible(request.environment) : reversalNotNeeded(undefined, undefined);
		}

		if (!holdsFunds(paid.paymentStatus)) return reversalNotNeeded(paid.requestId, paid.paymentStatus);
		deps.onStage?.({type: 'reversal-start', auth, paymentRequestId: paid.requestId});
		// Not tied to the caller's signal: once authorized, the reversal is sent even if the user cancels.
		const reversal = await reverseAuthorization({
			environment: request.environment,
			merchantId: request.credentials.orgId,
			paymentRequestId: paid.requestId,
			amount: reverseAmount,
			currency,
			code,
			reversePayment: client.reversePayment,
		});
		deps.onStage?.({type: 'reversal-done', auth, reversal});
		return reversal;
	}

	let attempts: KeyTestAttempt[] = [];
	let paymentSent = false;
	let probeRun: ProbeRun | undefined;
	let certificate: CertificateFinding = {};
	try {
		for (const [index, auth] of methods.entries()) {
			const client = clientFor(request.environment, request.credentials, auth);
			// In production at most one charge per run: the other methods use the no-charge probe.
			const sendsPayment = request.mode === 'payment' && !(isProduction && paymentSent);
			const path = sendsPayment ? paymentsPath : transactionPath(impossibleTransactionId());
			const endpoint = `${sendsPayment ? 'POST' : 'GET'} ${path}`;
			deps.onProgress?.({type: 'attempt-start', auth, index, total: methods.length, endpoint});
			let attempt: KeyTestAttempt;
			const code = newClientReferenceCode(now, uuid);
			try {
				const result = sendsPayment
					? await client.createPayment(chargeBody({code, amount, currency, ...(request.card === undefined ? {} : {card: request.card})}), call)
					: await client.getTransaction(impossibleTransactionId(), call);
				const receivedAt = now();
				attempt = attemptFrom(
					result,
					classifyAttempt({
						mode: sendsPayment ? 'payment' : 'probe',
						endpointLabel: result.endpoint.label,
						businessCenterUrl,
						...(result.response === undefined ? {networkError: result.networkError} : {response: result.response}),
					}),
				);
				const skew = request.diagnose === true ? clockSkewSeconds(receivedAt, result.responseDate) : undefined;
				if (skew !== undefined) attempt = {...attempt, clockSkewSeconds: skew};
				const authorized =
					result.response?.kind === 'payment' ? result.response.payment.amountDetails?.authorizedAmount : undefined;
				if (sendsPayment && reverse) {
					attempt = {...attempt, reversal: await reversalFor(client, auth, code, attempt, authorized ?? amount)};
				}
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

			if (sendsPayment && attempt.code !== 'SIGNING_FAILED') paymentSent = true;
			attempts.push(attempt);
			deps.onProgress?.({type: 'attempt-done', index, total: methods.length, attempt});
			if (attempt.code === 'CANCELLED') break;
			// A payment that may have gone through is never followed by another payment.
			if (sendsPayment && attempt.mayHaveBeenProcessed === true) break;
		}

		if (request.mode === 'payment' && request.lookupTimeoutMs !== undefined) {
			attempts = await withLookups(attempts);
		}

		if (request.diagnose === true) {
			const rejected = attempts.find((attempt) => attempt.code === 'AUTHENTICATION_FAILED');
			if (rejected !== undefined && deps.signal?.aborted !== true) {
				deps.onStage?.({type: 'diagnosis-start'});
				const counterpartEnvironment = counterpartFor(request);
				probeRun = await runAuthenticationProbes({
					request,
					rejected,
					...(counterpartEnvironment === undefined ? {} : {counterpart: counterpartEnvironment}),
					now,
					attemptSkews: attempts.flatMap((attempt) => (attempt.clockSkewSeconds === undefined ? [] : [attempt.clockSkewSeconds])),
					...(deps.signal === undefined ? {} : {signal: deps.signal}),
					...(deps.onStage === undefined ? {} : {onEvent: deps.onStage}),
					...(deps.controlCredentials === undefined ? {} : {controlCredentials: deps.controlCredentials}),
					send: async (target) => clientFor(target.environment, target.credentials, target.auth).getTransaction(impossibleTransactionId(), call),
				});
			}

			if (attempts.some((attempt) => attempt.code === 'TLS_ERROR')) {
				const connectMs = resolveTimeouts(deps.timeouts).connectMs;
				const reader = deps.readCertificate ?? (async (target) => readPresentedCertificate(target, {timeoutMs: connectMs}));
				certificate = await certificateFinding(request, env, reader);
			}
		}
	} finally {
		if (deps.dispatcher === undefined) await dispatcher.close();
	}

	/** Step 12 for every payment that got a 201: one shared lookup, each request ID asked with its own attempt's auth method. */
	async function withLookups(done: readonly KeyTestAttempt[]): Promise<KeyTestAttempt[]> {
		const paid = (attempt: KeyTestAttempt): attempt is KeyTestAttempt & {readonly requestId: string} =>
			attempt.requestId !== undefined && attempt.httpStatus === 201 && attempt.endpoint.startsWith('POST');
		const targets = done.filter(paid).map((attempt) => ({
			requestId: attempt.requestId,
			getTransaction: clientFor(request.environment, request.credentials, attempt.auth).getTransaction,
		}));
		if (targets.length === 0) return [...done];
		const results = await lookUpTransactions({
			targets,
			environment: request.environment,
			merchantId: request.credentials.orgId,
			limitMs: request.lookupTimeoutMs ?? 0,
			now,
			sleep: deps.sleep ?? realSleep,
			...(deps.signal === undefined ? {} : {signal: deps.signal}),
			...(deps.onStage === undefined ? {} : {onEvent: deps.onStage}),
		});
		const remaining = [...results];
		return done.map((attempt) => {
			if (!paid(attempt)) return attempt;
			const lookup = remaining.shift();
			return lookup === undefined ? attempt : {...attempt, lookup};
		});
	}

	const diagnosis =
		request.diagnose === true
			? buildDiagnosis({
					environment: request.environment,
					mode: request.mode,
					credentials: request.credentials,
					attempts,
					...(probeRun === undefined
						? {}
						: {
								probes: probeRun.probes,
								credentialNotes: probeRun.credentialNotes,
								skews: probeRun.skews,
								...(probeRun.portfolioId === undefined ? {} : {portfolioId: probeRun.portfolioId}),
							}),
					...(counterpartFor(request) === undefined ? {} : {counterpart: counterpartFor(request)}),
					...(certificate.certificate === undefined ? {} : {certificate: certificate.certificate}),
					...(certificate.note === undefined ? {} : {certificateNote: certificate.note}),
				})
			: diagnosisOf(attempts);
	const failedReversal = attempts.find((attempt) => attempt.reversal?.status === 'failed')?.reversal;
	const reversalItems: DiagnosisItem[] =
		failedReversal === undefined
			? []
			: [
					{
						code: failedReversal.code,
						message: failedReversal.message,
						kind: 'failure',
						severity: 'error',
						...(failedReversal.voidSteps === undefined ? {} : {steps: failedReversal.voidSteps}),
					},
				];
	const lookup = attempts.find((attempt) => attempt.lookup !== undefined)?.lookup;
	const reversal = attempts.find((attempt) => attempt.reversal !== undefined)?.reversal;
	const unknownPayment = attempts.find((attempt) => attempt.mayHaveBeenProcessed === true && attempt.endpoint.startsWith('POST'));
	const paymentAttempted = attempts.some((attempt) => attempt.endpoint.startsWith('POST') && attempt.code !== 'SIGNING_FAILED');
	return {
		ok: attempts.length === methods.length && attempts.every((attempt) => attempt.outcome === 'works') && failedReversal === undefined,
		environment: request.environment,
		mode: request.mode,
		attempts,
		diagnosis: [...reversalItems, ...diagnosis],
		durationMs: Math.max(0, now() - startedAt),
		...(probeRun === undefined ? {} : {probes: probeRun.probes}),
		...(lookup === undefined ? {} : {lookup}),
		...(reversal === undefined ? {} : {reversal}),
		...(isProduction && paymentAttempted ? {charge: {amount, currency}} : {}),
		...(unknownPayment === undefined
			? {}
			: {paymentMayHaveGoneThrough: {auth: unknownPayment.auth, ...paymentMayHaveGoneThrough(unknownPayment, request.environment)}}),
	};
}
