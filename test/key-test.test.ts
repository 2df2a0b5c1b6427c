import {createHash, createHmac, timingSafeEqual} from 'node:crypto';
import {jwtVerify} from 'jose';
import {Agent} from 'undici';
import {afterEach, describe, expect, it} from 'vitest';
import {environment, withBaseUrl} from '../source/cybersource/environments.js';
import {counterpartFor, runKeyTest, type KeyTestDeps, type KeyTestProgress} from '../source/cybersource/key-test.js';
import {startSimulator} from '../source/simulator/index.js';
import type {KeyTestRequest} from '../source/cybersource/key-test-types.js';
import type {AuthChoice, Credentials} from '../source/cybersource/types.js';
import {sendJson, startRecordingServer, type ReceivedRequest, type RecordingHandler, type RecordingServer} from './helpers/recording-server.js';

// Published sandbox sample credentials (PROTOCOL §5.2): public test values.
const testrest: Credentials = {
	orgId: 'testrest',
	keyId: '08c94330-f618-42a3-b09d-e1e43be5efda',
	secret: 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=',
};
const wrongSecret = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const fixedNow = Date.UTC(2026, 0, 5, 9, 7, 3);

let server: RecordingServer | undefined;
const agents: Agent[] = [];

afterEach(async () => {
	await server?.close();
	server = undefined;
	await Promise.all(agents.splice(0).map(async (agent) => agent.destroy()));
});

function text(value: string | string[] | undefined): string {
	return typeof value === 'string' ? value : '';
}

function same(a: string, b: string): boolean {
	return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** A tiny CyberSource stand-in: checks HTTP Signature / JWT made with `testrest`. */
async function authenticates(request: ReceivedRequest): Promise<boolean> {
	const key = Buffer.from(testrest.secret, 'base64');
	const authorization = text(request.headers.authorization);
	if (authorization.startsWith('Bearer ')) {
		try {
			const {payload} = await jwtVerify(authorization.slice(7), key, {currentDate: new Date(fixedNow)});
			return payload['request-resource-path'] === request.url && payload.iss === testrest.orgId;
		} catch {
			return false;
		}
	}

	const parameters: Record<string, string> = Object.fromEntries(
		[...text(request.headers.signature).matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1] ?? '', match[2] ?? '']),
	);
	const lines = (parameters['headers'] ?? '').split(' ').map((name: string) => {
		if (name === 'request-target') return `request-target: ${request.method.toLowerCase()} ${request.url}`;
		return `${name}: ${text(request.headers[name])}`;
	});
	const digestOk =
		request.method === 'GET' || text(request.headers.digest) === `SHA-256=${createHash('sha256').update(request.body).digest('base64')}`;
	const expected = createHmac('sha256', key).update(lines.join('\n')).digest('base64');
	return digestOk && parameters['keyid'] === testrest.keyId && same(parameters['signature'] ?? '', expected);
}

function cyberSourceLike(paymentBody: (request: ReceivedRequest) => unknown = () => ({id: '6750124114786780104953', status: 'AUTHORIZED'})): RecordingHandler {
	return (request, response) => {
		void authenticates(request).then((ok) => {
			if (!ok) {
				sendJson(response, 401, {response: {rmsg: 'Authentication Failed'}});
			} else if (request.method === 'GET') {
				sendJson(response, 404, {message: 'The requested resource does not exist'});
			} else {
				sendJson(response, 201, paymentBody(request));
			}
		});
	};
}

async function serve(handler: RecordingHandler): Promise<RecordingServer> {
	server = await startRecordingServer(handler);
	return server;
}

function keyTest(base: string, auth: AuthChoice, mode: 'payment' | 'probe', credentials: Credentials = testrest): KeyTestRequest {
	return {environment: withBaseUrl(environment('test'), new URL(base)), credentials, auth, mode};
}

function deps(extra: Partial<KeyTestDeps> = {}): KeyTestDeps {
	const dispatcher = new Agent();
	agents.push(dispatcher);
	let counter = 0;
	return {
		dispatcher,
		env: {},
		now: () => fixedNow,
		// The counter leads, so each reference code (first six hex digits) differs.
		uuid: () => `${(++counter).toString(16).padEnd(8, '0')}-aaaa-4bbb-8ccc-dddddddddddd`,
		...extra,
	};
}

function referenceCode(request: ReceivedRequest | undefined): unknown {
	const body: unknown = JSON.parse(request?.body.toString('utf8') ?? 'null');
	if (typeof body !== 'object' || body === null || !('clientReferenceInformation' in body)) return undefined;
	const info = body.clientReferenceInformation;
	return typeof info === 'object' && info !== null && 'code' in info ? info.code : undefined;
}

