/**
 * Puts the diagnosis together (pure): the failures with their next steps, for a 401 the ranked causes
 * and the Business Center checklist, then information (HTTP Signature retirement).
 */
import type {Environment} from '../environments.js';
import type {DiagnosisItem, KeyTestAttempt, ProbeResult} from '../key-test-types.js';
import type {CredentialNote} from '../credential-checks.js';
import type {Credentials} from '../types.js';
import type {PresentedCertificate} from '../tls-issuer.js';
import {failureItems, httpSignatureRetirement, paymentMayHaveGoneThrough} from './failures.js';
import {authenticationChecklist, rankAuthenticationCauses} from './rank.js';

export type DiagnoseInput = {
	readonly environment: Environment;
	readonly mode: 'payment' | 'probe';
	readonly credentials: Credentials;
	readonly attempts: readonly KeyTestAttempt[];
	/** Present when the 401 probes ran. */
	readonly probes?: readonly ProbeResult[];
	readonly credentialNotes?: readonly CredentialNote[];
	readonly skews?: readonly number[];
	readonly counterpart?: Environment;
	readonly portfolioId?: string;
	readonly certificate?: PresentedCertificate;
	readonly certificateNote?: string;
};

function worst(skews: readonly number[] | undefined): number | undefined {
	if (skews === undefined || skews.length === 0) return undefined;
	return skews.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
}

export function buildDiagnosis(input: DiagnoseInput): DiagnosisItem[] {
	const {environment, attempts} = input;
	const items: DiagnosisItem[] = [];
	const unknownPayment = attempts.find((attempt) => attempt.mayHaveBeenProcessed === true);
	if (unknownPayment !== undefined) {
		const warning = paymentMayHaveGoneThrough(unknownPayment, environment);
		items.push({...warning, kind: 'failure', severity: 'error'});
	}

	items.push(
		...failureItems(attempts, {
			environment,
			mode: input.mode,
			host: new URL(environment.baseUrl).host,
			...(input.certificate === undefined ? {} : {certificate: input.certificate}),
			...(input.certificateNote === undefined ? {} : {certificateNote: input.certificateNote}),
		}),
	);

	if (input.probes !== undefined) {
		const rankInput = {
			probes: input.probes,
			credentialNotes: input.credentialNotes ?? [],
			environment,
			...(input.counterpart === undefined ? {} : {counterpart: input.counterpart}),
			orgId: input.credentials.orgId,
			keyId: input.credentials.keyId,
			...(input.portfolioId === undefined ? {} : {portfolioId: input.portfolioId}),
			...(worst(input.skews) === undefined ? {} : {worstSkewSeconds: worst(input.skews)}),
		};
		items.push(...rankAuthenticationCauses(rankInput), ...authenticationChecklist(rankInput));
	}

	if (attempts.some((attempt) => attempt.auth === 'http-signature')) items.push(httpSignatureRetirement());
	return items;
}
