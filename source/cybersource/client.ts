/**
 * The CyberSource REST client: signs each request (HTTP Signature or JWT), sends exactly the
 * bytes it signed through an undici dispatcher, and returns a validated response or a classified
 * network error. A payment POST is never retried.
 */
import {randomUUID} from 'node:crypto';
import type {Dispatcher} from 'undici';
import {version} from '../version.js';
import {createDispatcher, proxyForUrl, proxySettings, type ProxyEnvironment, type Timeouts} from './dispatcher.js';
import type {Environment} from './environments.js';
import type {HttpMethod} from './http-method.js';
import {signHttpSignature} from './http-signature.js';
import {signJwt} from './jwt.js';
import {classifyNetworkError, type NetworkError} from './network-error.js';
import {validateResponse, type CyberSourceResponse, type ResponseEndpoint} from './responses.js';
import type {ReversalBody, SamplePayment} from './sample-payment.js';
import type {AuthMethod, Credentials} from './types.js';
import {loadUndici} from './load-undici.js';

/** One request and its answer in full, for the --debug log. Redaction is the receiver's job. */
export type HttpExchange = {
	readonly auth: AuthMethod;
	readonly request: {
		readonly method: HttpMethod;
		readonly url: string;
		readonly headers: Readonly<Record<string, string>>;
		readonly body?: string;
	};
	readonly response?: {
		readonly status: number;
		readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
		readonly body: string;
	};
	readonly error?: NetworkError;
	readonly startedAt: number;
	readonly durationMs: number;
};

/**
 * What was signed, for support reports; never the signature or the token.
 * HTTP Signature: the `headers=` list and the signing string.
 * JWT: headerList `authorization` and, as signingString, the JOSE header JSON and the claims JSON on two lines.
 */
export type SignedInfo = {readonly headerList: string; readonly signingString: string};

export type RequestEndpoint = {
	readonly method: HttpMethod;
	readonly path: string;
	readonly url: string;
	/** `POST /pts/v2/payments` */
	readonly label: string;
};

type ClientResultCommon = {
	readonly auth: AuthMethod;
	readonly endpoint: RequestEndpoint;
	readonly signed: SignedInfo;
	readonly httpStatus?: number;
	readonly correlationId?: string;
	/** The response `Date` header, when sent. */
	readonly responseDate?: string;
	readonly durationMs: number;
};

export type ClientResult = ClientResultCommon &
	(
		| {readonly response: CyberSourceResponse; readonly networkError?: undefined}
		| {readonly response?: undefined; readonly networkError: NetworkError}
	);

export type CallOptions = {readonly signal?: AbortSignal};

export type CyberSourceClientOptions = {
	readonly environment: Environment;
	readonly credentials: Credentials;
	readonly auth: AuthMethod;
	/** Injected for tests and for sharing; by default one is made with createDispatcher (and closed by close()). */
	readonly dispatcher?: Dispatcher;
	/** Per-request header/body timeouts; the connect timeout applies only to a dispatcher made here. */
	readonly timeouts?: Partial<Timeouts>;
	/** Proxy variables (default process.env): used for the default dispatcher and in error messages. */
	readonly env?: ProxyEnvironment;
	readonly now?: () => number;
	readonly uuid?: () => string;
	readonly onExchange?: (exchange: HttpExchange) => void;
};

export type CyberSourceClient = {
	createPayment(body: SamplePayment, options?: CallOptions): Promise<ClientResult>;
	reversePayment(id: string, body: ReversalBody, options?: CallOptions): Promise<ClientResult>;
	getTransaction(id: string, options?: CallOptions): Promise<ClientResult>;
	/** Closes the dispatcher if the client made it; an injected one is left to its owner. */
	close(): Promise<void>;
};

export const paymentsPath = '/pts/v2/payments';

export function reversalPath(id: string): string {
	return `${paymentsPath}/${encodeURIComponent(id)}/reversals`;
}

export function transactionPath(id: string): string {
	return `/tss/v2/transactions/${encodeURIComponent(id)}`;
}

const halJson = 'application/hal+json';
const halJsonUtf8 = 'application/hal+json;charset=utf-8';

/** Thrown when a request cannot be signed (e.g. a secret that is not base64); never names the secret. */
export class SigningError extends Error {
	override readonly name = 'SigningError';
}

type PreparedRequest = {
	readonly endpoint: RequestEndpoint;
	readonly kind: ResponseEndpoint;
	/** Compact JSON, serialised once: these exact bytes are signed and sent. */
	readonly body?: string;
	readonly accept: string;
	readonly isPayment: boolean;
};

type SignedRequest = {readonly headers: Record<string, string>; readonly signed: SignedInfo};

