/**
 * Every code the diagnosis adds (probe outcomes, ranked causes, Business Center checks, information),
 * with its meaning, for --json consumers and the README. Attempt codes live in outcome-codes.ts.
 */
import type {ProbeName, ProbeOutcome} from '../key-test-types.js';

type ProbeCodeInfo = {readonly probe: ProbeName; readonly outcome: ProbeOutcome; readonly meaning: string};

export const probeLabels: Record<ProbeName, string> = {
	'credential-checks': 'Credential checks',
	clock: 'Clock',
	'environment-swap': 'Environment swap',
	control: 'Control (published sample credentials)',
	'get-vs-post': 'GET against POST',
	'meta-key': 'Meta key signing mode',
};

export const probeCodes = {
	CREDENTIALS_LOOK_RIGHT: {probe: 'credential-checks', outcome: 'passed', meaning: 'UUID key ID, 32-byte base64 secret, valid organization ID: nothing swapped or of the wrong key type.'},
	CREDENTIALS_PROBLEM: {probe: 'credential-checks', outcome: 'failed', meaning: 'A format problem: swapped fields, wrong key type, cut-off secret, …'},
	CREDENTIALS_WARNING: {probe: 'credential-checks', outcome: 'inconclusive', meaning: 'A value is unusual (e.g. an _acct account ID) but may be right.'},
	CLOCK_OK: {probe: 'clock', outcome: 'passed', meaning: 'This machine\'s clock is within 60 s of the server\'s Date header.'},
	CLOCK_SKEW: {probe: 'clock', outcome: 'failed', meaning: 'This machine\'s clock is more than 60 s away from the server\'s Date header.'},
	CLOCK_UNKNOWN: {probe: 'clock', outcome: 'inconclusive', meaning: 'No answer carried a Date header to compare with.'},
	ENVIRONMENT_SWAP_AUTHENTICATES: {probe: 'environment-swap', outcome: 'failed', meaning: 'The key authenticates in the other environment: it belongs there.'},
	ENVIRONMENT_SWAP_REJECTED: {probe: 'environment-swap', outcome: 'passed', meaning: 'The other environment rejects the key too: not an environment mix-up.'},
	ENVIRONMENT_SWAP_NO_ANSWER: {probe: 'environment-swap', outcome: 'inconclusive', meaning: 'The other environment could not be reached.'},
	ENVIRONMENT_SWAP_SKIPPED: {probe: 'environment-swap', outcome: 'skipped', meaning: 'No counterpart environment is known (custom base URL).'},
	CONTROL_AUTHENTICATES: {probe: 'control', outcome: 'passed', meaning: 'The published sample credentials work from here: network, clock and signer are fine; the key is at fault.'},
	CONTROL_REJECTED: {probe: 'control', outcome: 'failed', meaning: 'The sample credentials are rejected too: network, proxy, clock or this machine is at fault (or the samples were retired).'},
	CONTROL_NO_ANSWER: {probe: 'control', outcome: 'inconclusive', meaning: 'The control request got no answer from CyberSource.'},
	CONTROL_SKIPPED: {probe: 'control', outcome: 'skipped', meaning: 'The sample credentials exist only in the test environment.'},
	GET_AUTHENTICATES_POST_REJECTED: {probe: 'get-vs-post', outcome: 'failed', meaning: 'A GET with the same key authenticates: the POST body or digest is the problem.'},
	GET_ALSO_REJECTED: {probe: 'get-vs-post', outcome: 'passed', meaning: 'The GET is rejected too: not a body or digest problem.'},
	GET_VS_POST_NO_ANSWER: {probe: 'get-vs-post', outcome: 'inconclusive', meaning: 'The GET got no answer from CyberSource.'},
	GET_VS_POST_SKIPPED: {probe: 'get-vs-post', outcome: 'skipped', meaning: 'The rejected request was already a GET.'},
	META_KEY_WORKS_WITHOUT_PORTFOLIO: {probe: 'meta-key', outcome: 'failed', meaning: 'Signed without the portfolio ID the key authenticates: it is not a meta key.'},
	META_KEY_WORKS_WITH_PORTFOLIO: {probe: 'meta-key', outcome: 'failed', meaning: 'Signed with the portfolio ID the key authenticates: it is a meta key.'},
	META_KEY_OTHER_MODE_REJECTED: {probe: 'meta-key', outcome: 'passed', meaning: 'The other signing mode is rejected too: not a meta key mix-up.'},
	META_KEY_NO_ANSWER: {probe: 'meta-key', outcome: 'inconclusive', meaning: 'The other signing mode got no answer from CyberSource.'},
	META_KEY_SKIPPED: {probe: 'meta-key', outcome: 'skipped', meaning: 'No portfolio ID is known.'},
} as const satisfies Record<string, ProbeCodeInfo>;

export type ProbeCode = keyof typeof probeCodes;

/** Ranked causes of a 401 (besides the credential-check codes, which keep their own codes). */
export const causeCodes = {
	WRONG_ENVIRONMENT: 'The key belongs to the other environment (test and production keys are separate).',
	META_KEY_SIGNING_MODE: 'The key authenticates in the other meta-key signing mode (with or without the portfolio ID).',
	BODY_OR_DIGEST_MISMATCH: 'The key is right; the body that arrived differs from the body that was signed.',
	CLOCK_OFF: 'This machine\'s clock is off: the signed date is outside CyberSource\'s window.',
	NETWORK_OR_MACHINE: 'Not the key: the network, a proxy, the clock or this machine breaks authentication.',
	KEY_OR_SECRET_WRONG: 'The key ID and shared secret are not a pair CyberSource accepts (mistyped, another key\'s secret, deleted key).',
	WRONG_ORGANIZATION: 'The key belongs to another organization than the organization ID sent.',
} as const;

/** Checks only the user can make in Business Center (the server never says which). */
export const checklistCodes = {
	CHECK_KEY_ACTIVE: 'Key Management lists the key as an active REST – Shared Secret key.',
	CHECK_KEY_EXPIRY: 'The key has not expired (REST keys last 3 years).',
	CHECK_ORGANIZATION: 'The key was created with this organization selected (not the _acct account or another merchant).',
	CHECK_SAME_ACCOUNT: 'The key comes from the Business Center (test or production) of this account.',
	CHECK_SECRET_COPIED: 'The shared secret is the one shown when this key was created.',
} as const;

export const infoCodes = {
	HTTP_SIGNATURE_RETIRING: 'HTTP Signature is being retired; JWT uses the same key.',
	PAYMENT_MAY_HAVE_GONE_THROUGH: 'A payment got no complete answer; it was not retried and may have gone through.',
} as const;
