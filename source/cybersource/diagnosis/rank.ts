/**
 * Ranks the likely causes of a 401 from the probes' outcomes (DIAGNOSTICS §2.2-2.3), then lists the
 * causes the server cannot reveal as Business Center checks. Pure: probe results in, items out.
 */
import type {CredentialNote} from '../credential-checks.js';
import type {Environment} from '../environments.js';
import type {DiagnosisItem, ProbeName, ProbeResult} from '../key-test-types.js';
import {maskId} from '../mask.js';
import {clockFailSeconds} from './clock.js';

export type RankInput = {
	readonly probes: readonly ProbeResult[];
	/** checkCredentials notes (errors and warnings; info notes are ignored). */
	readonly credentialNotes: readonly CredentialNote[];
	readonly environment: Environment;
	/** The environment-swap probe's target, when there was one. */
	readonly counterpart?: Environment;
	readonly orgId: string;
	readonly keyId: string;
	/** The portfolio ID in the credentials, or the hint the meta-key probe tried. */
	readonly portfolioId?: string;
	/** The largest clock skew measured, in seconds. */
	readonly worstSkewSeconds?: number;
};

type Scored = {readonly score: number; readonly item: Omit<DiagnosisItem, 'rank' | 'kind'>};

function probeCode(probes: readonly ProbeResult[], name: ProbeName): string | undefined {
	return probes.find((probe) => probe.name === name)?.code;
}

function keyManagement(environment: Environment): string {
	return `Business Center (${environment.businessCenter.url}) › ${environment.businessCenter.keyManagementPath.join(' › ')}`;
}

/** True when some probe proved the key itself authenticates (so key-level causes are ruled out). */
export function keyAuthenticatesSomewhere(probes: readonly ProbeResult[]): boolean {
	return probes.some((probe) =>
		['ENVIRONMENT_SWAP_AUTHENTICATES', 'GET_AUTHENTICATES_POST_REJECTED', 'META_KEY_WORKS_WITHOUT_PORTFOLIO', 'META_KEY_WORKS_WITH_PORTFOLIO'].includes(
			probe.code,
		),
	);
}

function scoredCauses(input: RankInput): Scored[] {
	const {probes, environment, counterpart, orgId} = input;
	const causes: Scored[] = [];
	for (const note of input.credentialNotes) {
		if (note.severity === 'info') continue;
		causes.push({score: note.severity === 'error' ? 100 : 55, item: {code: note.code, message: note.message, severity: note.severity}});
	}

	if (probeCode(probes, 'environment-swap') === 'ENVIRONMENT_SWAP_AUTHENTICATES' && counterpart !== undefined) {
		causes.push({
			score: 98,
			item: {
				code: 'WRONG_ENVIRONMENT',
				severity: 'error',
				message: `Your key authenticates in ${counterpart.name}, not in ${environment.name}: test and production keys are separate. Use it with ${counterpart.label}, or create a ${environment.name} key in ${keyManagement(environment)}.`,
			},
		});
	}

	const meta = probeCode(probes, 'meta-key');
	if (meta === 'META_KEY_WORKS_WITHOUT_PORTFOLIO' || meta === 'META_KEY_WORKS_WITH_PORTFOLIO') {
		causes.push({
			score: 97,
			item: {
				code: 'META_KEY_SIGNING_MODE',
				severity: 'error',
				message:
					meta === 'META_KEY_WORKS_WITHOUT_PORTFOLIO'
						? `The key authenticates when signed without the portfolio ID: it is an ordinary key of ${orgId}, not a meta key. Leave the portfolio ID empty.`
						: `The key authenticates when signed with the portfolio ID${input.portfolioId === undefined ? '' : ` ${input.portfolioId}`}: it is a meta key. Give the portfolio ID (useMetaKey with portfolioID in the SDKs).`,
			},
		});
	}

	if (probeCode(probes, 'get-vs-post') === 'GET_AUTHENTICATES_POST_REJECTED') {
		causes.push({
			score: 96,
			item: {
				code: 'BODY_OR_DIGEST_MISMATCH',
				severity: 'error',
				message:
					'Your key pair is right (a GET signed with it authenticates), but the POST was rejected: the body CyberSource received differs from the body that was signed. A proxy or gateway that rewrites request bodies or the Digest header is the usual cause; send the exact bytes you hash.',
			},
		});
	}

	const skew = input.worstSkewSeconds;
	if (probeCode(probes, 'clock') === 'CLOCK_SKEW' && skew !== undefined) {
		causes.push({
			score: Math.abs(skew) > clockFailSeconds ? 90 : 65,
			item: {
				code: 'CLOCK_OFF',
				severity: Math.abs(skew) > clockFailSeconds ? 'error' : 'warning',
				message: `This machine's clock is ${Math.abs(skew)} s ${skew > 0 ? 'fast' : 'slow'}: the signed date is outside the window CyberSource accepts. Turn on automatic time (NTP), then try again.`,
			},
		});
	}

	const control = probeCode(probes, 'control');
	// A key that authenticates from this machine somewhere proves the machine and network fine.
	if (control === 'CONTROL_REJECTED' && !keyAuthenticatesSomewhere(probes)) {
		causes.push({
			score: 80,
			item: {
				code: 'NETWORK_OR_MACHINE',
				severity: 'error',
				message:
					'The published sample credentials were rejected from this machine too, so the fault is probably not your key: a proxy that changes requests, the clock, or this machine (or the samples have been retired; then this proves nothing).',
			},
		});
	}

	if (!keyAuthenticatesSomewhere(probes)) {
		const keyAtFault = control === 'CONTROL_AUTHENTICATES';
		const lowered = control === 'CONTROL_REJECTED';
		causes.push(
			{
				score: keyAtFault ? 75 : lowered ? 35 : 50,
				item: {
					code: 'KEY_OR_SECRET_WRONG',
					severity: 'error',
					message: `${keyAtFault ? 'This machine signs correctly (the sample credentials work), so the key pair is at fault: ' : ''}CyberSource does not accept key ${maskId(input.keyId)} with this shared secret for ${orgId}: the secret was mistyped or belongs to another key, or the key was deleted.`,
				},
			},
			{
				score: keyAtFault ? 60 : lowered ? 30 : 40,
				item: {
					code: 'WRONG_ORGANIZATION',
					severity: 'warning',
					message: `The key may belong to another organization than ${orgId} (another merchant, the _acct account, or a portfolio): the organization ID must be the one the key was created for.`,
				},
			},
		);
	}

	return causes;
}

