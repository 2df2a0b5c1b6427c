/**
 * Classifies what undici / Node throw into stable codes with a next step for the user
 * (DIAGNOSTICS §1 rows 4-7 and 20, §3.3). Pure: the error object in, a plain description out.
 */

export const networkErrorCodes = [
	'DNS_FAILURE',
	'CONNECTION_REFUSED',
	'NETWORK_UNREACHABLE',
	'CONNECTION_RESET',
	'TIMEOUT',
	'TLS_ERROR',
	'PROXY_AUTH_REQUIRED',
	'PROXY_ERROR',
	'CANCELLED',
	'NETWORK_ERROR',
] as const;
export type NetworkErrorCode = (typeof networkErrorCodes)[number];

/** Where a timeout struck: before the connection, waiting for the headers, or while reading the body. */
export type TimeoutPhase = 'connect' | 'headers' | 'body';

export type NetworkError = {
	readonly code: NetworkErrorCode;
	/** What happened and what to do next, in CyberSource's terms. */
	readonly message: string;
	/** Node's or undici's own code, e.g. ENOTFOUND, CERT_HAS_EXPIRED, UND_ERR_HEADERS_TIMEOUT. */
	readonly nodeCode?: string;
	readonly phase?: TimeoutPhase;
	/** The library's own message, for --debug and support (never carries request secrets). */
	readonly detail: string;
	/**
	 * True when a payment request may have reached CyberSource (timeout or reset after the request
	 * was written): it must not be resent before checking Business Center.
	 */
	readonly mayHaveBeenProcessed: boolean;
};

export type NetworkErrorContext = {
	/** host[:port] the request went to. */
	readonly host: string;
	/** True for a request that moves money (a payment POST). */
	readonly isPayment: boolean;
	/** Business Center log-in page of the environment, for the "look it up" advice. */
	readonly businessCenterUrl?: string;
	/** The proxy in use, if any (from HTTPS_PROXY / HTTP_PROXY), without credentials. */
	readonly proxy?: string;
	/** True when the caller's AbortSignal fired. */
	readonly aborted?: boolean;
};

type ErrorFacts = {readonly codes: readonly string[]; readonly messages: readonly string[]; readonly names: readonly string[]};

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
	return typeof value === 'object' && value !== null;
}

/** Codes, messages and names along the `cause` chain and inside AggregateErrors (happy eyeballs). */
function collectFacts(error: unknown): ErrorFacts {
	const codes: string[] = [];
	const messages: string[] = [];
	const names: string[] = [];
	const seen = new Set<unknown>();
	const visit = (value: unknown, depth: number): void => {
		if (!isObject(value) || seen.has(value) || depth > 6) return;
		seen.add(value);
		const {code, message, name, cause, errors} = value;
		if (typeof code === 'string') codes.push(code);
		if (typeof message === 'string' && message !== '') messages.push(message);
		if (typeof name === 'string') names.push(name);
		visit(cause, depth + 1);
		if (Array.isArray(errors)) for (const inner of errors) visit(inner, depth + 1);
	};

	visit(error, 0);
	if (!isObject(error) && error !== undefined) messages.push(String(error));
	return {codes, messages, names};
}

