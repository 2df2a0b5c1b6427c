/**
 * Which methods proved the key pair: the ones whose request authenticated (the payment was authorized,
 * or refused by the processor after the keys authenticated, or the no-charge probe answered 404). The
 * one rule behind what a saved profile records and which method the SDK configuration is exported for. Pure.
 */
import type {KeyTestReport} from '../../cybersource/key-test-types.js';
import {authMethods, type AuthChoice, type AuthMethod} from '../../cybersource/types.js';

/** The methods that authenticated, in the order the methods are listed (HTTP Signature, then JWT). */
export function provedMethods(report: KeyTestReport): AuthMethod[] {
	const proved = new Set(
		report.attempts.filter((attempt) => attempt.outcome === 'works' || attempt.outcome === 'authenticated').map((attempt) => attempt.auth),
	);
	return authMethods.filter((method) => proved.has(method));
}

/** The proved methods as a profile's auth choice; undefined when none proved the key pair. */
export function provedAuthChoice(report: KeyTestReport): AuthChoice | undefined {
	const proved = provedMethods(report);
	if (proved.length === 0) return undefined;
	return proved.length > 1 ? 'both' : proved[0];
}

/** The request ID of the first request that proved the key pair (the one to find in Business Center). */
export function provingRequestId(report: KeyTestReport): string | undefined {
	return report.attempts.find((attempt) => (attempt.outcome === 'works' || attempt.outcome === 'authenticated') && attempt.requestId !== undefined)
		?.requestId;
}

/**
 * The method to export: JWT (shared secret) when it proved the key pair, otherwise HTTP Signature when it
 * did (HTTP Signature is being retired); undefined when neither did (there is nothing proven to export).
 */
export function methodToExport(report: KeyTestReport): AuthMethod | undefined {
	const proved = provedMethods(report);
	if (proved.includes('jwt')) return 'jwt';
	return proved.includes('http-signature') ? 'http-signature' : undefined;
}
