/**
 * CyberSource environments: API hosts and the Business Center pages a user is sent to
 * (PROTOCOL §3, DIAGNOSTICS §4.2-4.3).
 */
import {mayBeSecret} from './secret-like.js';

export const environmentIds = ['test', 'production', 'india', 'visa-test', 'visa-production'] as const;
export type EnvironmentId = (typeof environmentIds)[number];

/** Whether real money moves: decides the production-safety rules. */
export type EnvironmentKind = 'test' | 'production';

export type BusinessCenter = {
	/** Log-in page, e.g. https://businesscentertest.cybersource.com */
	readonly url: string;
	/** Transaction Management › Transactions list (an integration-known path, not documented). */
	readonly transactionsUrl: string;
	/** Click path to Key Management. */
	readonly keyManagementPath: readonly string[];
	/** Click path to the transaction search. */
	readonly transactionsPath: readonly string[];
};

export type Environment = {
	readonly id: EnvironmentId | 'custom';
	/** Short name for screens and JSON: "test", "production", … */
	readonly name: string;
	/** Human label: "Test (apitest.cybersource.com)". */
	readonly label: string;
	readonly kind: EnvironmentKind;
	/** The real CyberSource API host this environment stands for. */
	readonly apiHost: string;
	/** Where requests go: https://<apiHost>, or a custom/loopback base URL. */
	readonly baseUrl: string;
	readonly businessCenter: BusinessCenter;
};

const keyManagementPath = ['Payment Configuration', 'Key Management'] as const;
const transactionsPath = ['Transaction Management', 'Transactions'] as const;

function businessCenter(url: string): BusinessCenter {
	return {
		url,
		transactionsUrl: `${url}/ebc2/app/TransactionManagement/Transactions`,
		keyManagementPath,
		transactionsPath,
	};
}

const known: Record<EnvironmentId, Omit<Environment, 'baseUrl'>> = {
	test: {
		id: 'test',
		name: 'test',
		label: 'Test (apitest.cybersource.com)',
		kind: 'test',
		apiHost: 'apitest.cybersource.com',
		businessCenter: businessCenter('https://businesscentertest.cybersource.com'),
	},
	production: {
		id: 'production',
		name: 'production',
		label: 'Production (api.cybersource.com)',
		kind: 'production',
		apiHost: 'api.cybersource.com',
		businessCenter: businessCenter('https://businesscenter.cybersource.com'),
	},
	india: {
		id: 'india',
		name: 'india',
		label: 'Production, India (api.in.cybersource.com)',
		kind: 'production',
		apiHost: 'api.in.cybersource.com',
		businessCenter: businessCenter('https://businesscenter.cybersource.com'),
	},
	'visa-test': {
		id: 'visa-test',
		name: 'visa-test',
		label: 'Visa Acceptance test (apitest.visaacceptance.com)',
		kind: 'test',
		apiHost: 'apitest.visaacceptance.com',
		businessCenter: businessCenter('https://businesscentertest.visaacceptance.com'),
	},
	'visa-production': {
		id: 'visa-production',
		name: 'visa-production',
		label: 'Visa Acceptance production (api.visaacceptance.com)',
		kind: 'production',
		apiHost: 'api.visaacceptance.com',
		businessCenter: businessCenter('https://businesscenter.visaacceptance.com'),
	},
};

export function isEnvironmentId(value: string): value is EnvironmentId {
	return (environmentIds as readonly string[]).includes(value);
}

/** One of the known CyberSource environments. */
export function environment(id: EnvironmentId): Environment {
	const base = known[id];
	return {...base, baseUrl: `https://${base.apiHost}`};
}

/** The environment on the other side of the test/production line, for the environment-swap probe. */
export function counterpart(id: EnvironmentId): EnvironmentId {
	switch (id) {
		case 'test': {
			return 'production';
		}

		case 'production':
		case 'india': {
			return 'test';
		}

		case 'visa-test': {
			return 'visa-production';
		}

		case 'visa-production': {
			return 'visa-test';
		}
	}
}

/** A transaction's details page in Business Center (integration-known link pattern, DIAGNOSTICS §4.2). */
export function transactionDetailsUrl(env: Environment, requestId: string, merchantId: string): string {
	const query = new URLSearchParams({requestId, merchantId});
	return `${env.businessCenter.url}/ebc2/app/TransactionManagement/details?${query.toString()}`;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for localhost, 127.0.0.0/8 and ::1. */
export function isLoopbackHost(hostname: string): boolean {
	return loopbackHosts.has(hostname) || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

export type BaseUrlResult = {readonly ok: true; readonly url: URL} | {readonly ok: false; readonly message: string};

/** Validates a custom base URL: https anywhere, plain http only on loopback; no path, query or credentials. */
export function parseBaseUrl(text: string): BaseUrlResult {
	let url: URL;
	try {
		url = new URL(text.trim());
	} catch {
		return {ok: false, message: `${mayBeSecret(text) ? 'The value given (not shown: it looks like the shared secret)' : `"${text}"`} is not a URL. Use e.g. https://apitest.cybersource.com or http://127.0.0.1:4010.`};
	}

	if (url.username !== '' || url.password !== '') {
		return {ok: false, message: 'The base URL must not contain a user name or password.'};
	}

	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		return {
			ok: false,
			message: `Plain http:// is only allowed for loopback addresses (127.0.0.1, localhost); use https://${url.host}.`,
		};
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return {ok: false, message: `Unsupported scheme ${url.protocol} in the base URL; use https://.`};
	}

	if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
		return {ok: false, message: 'The base URL must be only scheme, host and port, e.g. https://apitest.cybersource.com.'};
	}

	return {ok: true, url};
}

/**
 * An environment whose requests go to a custom base URL (a simulator, a proxy, an intermediate host)
 * while keeping the identity (Business Center, test or production) of `identity`.
 */
export function withBaseUrl(identity: Environment, url: URL, label?: string): Environment {
	return {
		...identity,
		id: 'custom',
		label: label ?? `${identity.label} via ${url.host}`,
		baseUrl: url.origin,
	};
}