describe('runKeyTest', () => {
	it('payment with both methods: two signed payments, each with its own reference code, both work', async () => {
		const srv = await serve(cyberSourceLike());
		const events: KeyTestProgress[] = [];
		const report = await runKeyTest(keyTest(srv.baseUrl, 'both', 'payment'), deps({onProgress: (event) => events.push(event)}));
		expect(report.ok).toBe(true);
		expect(report.diagnosis).toEqual([]);
		expect(report.attempts.map((attempt) => [attempt.auth, attempt.code, attempt.outcome, attempt.httpStatus])).toEqual([
			['http-signature', 'OK', 'works', 201],
			['jwt', 'OK', 'works', 201],
		]);
		expect(report.attempts[0]).toMatchObject({
			endpoint: 'POST /pts/v2/payments',
			url: `${srv.baseUrl}/pts/v2/payments`,
			requestId: '6750124114786780104953',
			paymentStatus: 'AUTHORIZED',
			correlationId: 'c0ffee00-1111-4222-8333-444455556666',
			signed: {headerList: 'host date request-target digest v-c-merchant-id'},
		});
		expect(report.attempts[1]?.signed.headerList).toBe('authorization');
		expect(srv.received.map((request) => referenceCode(request))).toEqual([
			'cybs-key-wizard-20260105090703-100000',
			'cybs-key-wizard-20260105090703-200000',
		]);
		expect(events.map((event) => `${event.type}:${event.index}`)).toEqual([
			'attempt-start:0',
			'attempt-done:0',
			'attempt-start:1',
			'attempt-done:1',
		]);
		expect(JSON.stringify(report)).not.toContain(testrest.secret);
	});

	it('probe: a GET of an impossible transaction; 404 proves the keys without a payment', async () => {
		const srv = await serve(cyberSourceLike());
		const report = await runKeyTest(keyTest(srv.baseUrl, 'both', 'probe'), deps());
		expect(report.ok).toBe(true);
		expect(srv.received.map((request) => `${request.method} ${request.url}`)).toEqual([
			'GET /tss/v2/transactions/0000000000000000000000',
			'GET /tss/v2/transactions/0000000000000000000000',
		]);
		expect(report.attempts.map((attempt) => attempt.code)).toEqual(['PROBE_OK', 'PROBE_OK']);
		expect(report.attempts[0]?.message).toContain('no payment was sent');
	});

	it('wrong secret: 401 for both methods, one diagnosis item, never the secret', async () => {
		const srv = await serve(cyberSourceLike());
		const report = await runKeyTest(keyTest(srv.baseUrl, 'both', 'probe', {...testrest, secret: wrongSecret}), deps());
		expect(report.ok).toBe(false);
		expect(report.attempts.map((attempt) => [attempt.code, attempt.outcome])).toEqual([
			['AUTHENTICATION_FAILED', 'rejected'],
			['AUTHENTICATION_FAILED', 'rejected'],
		]);
		expect(report.attempts[0]?.cybersourceMessage).toBe('Authentication Failed');
		expect(report.diagnosis).toHaveLength(1);
		expect(report.diagnosis[0]?.code).toBe('AUTHENTICATION_FAILED');
		expect(JSON.stringify(report)).not.toContain(wrongSecret);
	});

	it('a declined test payment: the keys work, the report is not ok, and says why', async () => {
		const srv = await serve(
			cyberSourceLike(() => ({
				id: '6750124114786780104954',
				status: 'DECLINED',
				errorInformation: {reason: 'PROCESSOR_DECLINED', message: 'Decline - General decline of the card.'},
			})),
		);
		const report = await runKeyTest(keyTest(srv.baseUrl, 'http-signature', 'payment'), deps());
		expect(report.ok).toBe(false);
		expect(report.attempts[0]).toMatchObject({code: 'PAYMENT_DECLINED', outcome: 'authenticated', requestId: '6750124114786780104954'});
		expect(report.diagnosis).toEqual([
			{code: 'PAYMENT_DECLINED', message: 'The keys work; the payment was declined: PROCESSOR_DECLINED: Decline - General decline of the card.'},
		]);
	});

	it('an HTML answer from a proxy -> NOT_CYBERSOURCE', async () => {
		const srv = await serve((_request, response) => {
			response.writeHead(200, {'content-type': 'text/html'});
			response.end('<html><body>Please log in to the guest Wi-Fi</body></html>');
		});
		const report = await runKeyTest(keyTest(srv.baseUrl, 'jwt', 'probe'), deps());
		expect(report.attempts[0]).toMatchObject({code: 'NOT_CYBERSOURCE', outcome: 'no-verdict', httpStatus: 200});
		expect(report.attempts[0]?.rawText).toContain('guest Wi-Fi');
	});

	it('cancellation stops the run and surfaces CANCELLED', async () => {
		const controller = new AbortController();
		const srv = await serve(() => {
			// Never answers: the test cancels once the request has arrived.
		});
		const pending = runKeyTest(keyTest(srv.baseUrl, 'both', 'payment'), deps({signal: controller.signal}));
		await srv.nextRequest();
		controller.abort();
		const report = await pending;
		expect(report.ok).toBe(false);
		expect(report.attempts.map((attempt) => attempt.code)).toEqual(['CANCELLED']);
		expect(report.attempts[0]?.message).toContain('Transaction Management > Transactions');
		expect(srv.received).toHaveLength(1);
	});

	it('a secret jose cannot use for JWT -> SIGNING_FAILED, nothing sent', async () => {
		const srv = await serve(cyberSourceLike());
		const report = await runKeyTest(keyTest(srv.baseUrl, 'jwt', 'probe', {...testrest, secret: ''}), deps());
		expect(report.attempts[0]).toMatchObject({code: 'SIGNING_FAILED', outcome: 'no-verdict'});
		expect(srv.received).toHaveLength(0);
	});

	it('makes and closes its own dispatcher when none is given', async () => {
		const srv = await serve(cyberSourceLike());
		const report = await runKeyTest(keyTest(srv.baseUrl, 'http-signature', 'probe'), {env: {}, timeouts: {connectMs: 2000}});
		expect(report.attempts[0]?.code).toBe('PROBE_OK');
	});

	it('connection refused -> CONNECTION_REFUSED, no verdict', async () => {
		const srv = await serve(() => {});
		const {baseUrl} = srv;
		await srv.close();
		server = undefined;
		const report = await runKeyTest(keyTest(baseUrl, 'http-signature', 'payment'), deps());
		expect(report.attempts[0]).toMatchObject({code: 'CONNECTION_REFUSED', outcome: 'no-verdict', nodeCode: 'ECONNREFUSED'});
	});
});