/** The ranked causes, most likely first, each with `rank` (1-based) and kind 'cause'. */
export function rankAuthenticationCauses(input: RankInput): DiagnosisItem[] {
	return scoredCauses(input)
		.map((cause, index) => ({...cause, index}))
		.sort((a, b) => b.score - a.score || a.index - b.index)
		.map((cause, index) => ({...cause.item, kind: 'cause', rank: index + 1}));
}

/**
 * Causes the server cannot reveal (expired or deactivated key, wrong organization, another
 * account), as checks in Business Center terms. Empty when a probe proved the key authenticates.
 */
export function authenticationChecklist(input: RankInput): DiagnosisItem[] {
	if (keyAuthenticatesSomewhere(input.probes)) return [];
	const {environment, orgId} = input;
	const where = keyManagement(environment);
	const key = maskId(input.keyId);
	const item = (code: string, message: string, steps?: readonly string[]): DiagnosisItem => ({
		code,
		message,
		kind: 'checklist',
		severity: 'info',
		...(steps === undefined ? {} : {steps}),
	});
	return [
		item('CHECK_KEY_ACTIVE', `In ${where}, find key ${key}: it must be listed, of type REST – Shared Secret, and active (a deactivated key stops working at once).`),
		item('CHECK_KEY_EXPIRY', `Check its expiry date in Key Management: REST keys expire after 3 years, and requests with an expired key are refused without showing in Transaction Management.`),
		item(
			'CHECK_ORGANIZATION',
			`Check the organization selector at the top of Key Management: the key must have been created with ${orgId} selected${input.portfolioId === undefined ? '' : ` (or, for a meta key, portfolio ${input.portfolioId})`}, not the _acct account or another merchant.`,
		),
		item(
			'CHECK_SAME_ACCOUNT',
			`Make sure the key comes from this account's ${environment.name} Business Center (${environment.businessCenter.url}): test and production have separate log-ins and keys.`,
		),
		item(
			'CHECK_SECRET_COPIED',
			'The shared secret is shown only once, when the key is created; if you are not sure you have the right one, generate a new key and test that.',
			[`${where} › + Generate key › REST – Shared Secret › Generate key › Download key`],
		),
	];
}
