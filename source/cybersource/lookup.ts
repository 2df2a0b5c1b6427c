/**
 * Step 12, automated: after a 201, ask CyberSource's transaction search
 * (`GET /tss/v2/transactions/{id}`) for the request ID with backoff until it shows up or a time limit
 * passes. A 404 means "not searchable yet", never failure (PROTOCOL §6.4). Several payments of one
 * run (both auth methods) share the waits: each round asks once for every request ID still unfound,
 * so the whole lookup takes as long as one. Clock and sleep are injected, so tests advance a fake
 * clock instead of waiting.
 */
import type {CallOptions, ClientResult} from './client.js';
import {transactionDetailsUrl, type Environment} from './environments.js';
import type {LookupResult, LookupTransaction} from './key-test-types.js';
import type {TransactionDetails} from './responses.js';

/** What the front ends offer by default (the user can change it or skip). */
export const defaultLookupTimeoutMs = 60_000;
/** First wait; each next wait doubles, up to `lookupMaxWaitMs`. */
export const lookupFirstWaitMs = 5000;
export const lookupMaxWaitMs = 30_000;

export const lookupCodes = {
	LOOKUP_FOUND: 'The transaction search shows the payment, as Business Center will.',
	LOOKUP_NOT_YET: 'Not searchable within the time limit: normal; find it by hand in Business Center a little later.',
	LOOKUP_SKIPPED: 'The automatic lookup was skipped; the manual Business Center steps are shown.',
	LOOKUP_CANCELLED: 'The lookup was cancelled; the manual Business Center steps are shown.',
	LOOKUP_FAILED: 'The transaction search refused or failed; the payment itself went through; find it by hand.',
} as const;

export type LookupCode = keyof typeof lookupCodes;

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/**
 * Progress for the UI while the lookup waits and asks. Per round: one `lookup-wait` (the shared wait),
 * then one `lookup-attempt` per request ID still unfound (one GET each); one `lookup-done` per
 * request ID, as soon as its search ends (found or refused: right after its GET; not yet, skipped or
 * cancelled: when the rounds end).
 */
export type LookupEvent =
	| {
			readonly type: 'lookup-wait';
			/** The first request ID still unfound (the one a single-line UI names). */
			readonly requestId: string;
			/** Every request ID still unfound, asked for after this wait, in attempt order. */
			readonly requestIds: readonly string[];
			/** The round about to start after the wait (1-based): each ID's try number. */
			readonly attempt: number;
			readonly nextInMs: number;
			readonly elapsedMs: number;
			readonly limitMs: number;
			/**
			 * "CyberSource takes a little while to make a transaction searchable; asking again in 10 s."
			 * With several IDs: "… asking again in 10 s (together with request ID 2)."
			 */
			readonly message: string;
	  }
	/** One GET for one request ID; `attempt` is the round (1-based). */
	| {readonly type: 'lookup-attempt'; readonly requestId: string; readonly attempt: number}
	| {readonly type: 'lookup-done'; readonly result: LookupResult};

/**
 * The waits before each request: 5 s, 10 s, 20 s, then 30 s each, the last one cut so the total never
 * passes `limitMs`. 0 or less gives none (skip). Pure.
 */
export function lookupWaits(limitMs: number, firstMs = lookupFirstWaitMs, maxMs = lookupMaxWaitMs): number[] {
	const waits: number[] = [];
	let total = 0;
	let next = firstMs;
	while (limitMs > 0 && total < limitMs) {
		const wait = Math.min(next, maxMs, limitMs - total);
		waits.push(wait);
		total += wait;
		next = Math.min(next * 2, maxMs);
	}

	return waits;
}