describe('counterpartFor', () => {
	it('only the counterpart the caller gives: the engine never guesses a real host for the environment-swap probe', () => {
		const request: KeyTestRequest = {environment: environment('test'), credentials: testrest, auth: 'jwt', mode: 'probe'};
		expect(counterpartFor(request)).toBeUndefined();
		const production = withBaseUrl(environment('production'), new URL('http://127.0.0.1:4001'));
		expect(counterpartFor({...request, counterpartEnvironment: production})).toBe(production);
	});
});

describe('runKeyTest against the project\'s simulator', () => {
	it('the published sample credentials (testrest) work with both auth methods: 201 AUTHORIZED', async () => {
		const explained: string[] = [];
		const simulator = await startSimulator({env: 'test', explain: (line) => explained.push(line)});
		try {
			const report = await runKeyTest(
				{environment: withBaseUrl(environment('test'), new URL(simulator.url)), credentials: testrest, auth: 'both', mode: 'payment'},
				{env: {}},
			);
			expect(report.attempts.map((attempt) => [attempt.auth, attempt.httpStatus, attempt.code, attempt.outcome])).toEqual([
				['http-signature', 201, 'OK', 'works'],
				['jwt', 201, 'OK', 'works'],
			]);
			expect(report.ok).toBe(true);
			expect(report.attempts.every((attempt) => attempt.correlationId !== undefined && attempt.requestId !== undefined)).toBe(true);
			expect(simulator.transactions().filter((transaction) => transaction.kind === 'payment')).toHaveLength(2);
		} finally {
			await simulator.close();
		}
	});

	it('the no-charge probe against the simulator: 404 for both methods', async () => {
		const simulator = await startSimulator({env: 'test'});
		try {
			const report = await runKeyTest(
				{environment: withBaseUrl(environment('test'), new URL(simulator.url)), credentials: testrest, auth: 'both', mode: 'probe'},
				{env: {}},
			);
			expect(report.attempts.map((attempt) => [attempt.httpStatus, attempt.code])).toEqual([
				[404, 'PROBE_OK'],
				[404, 'PROBE_OK'],
			]);
			expect(simulator.transactions()).toHaveLength(0);
		} finally {
			await simulator.close();
		}
	});

	it.each([
		[{status502: true}, 'SERVER_ERROR'],
		[{html: true}, 'NOT_CYBERSOURCE'],
		[{reset: true}, 'CONNECTION_RESET'],
	] as const)('simulator fault %j -> %s', async (faults, code) => {
		const simulator = await startSimulator({env: 'test', faults});
		try {
			const report = await runKeyTest(
				{environment: withBaseUrl(environment('test'), new URL(simulator.url)), credentials: testrest, auth: 'http-signature', mode: 'payment'},
				{env: {}},
			);
			expect(report.attempts.map((attempt) => [attempt.code, attempt.outcome])).toEqual([[code, 'no-verdict']]);
		} finally {
			await simulator.close();
		}
	});

	it('a wrong secret against the simulator -> AUTHENTICATION_FAILED for both methods', async () => {
		const simulator = await startSimulator({env: 'test'});
		try {
			const report = await runKeyTest(
				{
					environment: withBaseUrl(environment('test'), new URL(simulator.url)),
					credentials: {...testrest, secret: wrongSecret},
					auth: 'both',
					mode: 'probe',
				},
				{env: {}},
			);
			expect(report.attempts.map((attempt) => [attempt.httpStatus, attempt.code])).toEqual([
				[401, 'AUTHENTICATION_FAILED'],
				[401, 'AUTHENTICATION_FAILED'],
			]);
		} finally {
			await simulator.close();
		}
	});
});
