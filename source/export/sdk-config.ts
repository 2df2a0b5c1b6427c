/**
 * The configuration the official CyberSource REST SDKs expect for a key pair that was proven to work
 * (field names as in CyberSource's samples: Data/Configuration.js, Data/JwtSharedSecretConfiguration.js,
 * data/JwtSharedSecretConfiguration.py, src/main/java/Data/JwtSharedSecretConfiguration.java).
 * The shared secret is never part of it: every export reads it from CYBERSOURCE_SHARED_SECRET.
 */
import type {Environment} from '../cybersource/environments.js';
import type {AuthMethod} from '../cybersource/types.js';

export const secretEnvironmentVariable = 'CYBERSOURCE_SHARED_SECRET';

export type SdkExportInput = {
	/** `runEnvironment` is its API host (apitest.cybersource.com, api.cybersource.com, api.in.cybersource.com, …). */
	readonly environment: Environment;
	/** A full Credentials object may be passed: the secret is never read. */
	readonly credentials: {readonly orgId: string; readonly keyId: string; readonly portfolioId?: string};
	/** The method that worked; see methodToExport (session/artifacts/proof.ts). */
	readonly auth: AuthMethod;
	/** For the header comment, e.g. "0.1.0". */
	readonly toolVersion: string;
};

/** The SDK settings shared by every export, in the samples' order. */
export type SdkSettings = {
	readonly authenticationType: 'jwt' | 'http_signature';
	/** Only for JWT: the key type that signs with the shared secret (HS256). */
	readonly jwtKeyType?: 'SHARED_SECRET';
	readonly merchantID: string;
	readonly runEnvironment: string;
	readonly merchantKeyId: string;
	readonly useMetaKey: boolean;
	readonly portfolioID: string;
};

export function sdkSettings(input: SdkExportInput): SdkSettings {
	const meta = input.credentials.portfolioId !== undefined && input.credentials.portfolioId !== '';
	return {
		authenticationType: input.auth === 'jwt' ? 'jwt' : 'http_signature',
		...(input.auth === 'jwt' ? {jwtKeyType: 'SHARED_SECRET' as const} : {}),
		merchantID: input.credentials.orgId,
		runEnvironment: input.environment.apiHost,
		merchantKeyId: input.credentials.keyId,
		useMetaKey: meta,
		portfolioID: meta ? (input.credentials.portfolioId ?? '') : '',
	};
}

/** Comment lines every export starts with (without comment markers). */
export function headerLines(input: SdkExportInput, settings: SdkSettings): string[] {
	const method = settings.authenticationType === 'jwt' ? 'JWT signed with the shared secret (HS256)' : 'HTTP Signature';
	const lines = [
		`CyberSource REST configuration written by cybs-key-wizard ${input.toolVersion}.`,
		`Proven to work: ${method} on ${input.environment.label}.`,
		`The shared secret is not in this file: it is read from the ${secretEnvironmentVariable} environment variable.`,
	];
	if (settings.authenticationType === 'http_signature') {
		lines.push('HTTP Signature is being retired (September 2026): switch to authenticationType jwt with jwtKeyType SHARED_SECRET.');
	}

	if (settings.useMetaKey) {
		lines.push('Meta key: merchantID is the transacting merchant, portfolioID the portfolio that owns the key.');
	}

	const direct = `https://${input.environment.apiHost}`;
	if (input.environment.baseUrl !== direct) {
		lines.push(`The test went to ${input.environment.baseUrl}; the SDK sends requests to ${direct} unless you configure an intermediate host.`);
	}

	return lines;
}