export function createCyberSourceClient(options: CyberSourceClientOptions): CyberSourceClient {
	const now = options.now ?? Date.now;
	const uuid = options.uuid ?? randomUUID;
	const env = options.env ?? process.env;
	const baseUrl = new URL(options.environment.baseUrl);
	/** The signed host: the base URL's host, with its port when it has one (loopback simulator). */
	const signedHost = baseUrl.host;
	const proxy = proxyForUrl(proxySettings(env), baseUrl);
	let ownDispatcher: Promise<Dispatcher> | undefined;

	async function dispatcher(): Promise<Dispatcher> {
		if (options.dispatcher !== undefined) return options.dispatcher;
		ownDispatcher ??= createDispatcher({env, ...(options.timeouts === undefined ? {} : {timeouts: options.timeouts})});
		return ownDispatcher;
	}

	function endpoint(method: HttpMethod, path: string): RequestEndpoint {
		return {method, path, url: new URL(path, baseUrl).toString(), label: `${method} ${path}`};
	}

	async function sign(prepared: PreparedRequest): Promise<SignedRequest> {
		const {credentials} = options;
		const {method, path} = prepared.endpoint;
		const common = {
			method,
			host: signedHost,
			path,
			merchantId: credentials.orgId,
			keyId: credentials.keyId,
			secret: credentials.secret,
			...(prepared.body === undefined ? {} : {body: prepared.body}),
			...(credentials.portfolioId === undefined || credentials.portfolioId === ''
				? {}
				: {portfolioId: credentials.portfolioId}),
		};
		const contentHeaders: Record<string, string> = {
			...(prepared.body === undefined ? {} : {'content-type': 'application/json'}),
			accept: prepared.accept,
			'user-agent': `cybs-key-wizard/${version}`,
		};
		if (options.auth === 'http-signature') {
			const date = new Date(now()).toUTCString();
			const signature = signHttpSignature({...common, date});
			return {
				headers: {...signature.headers, ...contentHeaders},
				signed: {headerList: signature.signedHeaderList, signingString: signature.signingString},
			};
		}

		const iat = Math.floor(now() / 1000);
		let jwt;
		try {
			jwt = await signJwt({...common, iat, jti: uuid()});
		} catch (error) {
			const reason = error instanceof Error ? error.name : 'error';
			throw new SigningError(`Could not sign the JWT with this shared secret (${reason}). Check that the secret is the base64 "Shared Secret" from Key Management.`);
		}

		return {
			headers: {authorization: jwt.headers.authorization, ...contentHeaders},
			signed: {headerList: 'authorization', signingString: `${jwt.headerJson}\n${jwt.payloadJson}`},
		};
	}

	async function send(prepared: PreparedRequest, call: CallOptions | undefined): Promise<ClientResult> {
		const {signed, headers} = await sign(prepared);
		const common = {auth: options.auth, endpoint: prepared.endpoint, signed};
		const requestRecord = {
			method: prepared.endpoint.method,
			url: prepared.endpoint.url,
			headers,
			...(prepared.body === undefined ? {} : {body: prepared.body}),
		};
		const signal = call?.signal;
		const startedAt = now();
		const elapsed = () => Math.max(0, now() - startedAt);
		const {request} = await loadUndici();
		try {
			signal?.throwIfAborted();
			const response = await request(prepared.endpoint.url, {
				method: prepared.endpoint.method,
				headers,
				...(prepared.body === undefined ? {} : {body: prepared.body}),
				dispatcher: await dispatcher(),
				...(signal === undefined ? {} : {signal}),
				...(options.timeouts?.headersMs === undefined ? {} : {headersTimeout: options.timeouts.headersMs}),
				...(options.timeouts?.bodyMs === undefined ? {} : {bodyTimeout: options.timeouts.bodyMs}),
			});
			const bodyText = await response.body.text();
			const durationMs = elapsed();
			const validated = validateResponse(prepared.kind, {
				httpStatus: response.statusCode,
				headers: response.headers,
				bodyText,
			});
			options.onExchange?.({
				auth: options.auth,
				request: requestRecord,
				response: {status: response.statusCode, headers: response.headers, body: bodyText},
				startedAt,
				durationMs,
			});
			return {
				...common,
				response: validated,
				httpStatus: validated.httpStatus,
				...(validated.correlationId === undefined ? {} : {correlationId: validated.correlationId}),
				...(validated.date === undefined ? {} : {responseDate: validated.date}),
				durationMs,
			};
		} catch (error) {
			const durationMs = elapsed();
			const networkError = classifyNetworkError(error, {
				host: signedHost,
				isPayment: prepared.isPayment,
				businessCenterUrl: options.environment.businessCenter.url,
				...(proxy === undefined ? {} : {proxy}),
				aborted: signal?.aborted === true,
			});
			options.onExchange?.({auth: options.auth, request: requestRecord, error: networkError, startedAt, durationMs});
			return {...common, networkError, durationMs};
		}
	}

	return {
		async createPayment(body, call) {
			return send(
				{
					endpoint: endpoint('POST', paymentsPath),
					kind: 'payment',
					body: JSON.stringify(body),
					accept: halJson,
					isPayment: true,
				},
				call,
			);
		},
		async reversePayment(id, body, call) {
			return send(
				{
					endpoint: endpoint('POST', reversalPath(id)),
					kind: 'reversal',
					body: JSON.stringify(body),
					accept: halJson,
					isPayment: false,
				},
				call,
			);
		},
		async getTransaction(id, call) {
			return send(
				{endpoint: endpoint('GET', transactionPath(id)), kind: 'transaction', accept: halJsonUtf8, isPayment: false},
				call,
			);
		},
		async close() {
			if (ownDispatcher === undefined) return;
			const own = await ownDispatcher;
			ownDispatcher = undefined;
			await own.close();
		},
	};
}
