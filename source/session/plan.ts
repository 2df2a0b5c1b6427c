/**
 * The key test to run, from inputs both front ends have: where, who, which methods, and whether a real
 * charge was asked for. The one place that decides the mode (a test payment, or production's no-charge
 * probe), the production-charge confirmation, the card, the lookup and the environment-swap counterpart.
 * The wizard (hooks/use-key-test-run.ts) and `check` (commands/check/) both send what this returns. Pure.
 */
import {counterpart, environment, withBaseUrl, type Environment} from '../cybersource/environments.js';
import type {KeyTestRequest, PaymentCard} from '../cybersource/key-test-types.js';
import type {AuthChoice, Credentials} from '../cybersource/types.js';
import type {ProfileEnvironment} from '../profiles/profile.js';

/** Where the test runs, and where the other side of the test/production line is when someone said so. */
export type CounterpartInput = {
	/** The environment chosen: test, production, india, … or simulator (check --env simulator, the wizard's Practice). */
	readonly side: ProfileEnvironment;
	/** The requests go to this base URL instead of the side's own host (check --base-url, a wizard pointed at a simulator). */
	readonly baseUrl?: URL;
	/** Where the other side's requests go (check --counterpart-base-url, the wizard's other environment when it is pointed elsewhere). */
	readonly counterpartBaseUrl?: URL;
};

/** Why the environment-swap probe has no counterpart: the simulator has no twin; a custom base URL's twin is unknown. */
export type CounterpartSkipped = 'simulator' | 'base-url';

/**
 * The other side of the test/production line for the environment-swap probe, always explicit (the engine
 * never guesses a host): a given counterpart URL wins; a real environment gets its counterpart's real
 * host; a custom base URL alone, or the simulator, gets none (the probe is skipped and says so).
 */
export function counterpartOf(input: CounterpartInput): Environment | undefined {
	const other = environment(counterpart(input.side === 'simulator' ? 'test' : input.side));
	if (input.counterpartBaseUrl !== undefined) return withBaseUrl(other, input.counterpartBaseUrl);
	if (input.side === 'simulator' || input.baseUrl !== undefined) return undefined;
	return other;
}

function skippedBecause(input: CounterpartInput): CounterpartSkipped | undefined {
	if (input.counterpartBaseUrl !== undefined) return undefined;
	if (input.side === 'simulator') return 'simulator';
	return input.baseUrl === undefined ? undefined : 'base-url';
}

/** The base URL an environment was pointed at (withBaseUrl makes it 'custom'); undefined for a real host. */
export function baseUrlOverrideOf(target: Environment): URL | undefined {
	return target.id === 'custom' ? new URL(target.baseUrl) : undefined;
}

export type KeyTestPlanInput = CounterpartInput & {
	/** Where the requests go (the base URL, if any, already applied). */
	readonly environment: Environment;
	readonly credentials: Credentials;
	readonly auth: AuthChoice;
	/**
	 * A real charge was asked for and confirmed (check --charge; the wizard's c with the organization ID
	 * typed to confirm). Matters only in production: elsewhere the test payment moves no money and is always sent.
	 */
	readonly charge: boolean;
	/** The real card for the production charge (check --card-file; typed in the wizard); never the sample card. */
	readonly card?: PaymentCard;
	/** How long to wait for a payment in the transaction search (0 skips it). */
	readonly lookupTimeoutMs: number;
};

export type KeyTestPlan = {
	readonly request: KeyTestRequest;
	/** Set when the environment-swap probe will be skipped for want of a counterpart. */
	readonly counterpartSkipped?: CounterpartSkipped;
};

/**
 * Production sends the no-charge probe unless a charge was confirmed; everywhere else a test payment.
 * A confirmed production charge goes on the real card when one was given. The 401 probes always run.
 */
export function planKeyTest(input: KeyTestPlanInput): KeyTestPlan {
	const production = input.environment.kind === 'production';
	const charge = production && input.charge;
	const mode = production && !charge ? 'probe' : 'payment';
	const counterpartEnvironment = counterpartOf(input);
	const skipped = skippedBecause(input);
	return {
		request: {
			environment: input.environment,
			credentials: input.credentials,
			auth: input.auth,
			mode,
			...(charge ? {productionChargeConfirmed: true} : {}),
			...(charge && input.card !== undefined ? {card: input.card} : {}),
			// The transaction search is of a payment: the probe sends none.
			...(mode === 'payment' ? {lookupTimeoutMs: input.lookupTimeoutMs} : {}),
			diagnose: true,
			...(counterpartEnvironment === undefined ? {} : {counterpartEnvironment}),
		},
		...(skipped === undefined ? {} : {counterpartSkipped: skipped}),
	};
}