/** "45 s", "1 min", "1 min 30 s". */
export function describeDuration(ms: number): string {
	const seconds = Math.round(ms / 1000);
	if (seconds < 60) return `${seconds} s`;
	const minutes = Math.floor(seconds / 60);
	const rest = seconds % 60;
	return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** The manual steps of the Developer Center's key test (DIAGNOSTICS §4.2), always shown. */
export function manualLookupSteps(environment: Environment, requestId: string): string[] {
	return [
		`Log in to Business Center: ${environment.businessCenter.url}`,
		`Open ${environment.businessCenter.transactionsPath.join(' › ')}.`,
		`Search by Request ID ${requestId} (the list shows the last 7 days by default; pick the right merchant in the organization selector).`,
		'The Applications column shows ics_auth (and ics_auth_reversal once reversed); click the request ID for the details.',
	];
}

/** What Business Center would show, from the TSS answer. Pure. */
export function lookupTransactionOf(details: TransactionDetails): LookupTransaction {
	const amount = details.amountDetails?.totalAmount ?? details.amountDetails?.authorizedAmount;
	return {
		requestId: details.id,
		applications: details.applications.map((application) => ({...application})),
		...(amount === undefined ? {} : {amount}),
		...(details.amountDetails?.currency === undefined ? {} : {currency: details.amountDetails.currency}),
		...(details.submitTimeUtc === undefined ? {} : {submitTimeUtc: details.submitTimeUtc}),
		...(details.status === undefined ? {} : {status: details.status}),
	};
}

function applicationsText(transaction: LookupTransaction): string {
	const parts = transaction.applications
		.filter((application) => application.name !== undefined)
		.map((application) =>
			[application.name, application.status, application.rFlag === undefined ? undefined : `(${application.rFlag})`]
				.filter((part) => part !== undefined)
				.join(' '),
		);
	return parts.length === 0 ? '' : `; applications: ${parts.join(', ')}`;
}

export type TransactionGetter = (id: string, options?: CallOptions) => Promise<ClientResult>;

/** One payment to look up, with the client (auth method) of its own attempt. */
export type LookupTarget = {
	readonly requestId: string;
	readonly getTransaction: TransactionGetter;
};

type LookupSettings = {
	readonly environment: Environment;
	/** For the Business Center link. */
	readonly merchantId: string;
	/** 0 or less: skipped. */
	readonly limitMs: number;
	readonly now: () => number;
	readonly sleep: Sleep;
	readonly signal?: AbortSignal;
	readonly onEvent?: (event: LookupEvent) => void;
	readonly firstWaitMs?: number;
	readonly maxWaitMs?: number;
};

export type LookupInput = LookupSettings & LookupTarget;

export type LookupsInput = LookupSettings & {
	/** In attempt order; the results come back in the same order. */
	readonly targets: readonly LookupTarget[];
};

type Ending = {readonly status: LookupResult['status']; readonly code: LookupCode; readonly message: string; readonly transaction?: LookupTransaction};

/** Why one answer ends the search (found, or refused for good), or undefined to keep asking. */
function endingFor(result: ClientResult, requestId: string): Ending | 'retry' {
	const {response} = result;
	if (response === undefined) {
		if (result.networkError.code === 'CANCELLED') return cancelledEnding(requestId);
		return 'retry';
	}

	if (response.kind === 'transaction') {
		const transaction = lookupTransactionOf(response.transaction);
		const status = transaction.status === undefined ? '' : `: status ${transaction.status}`;
		const amount = transaction.amount === undefined ? '' : `, ${transaction.amount}${transaction.currency === undefined ? '' : ` ${transaction.currency}`}`;
		const time = transaction.submitTimeUtc === undefined ? '' : `, submitted ${transaction.submitTimeUtc}`;
		return {
			status: 'found',
			code: 'LOOKUP_FOUND',
			message: `CyberSource's transaction search shows request ID ${requestId}${status}${amount}${time}${applicationsText(transaction)}.`,
			transaction,
		};
	}

	if (response.httpStatus === 404 || response.httpStatus >= 500 || response.httpStatus === 429) return 'retry';
	const said = response.kind === 'error' ? (response.error.message ?? response.error.reason) : undefined;
	const why =
		response.httpStatus === 401 || response.httpStatus === 403
			? `HTTP ${response.httpStatus}${said === undefined ? '' : ` ${said}`}: the Transaction Search API may not be enabled for this organization`
			: `HTTP ${response.httpStatus}${said === undefined ? '' : ` ${said}`}`;
	return {
		status: 'failed',
		code: 'LOOKUP_FAILED',
		message: `The transaction search refused the lookup of request ID ${requestId} (${why}); the payment itself was answered, so find it in Business Center by hand.`,
	};
}

function cancelledEnding(requestId: string): Ending {
	return {
		status: 'not-yet',
		code: 'LOOKUP_CANCELLED',
		message: `Stopped looking for request ID ${requestId}: find it in Business Center by hand.`,
	};
}

function skippedEnding(requestId: string): Ending {
	return {
		status: 'skipped',
		code: 'LOOKUP_SKIPPED',
		message: `The automatic lookup was skipped: find request ID ${requestId} in Business Center (CyberSource takes a little while to make a transaction searchable).`,
	};
}

function notYetEnding(requestId: string, waited: string, lastProblem: string | undefined): Ending {
	return {
		status: 'not-yet',
		code: 'LOOKUP_NOT_YET',
		message: `CyberSource takes a little while to make a transaction searchable: request ID ${requestId} was not searchable after ${waited}${lastProblem === undefined ? '' : ` (last answer: ${lastProblem})`}. That is normal; find it in Business Center in a few minutes (if not after about 15 minutes, check the environment, the merchant selector and the date filter).`,
	};
}

/** What the last unanswered try said, for the not-yet message (a 404 says nothing worth repeating). */
function problemOf(result: ClientResult): string | undefined {
	if (result.response === undefined) return result.networkError.message;
	return result.response.httpStatus === 404 ? undefined : `HTTP ${result.response.httpStatus}`;
}

/** The shared wait's sentence: "…; asking again in 10 s (together with request ID 2)." Pure. */
export function lookupWaitMessage(round: number, waitMs: number, others: readonly string[]): string {
	const together =
		others.length === 0 ? '' : ` (together with request ID${others.length === 1 ? '' : 's'} ${others.join(', ')})`;
	return `CyberSource takes a little while to make a transaction searchable; ${round === 1 ? 'asking' : 'asking again'} in ${describeDuration(waitMs)}${together}.`;
}

async function pause(sleep: Sleep, ms: number, signal: AbortSignal | undefined): Promise<boolean> {
	try {
		if (signal?.aborted) return false;
		await sleep(ms, signal);
		return signal?.aborted !== true;
	} catch {
		return false;
	}
}

/** One request ID still being searched for. */
type Pending = {readonly index: number; readonly target: LookupTarget; attempts: number; lastProblem?: string};

/**
 * Looks several request IDs up with one shared backoff: each round waits once, then asks once for
 * every ID still unfound (each with its own client, i.e. the auth method of its own attempt). Never
 * throws: every ending (found, not yet, skipped, cancelled, failed) is a result with the manual
 * Business Center steps, in the order of `targets`.
 */
export async function lookUpTransactions(input: LookupsInput): Promise<LookupResult[]> {
	const {environment, now, signal} = input;
	const started = now();
	const results: Array<LookupResult | undefined> = input.targets.map(() => undefined);
	const finish = (pending: Pending, ending: Ending): void => {
		const {requestId} = pending.target;
		const result: LookupResult = {
			requestId,
			manualSteps: manualLookupSteps(environment, requestId),
			detailsUrl: transactionDetailsUrl(environment, requestId, input.merchantId),
			status: ending.status,
			code: ending.code,
			message: ending.message,
			...(ending.transaction === undefined ? {} : {transaction: ending.transaction}),
			attempts: pending.attempts,
			elapsedMs: Math.max(0, now() - started),
		};
		results[pending.index] = result;
		input.onEvent?.({type: 'lookup-done', result});
	};

	let pending: Pending[] = input.targets.map((target, index) => ({index, target, attempts: 0}));
	const waits = input.limitMs > 0 ? lookupWaits(input.limitMs, input.firstWaitMs, input.maxWaitMs) : [];
	if (waits.length === 0) {
		for (const each of pending) finish(each, skippedEnding(each.target.requestId));
		pending = [];
	}

	const cancelRest = () => {
		for (const each of pending) finish(each, cancelledEnding(each.target.requestId));
		pending = [];
	};

	for (const [index, wait] of waits.entries()) {
		const round = index + 1;
		const [first, ...others] = pending.map((each) => each.target.requestId);
		if (first === undefined) break;
		input.onEvent?.({
			type: 'lookup-wait',
			requestId: first,
			requestIds: [first, ...others],
			attempt: round,
			nextInMs: wait,
			elapsedMs: Math.max(0, now() - started),
			limitMs: input.limitMs,
			message: lookupWaitMessage(round, wait, others),
		});
		if (!(await pause(input.sleep, wait, signal))) {
			cancelRest();
			break;
		}

		const asked = pending;
		pending = [];
		for (const [position, each] of asked.entries()) {
			if (signal?.aborted === true) {
				// Cancelled between two GETs of a round: the rest are not asked.
				pending.push(...asked.slice(position));
				break;
			}

			const {requestId, getTransaction} = each.target;
			each.attempts = round;
			input.onEvent?.({type: 'lookup-attempt', requestId, attempt: round});
			const result = await getTransaction(requestId, signal === undefined ? {} : {signal});
			const ending = endingFor(result, requestId);
			if (ending === 'retry') {
				each.lastProblem = problemOf(result);
				pending.push(each);
			} else {
				finish(each, ending);
			}
		}

		if (signal?.aborted === true) {
			cancelRest();
			break;
		}
	}

	const waited = describeDuration(Math.max(0, now() - started));
	for (const each of pending) finish(each, notYetEnding(each.target.requestId, waited, each.lastProblem));
	return results.filter((result): result is LookupResult => result !== undefined);
}

/** Looks one request ID up with backoff (lookUpTransactions with one target). Never throws. */
export async function lookUpTransaction(input: LookupInput): Promise<LookupResult> {
	const {requestId, getTransaction, ...settings} = input;
	const [result] = await lookUpTransactions({...settings, targets: [{requestId, getTransaction}]});
	// lookUpTransactions ends every target it is given, so the one result is always there.
	if (result === undefined) throw new Error(`The lookup of request ID ${requestId} ended without a result.`);
	return result;
}

/** The real sleep: resolves after `ms`, rejects when the signal fires. */
export async function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
	const {setTimeout: delay} = await import('node:timers/promises');
	await delay(ms, undefined, signal === undefined ? {} : {signal});
}
