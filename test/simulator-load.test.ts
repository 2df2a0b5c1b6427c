// The simulator under load: 200 concurrent clients (the project's CyberSource client, half signing
// with HTTP Signature, half with JWT, each on its own connection) send sample payments for 10 s.
// No request may fail, and every payment answered 201 must be found afterwards by
// GET /tss/v2/transactions/{id} (search delay 0, so the lookup needs no waiting).
import {performance} from 'node:perf_hooks';
import {Agent} from 'undici';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {createCyberSourceClient, type ClientResult, type CyberSourceClient} from '../source/cybersource/client.js';
import {environment, withBaseUrl} from '../source/cybersource/environments.js';
import {samplePayment} from '../source/cybersource/sample-payment.js';
import type {AuthMethod, Credentials} from '../source/cybersource/types.js';
import {startSimulator, type Simulator} from '../source/simulator/index.js';

const clientCount = 200;
const loadMs = 10_000;
const lookupConcurrency = 100;

type LoadClient = {readonly index: number; readonly auth: AuthMethod; readonly client: CyberSourceClient; readonly dispatcher: Agent};

let simulator: Simulator;
let clients: LoadClient[] = [];

beforeAll(async () => {
	simulator = await startSimulator({searchDelayMs: 0});
	const key = simulator.generateKey({orgId: 'load_merchant'});
	const credentials: Credentials = {orgId: 'load_merchant', keyId: key.keyId, secret: key.secret};
	const target = withBaseUrl(environment('test'), new URL(simulator.url));
	clients = Array.from({length: clientCount}, (_, index) => {
		const dispatcher = new Agent({connections: 1, connect: {timeout: 10_000}});
		const auth: AuthMethod = index % 2 === 0 ? 'http-signature' : 'jwt';
		const client = createCyberSourceClient({environment: target, credentials, auth, dispatcher, env: {}});
		return {index, auth, client, dispatcher};
	});
});

afterAll(async () => {
	await Promise.all(clients.map(async ({dispatcher}) => dispatcher.close()));
	await simulator?.close();
});

/** What went wrong with one answer, or undefined for the expected 201 AUTHORIZED payment. */
function paymentProblem(result: ClientResult): string | undefined {
	if (result.networkError !== undefined) return `network error ${result.networkError.code}`;
	const {response} = result;
	if (response.kind !== 'payment') return `${response.httpStatus} ${response.kind}`;
	if (response.httpStatus !== 201 || response.payment.status !== 'AUTHORIZED') {
		return `${response.httpStatus} ${response.payment.status ?? '(no status)'}`;
	}

	return undefined;
}

/** Runs `work` over `items` with at most `limit` in flight. */
async function inBatches<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({length: Math.min(limit, items.length)}, async () => {
			while (next < items.length) {
				const item = items[next++];
				if (item !== undefined) await work(item);
			}
		}),
	);
}

describe('simulator under load', () => {
	test(
		`${clientCount} concurrent clients for ${loadMs / 1000} s: no error, every 201 found by the lookup`,
		async () => {
			const created: Array<{id: string; code: string; auth: AuthMethod}> = [];
			const problems: string[] = [];
			const perClient = new Map<number, number>();
			let inFlight = 0;
			let maxInFlight = 0;
			const deadline = performance.now() + loadMs;

			await Promise.all(
				clients.map(async ({index, auth, client}) => {
					for (let sequence = 0; performance.now() < deadline; sequence++) {
						const code = `load-${index}-${sequence}`;
						inFlight++;
						maxInFlight = Math.max(maxInFlight, inFlight);
						const result = await client.createPayment(samplePayment({code}));
						inFlight--;
						const problem = paymentProblem(result);
						if (problem !== undefined) problems.push(`client ${index} (${auth}) payment ${code}: ${problem}`);
						else if (result.response?.kind === 'payment') created.push({id: result.response.payment.id, code, auth});
						perClient.set(index, (perClient.get(index) ?? 0) + 1);
					}
				}),
			);

			expect(problems.slice(0, 10), `${problems.length} failed payments`).toEqual([]);
			expect(maxInFlight).toBe(clientCount);
			expect(perClient.size, 'every client completed payments').toBe(clientCount);
			expect(new Set(created.map(({id}) => id)).size, 'request IDs are unique').toBe(created.length);
			expect(created.some(({auth}) => auth === 'jwt') && created.some(({auth}) => auth === 'http-signature')).toBe(true);

			// The simulator recorded exactly these payments...
			const recorded = new Map(simulator.transactions().map((view) => [view.id, view]));
			expect(recorded.size).toBe(created.length);
			for (const {id, code} of created) expect(recorded.get(id)?.clientReferenceCode).toBe(code);

			// ...and each one is found by the transaction lookup, signed with both methods in turn.
			const lost: string[] = [];
			await inBatches(created, lookupConcurrency, async ({id, code}) => {
				const owner = clients[Number(code.split('-')[1])];
				if (owner === undefined) throw new Error(`no client for ${code}`);
				const {client} = owner;
				const result = await client.getTransaction(id);
				const response = result.response;
				if (response?.kind !== 'transaction' || response.httpStatus !== 200 || response.transaction.id !== id) {
					lost.push(`${id}: ${result.networkError?.code ?? `${response?.httpStatus} ${response?.kind}`}`);
				} else if (response.transaction.clientReferenceCode !== code) {
					lost.push(`${id}: found with clientReferenceCode ${response.transaction.clientReferenceCode}, sent ${code}`);
				}
			});
			expect(lost.slice(0, 10), `${lost.length} of ${created.length} payments not found by the lookup`).toEqual([]);
		},
		120_000,
	);
});
