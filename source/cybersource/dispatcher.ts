/**
 * The undici dispatcher every CyberSource request goes through: honours HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY (either case) via undici's EnvHttpProxyAgent and applies the connect, header and body
 * timeouts. undici is imported lazily so `--help`, `--version` and `sign` never load it.
 */
import type {Dispatcher} from 'undici';
import {loadUndici} from './load-undici.js';

export type Timeouts = {
	/** TCP + TLS connection (to the proxy and through the tunnel when there is one). */
	readonly connectMs: number;
	/** From the request being written to the response headers. */
	readonly headersMs: number;
	/** Longest pause between two chunks of the response body. */
	readonly bodyMs: number;
};

/** Defaults: 60 s for the answer matches the official SDK's HTTP timeout (PROTOCOL §7). */
export const defaultTimeouts: Timeouts = {connectMs: 10_000, headersMs: 60_000, bodyMs: 30_000};

export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

export type ProxySettings = {
	readonly httpProxy?: string;
	readonly httpsProxy?: string;
	readonly noProxy?: string;
};

function firstSet(env: ProxyEnvironment, names: readonly string[]): string | undefined {
	for (const name of names) {
		const value = env[name];
		if (value !== undefined && value.trim() !== '') return value.trim();
	}

	return undefined;
}

/** Proxy variables as undici reads them: lower case first, then upper case. */
export function proxySettings(env: ProxyEnvironment): ProxySettings {
	const httpProxy = firstSet(env, ['http_proxy', 'HTTP_PROXY']);
	const httpsProxy = firstSet(env, ['https_proxy', 'HTTPS_PROXY']);
	const noProxy = firstSet(env, ['no_proxy', 'NO_PROXY']);
	return {
		...(httpProxy === undefined ? {} : {httpProxy}),
		...(httpsProxy === undefined ? {} : {httpsProxy}),
		...(noProxy === undefined ? {} : {noProxy}),
	};
}

function excludedByNoProxy(noProxy: string, url: URL): boolean {
	const host = url.hostname.toLowerCase();
	const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
	const entries = noProxy.split(/[,\s]/).filter((entry) => entry !== '');
	if (entries.includes('*')) return true;
	return entries.some((entry) => {
		const match = /^(.+):(\d+)$/.exec(entry);
		const entryHost = (match?.[1] ?? entry).replace(/^\*?\./, '').toLowerCase();
		const entryPort = match?.[2] === undefined ? 0 : Number(match[2]);
		if (entryPort !== 0 && entryPort !== port) return false;
		return host === entryHost || host.endsWith(`.${entryHost}`);
	});
}

/**
 * The proxy a request to `url` goes through (scheme, host and port only: credentials are dropped so
 * the result can be shown), or undefined for a direct connection. Mirrors EnvHttpProxyAgent's rules.
 */
export function proxyForUrl(settings: ProxySettings, url: URL): string | undefined {
	if (settings.noProxy !== undefined && excludedByNoProxy(settings.noProxy, url)) return undefined;
	const proxy = url.protocol === 'https:' ? (settings.httpsProxy ?? settings.httpProxy) : settings.httpProxy;
	if (proxy === undefined) return undefined;
	try {
		const parsed = new URL(proxy);
		return `${parsed.protocol}//${parsed.host}`;
	} catch {
		return 'the configured proxy';
	}
}

/** Whether the requests to `baseUrl` go through a proxy (HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as the client reads them). */
export function proxyInUse(env: ProxyEnvironment, baseUrl: string): boolean {
	return proxyForUrl(proxySettings(env), new URL(baseUrl)) !== undefined;
}

export type DispatcherOptions = {
	readonly timeouts?: Partial<Timeouts>;
	/** Where the proxy variables are read from (normally process.env). */
	readonly env: ProxyEnvironment;
};

export function resolveTimeouts(timeouts: Partial<Timeouts> | undefined): Timeouts {
	return {...defaultTimeouts, ...timeouts};
}

/**
 * An EnvHttpProxyAgent with the given timeouts. No `ca` option is passed anywhere, on purpose:
 * Node only adds NODE_EXTRA_CA_CERTS (and NODE_USE_SYSTEM_CA) to its trust store when the `ca`
 * option is left unset, so a corporate root CA configured that way keeps working.
 */
export async function createDispatcher(options: DispatcherOptions): Promise<Dispatcher> {
	const {EnvHttpProxyAgent} = await loadUndici();
	const timeouts = resolveTimeouts(options.timeouts);
	const proxy = proxySettings(options.env);
	return new EnvHttpProxyAgent({
		// Empty strings (not undefined) stop undici from falling back to process.env itself,
		// so the injected environment is the only source.
		httpProxy: proxy.httpProxy ?? '',
		httpsProxy: proxy.httpsProxy ?? '',
		noProxy: proxy.noProxy ?? '',
		connect: {timeout: timeouts.connectMs},
		proxyTls: {timeout: timeouts.connectMs},
		requestTls: {timeout: timeouts.connectMs},
		headersTimeout: timeouts.headersMs,
		bodyTimeout: timeouts.bodyMs,
	});
}