const dnsCodes = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const resetCodes = new Set([
	'ECONNRESET',
	'EPIPE',
	'ECONNABORTED',
	'UND_ERR_SOCKET',
	'UND_ERR_CLOSED',
	'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
const unreachableCodes = new Set(['ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
const timeoutPhases: Readonly<Record<string, TimeoutPhase>> = {
	UND_ERR_CONNECT_TIMEOUT: 'connect',
	ETIMEDOUT: 'connect',
	ERR_SOCKET_CONNECTION_TIMEOUT: 'connect',
	UND_ERR_HEADERS_TIMEOUT: 'headers',
	UND_ERR_BODY_TIMEOUT: 'body',
};

/** Node / OpenSSL certificate and TLS error codes. */
export function isTlsErrorCode(code: string): boolean {
	return (
		/^(?:CERT_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|ERR_TLS_|ERR_SSL_|HOSTNAME_MISMATCH)/.test(code) ||
		code === 'UND_ERR_PRX_TLS'
	);
}

function proxyStatus(messages: readonly string[]): number | undefined {
	for (const message of messages) {
		const tunnel = /Proxy response \((\d{3})\)/.exec(message);
		if (tunnel?.[1] !== undefined) return Number(tunnel[1]);
		if (message.includes('Proxy Authentication Required')) return 407;
	}

	return undefined;
}

function lookUpFirst(context: NetworkErrorContext): string {
	const where =
		context.businessCenterUrl === undefined ? 'Business Center' : `Business Center (${context.businessCenterUrl})`;
	return `It may have gone through: look it up in ${where} > Transaction Management > Transactions before retrying.`;
}

type Classified = Omit<NetworkError, 'detail' | 'nodeCode' | 'mayHaveBeenProcessed'> & {
	readonly nodeCode?: string;
	readonly mayHaveBeenProcessed?: boolean;
};

function classifyFacts(facts: ErrorFacts, context: NetworkErrorContext): Classified {
	const {host} = context;
	const viaProxy = context.proxy === undefined ? '' : ` (through the proxy ${context.proxy})`;
	const findCode = (test: (code: string) => boolean) => facts.codes.find((code) => test(code));

	const abortedByCaller =
		context.aborted === true ||
		(facts.names.includes('AbortError') && findCode((code) => code.startsWith('UND_ERR_ABORT')) === undefined);
	if (abortedByCaller) {
		return {
			code: 'CANCELLED',
			message: context.isPayment
				? `Cancelled before CyberSource answered. ${lookUpFirst(context)}`
				: 'Cancelled before CyberSource answered.',
			mayHaveBeenProcessed: context.isPayment,
		};
	}

	const status = proxyStatus(facts.messages);
	if (status === 407) {
		return {
			code: 'PROXY_AUTH_REQUIRED',
			message: `Your proxy${viaProxy} requires authentication (HTTP 407). Put the user name and password in the proxy URL, e.g. HTTPS_PROXY=http://user:password@proxy:port.`,
		};
	}

	if (status !== undefined) {
		return {
			code: 'PROXY_ERROR',
			message: `Your proxy${viaProxy} refused to connect to ${host} (HTTP ${status}). Ask your network team to allow *.cybersource.com, or set NO_PROXY if no proxy is needed.`,
		};
	}

	const tls = findCode((code) => isTlsErrorCode(code));
	if (tls !== undefined) {
		return {
			code: 'TLS_ERROR',
			nodeCode: tls,
			message: `The TLS connection to ${host} failed (${tls}): the certificate could not be verified. If a corporate proxy inspects HTTPS, start the tool with NODE_EXTRA_CA_CERTS=<your-company-root-ca.pem> (or NODE_USE_SYSTEM_CA=1); otherwise update this machine's trusted root certificates. Do not disable verification.`,
		};
	}

	const dns = findCode((code) => dnsCodes.has(code));
	if (dns !== undefined) {
		return {
			code: 'DNS_FAILURE',
			nodeCode: dns,
			message:
				dns === 'EAI_AGAIN'
					? `Cannot resolve ${host} right now (a temporary DNS failure). Check the network connection, then try again; on a corporate network set HTTPS_PROXY, since names often resolve only through the proxy.`
					: `Cannot resolve ${host}. Check the host name, the network and DNS; on a corporate network set HTTPS_PROXY, since names often resolve only through the proxy.`,
		};
	}

	const timeout = facts.codes.find((code) => timeoutPhases[code] !== undefined);
	if (timeout !== undefined) {
		const phase = timeoutPhases[timeout] ?? 'connect';
		const sent = phase !== 'connect';
		const what =
			phase === 'connect'
				? `Could not connect to ${host}${viaProxy} in time.`
				: phase === 'headers'
					? `${host} did not answer in time.`
					: `${host} stopped sending its answer before it was complete.`;
		const next = context.isPayment && sent
			? lookUpFirst(context)
			: phase === 'connect'
				? 'Check that outbound HTTPS (port 443) to *.cybersource.com is allowed, or set HTTPS_PROXY; then try again.'
				: 'Try again in a moment; raise the timeout if this keeps happening.';
		return {code: 'TIMEOUT', nodeCode: timeout, phase, message: `${what} ${next}`, mayHaveBeenProcessed: context.isPayment && sent};
	}

	const refused = findCode((code) => code === 'ECONNREFUSED');
	if (refused !== undefined) {
		return {
			code: 'CONNECTION_REFUSED',
			nodeCode: refused,
			message: `${host}${viaProxy} refused the connection. Check the address (and that the simulator is running, for a local URL); on a corporate network outbound HTTPS may be blocked: allow *.cybersource.com or set HTTPS_PROXY.`,
		};
	}

	const unreachable = findCode((code) => unreachableCodes.has(code));
	if (unreachable !== undefined) {
		return {
			code: 'NETWORK_UNREACHABLE',
			nodeCode: unreachable,
			message: `There is no network route to ${host} (${unreachable}). Check the connection; if only IPv6 fails, start Node with --dns-result-order=ipv4first.`,
		};
	}

	const reset = findCode((code) => resetCodes.has(code));
	if (reset !== undefined) {
		return {
			code: 'CONNECTION_RESET',
			nodeCode: reset,
			message: `The connection to ${host}${viaProxy} was closed before the answer was complete. ${
				context.isPayment
					? lookUpFirst(context)
					: 'A firewall or proxy may be cutting the connection; try again.'
			}`,
			mayHaveBeenProcessed: context.isPayment,
		};
	}

	const other = facts.codes[0];
	return {
		code: 'NETWORK_ERROR',
		...(other === undefined ? {} : {nodeCode: other}),
		message: `The request to ${host} failed${other === undefined ? '' : ` (${other})`}. ${
			context.isPayment ? lookUpFirst(context) : 'Check the network and try again.'
		}`,
		mayHaveBeenProcessed: context.isPayment,
	};
}

/** Classifies an error thrown while sending a request or reading its answer. */
export function classifyNetworkError(error: unknown, context: NetworkErrorContext): NetworkError {
	const facts = collectFacts(error);
	const classified = classifyFacts(facts, context);
	return {
		...classified,
		mayHaveBeenProcessed: classified.mayHaveBeenProcessed ?? false,
		detail: facts.messages[0] ?? 'unknown error',
	};
}
