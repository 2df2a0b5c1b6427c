// Every non-401 failure row of issue 6 gets its own diagnosis item with a stable code and next steps
// (diagnose: true), against the simulator, local servers and injected dispatchers.
import {readFileSync} from 'node:fs';
import {createServer as createHttpServer, type Server} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import {Agent} from 'undici';
import {afterEach, describe, expect, it} from 'vitest';
import {runKeyTest} from '../source/cybersource/key-test.js';
import type {KeyTestReport, KeyTestRequest} from '../source/cybersource/key-test-types.js';
import {readPresentedCertificate} from '../source/cybersource/tls-issuer.js';
import {startSimulator, type Simulator} from '../source/simulator/index.js';
import {credentialsOf, testEnvironment} from './helpers/diagnosis-helpers.js';
import {sendJson, startRecordingServer, type RecordingHandler} from './helpers/recording-server.js';

const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
	await Promise.all(closers.splice(0).map(async (close) => close()));
});

async function simulator(faults: Parameters<typeof startSimulator>[0] = {}): Promise<Simulator> {
	const sim = await startSimulator({env: 'test', ...faults});
	closers.push(async () => sim.close());
	return sim;
}

async function recording(handler: RecordingHandler) {
	const server = await startRecordingServer(handler);
	closers.push(async () => server.close());
	return server;
}

async function listen(server: Server): Promise<number> {
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	closers.push(
		async () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	);
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
	return address.port;
}

const credentials = {orgId: 'fail_merchant', keyId: '08c94330-f618-42a3-b09d-e1e43be5efda', secret: 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE='};

function request(baseUrl: string, overrides: Partial<KeyTestRequest> = {}): KeyTestRequest {
	return {environment: testEnvironment({url: baseUrl}), credentials, auth: 'jwt', mode: 'payment', diagnose: true, ...overrides};
}

function failure(report: KeyTestReport, code: string) {
	const item = report.diagnosis.find((entry) => entry.code === code);
	if (item === undefined) throw new Error(`no ${code} in ${JSON.stringify(report.diagnosis)}`);
	return {...item, text: [item.message, ...(item.steps ?? [])].join('\n')};
}

describe('other failures: a dedicated item each', () => {
	it('DNS failure (the resolver answers ENOTFOUND)', async () => {
		const dispatcher = new Agent({
			connect(_options, callback) {
				callback(Object.assign(new Error('getaddrinfo ENOTFOUND apitest.cybersource.com'), {code: 'ENOTFOUND'}), null);
			},
		});
		closers.push(async () => dispatcher.close());
		const report = await runKeyTest(request('https://apitest.cybersource.com'), {env: {}, dispatcher});
		const item = failure(report, 'DNS_FAILURE');
		expect(item).toMatchObject({kind: 'failure', severity: 'error'});
		expect(item.text).toContain('Cannot resolve apitest.cybersource.com');
		expect(item.text).toContain('nslookup apitest.cybersource.com');
		expect(item.text).toContain('HTTPS_PROXY');
	});

	it('connection refused', async () => {
		const closed = createHttpServer();
		const port = await listen(closed);
		await new Promise<void>((resolve) => {
			closed.close(() => resolve());
		});
		const report = await runKeyTest(request(`http://127.0.0.1:${port}`), {env: {}});
		expect(failure(report, 'CONNECTION_REFUSED').text).toContain('*.cybersource.com');
	});

	it('timeout of the no-charge probe (nothing to look up)', async () => {
		const sim = await simulator({faults: {hang: true}});
		const report = await runKeyTest(request(sim.url, {mode: 'probe'}), {env: {}, timeouts: {headersMs: 200}});
		const item = failure(report, 'TIMEOUT');
		expect(item.text).toContain('did not answer in time');
		expect(report.paymentMayHaveGoneThrough).toBeUndefined();
	});

	it('TLS: names the presented certificate\'s issuer and suggests NODE_EXTRA_CA_CERTS', async () => {
		const server = createHttpsServer({
			cert: readFileSync(new URL('fixtures/tls/inspection-cert.pem', import.meta.url)),
			key: readFileSync(new URL('fixtures/tls/inspection-key.pem', import.meta.url)),
		});
		server.on('request', (_request, response) => {
			response.end('should never be reached');
		});
		const port = await listen(server);
		const report = await runKeyTest(request(`https://127.0.0.1:${port}`), {env: {}});
		expect(report.attempts[0]?.code).toBe('TLS_ERROR');
		const item = failure(report, 'TLS_ERROR');
		expect(item.message).toContain('issued by CN=Example Inspection Root, O=Example Corp');
		expect(item.message).toContain('self-signed');
		expect(item.text).toContain('NODE_EXTRA_CA_CERTS=');
		expect(item.text).toContain('Never turn certificate verification off');
	});

	it('TLS through a proxy: the certificate is not read directly, and the item says so', async () => {
		const report = await runKeyTest(request('https://apitest.cybersource.com'), {
			env: {HTTPS_PROXY: 'http://127.0.0.1:9'},
			dispatcher: new Agent({
				connect(_options, callback) {
					callback(Object.assign(new Error('self-signed certificate in certificate chain'), {code: 'SELF_SIGNED_CERT_IN_CHAIN'}), null);
				},
			}),
			async readCertificate() {
				throw new Error('must not be called through a proxy');
			},
		});
		expect(failure(report, 'TLS_ERROR').message).toContain('the request went through a proxy, so the certificate was not read directly');
	});

	it('proxy 407', async () => {
		const sim = await simulator();
		const proxy = createHttpServer();
		proxy.on('connect', (_request, socket) => {
			socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
		});
		const port = await listen(proxy);
		const report = await runKeyTest(request(sim.url), {env: {http_proxy: `http://127.0.0.1:${port}`}});
		expect(failure(report, 'PROXY_AUTH_REQUIRED').text).toContain('HTTPS_PROXY=http://user:password@proxy-host:port');
	});

	it('an HTML answer without correlation id: something between you and CyberSource answered', async () => {
		const sim = await simulator({faults: {html: true}});
		const report = await runKeyTest(request(sim.url), {env: {}});
		const item = failure(report, 'NOT_CYBERSOURCE');
		expect(item.text).toContain('did not come from CyberSource');
		expect(item.text).toContain('Something between you and CyberSource answered');
	});

	it('400 names the field', async () => {
		const sim = await simulator();
		const key = sim.generateKey({orgId: 'field_merchant'});
		const report = await runKeyTest(
			request(sim.url, {credentials: credentialsOf(key), card: {number: '4111', expirationMonth: '12', expirationYear: '2031'}}),
			{env: {}},
		);
		const item = failure(report, 'INVALID_REQUEST');
		expect(item.message).toContain('paymentInformation.card.number');
		expect(item.severity).toBe('warning');
	});

	it.each([
		[403, {errors: [{type: 'forbidden', message: 'Not enabled for this merchant'}]}, 'FORBIDDEN', 'not enabled for the API'],
		[404, {submitTimeUtc: '2026-01-05T09:00:00Z', status: '404', errorInformation: {reason: 'NOT_FOUND ', message: 'The requested resource does not exist.'}}, 'NOT_FOUND', 'Check the base URL'],
	] as const)('HTTP %i -> %s', async (status, body, code, step) => {
		const server = await recording((_received, response) => {
			sendJson(response, status, body);
		});
		const report = await runKeyTest(request(server.baseUrl), {env: {}});
		expect(failure(report, code).text).toContain(step);
	});

	it('502 from CyberSource: for a payment, look it up before retrying', async () => {
		const sim = await simulator({faults: {status502: true}});
		const report = await runKeyTest(request(sim.url), {env: {}});
		const item = failure(report, 'SERVER_ERROR');
		expect(item.text).toContain('Transaction Management › Transactions');
		expect(item.text).toMatch(/Keep the correlation ID \S+ for support/);
	});

	it('a 201 decline: the keys work; declined, and why', async () => {
		const sim = await simulator();
		const key = sim.generateKey({orgId: 'decline_merchant'});
		const report = await runKeyTest(
			request(sim.url, {credentials: credentialsOf(key), card: {number: '42423482938483873', expirationMonth: '12', expirationYear: '2031'}}),
			{env: {}},
		);
		const item = failure(report, 'PAYMENT_DECLINED');
		expect(item.message).toContain('The keys work; the payment was declined: INVALID_ACCOUNT');
		expect(item.text).toContain('Your keys work: CyberSource authenticated the request and answered 201.');
		expect(report.probes).toBeUndefined();
	});

	it('HTTP Signature\'s retirement is mentioned whenever it was used, also on success', async () => {
		const sim = await simulator();
		const key = sim.generateKey({orgId: 'retire_merchant'});
		const report = await runKeyTest(request(sim.url, {credentials: credentialsOf(key), auth: 'both'}), {env: {}});
		expect(report.ok).toBe(true);
		expect(report.diagnosis.map((item) => [item.code, item.kind])).toEqual([['HTTP_SIGNATURE_RETIRING', 'info']]);
	});
});

describe('readPresentedCertificate', () => {
	it('reads the issuer without sending anything', async () => {
		let requests = 0;
		const server = createHttpsServer({
			cert: readFileSync(new URL('fixtures/tls/inspection-cert.pem', import.meta.url)),
			key: readFileSync(new URL('fixtures/tls/inspection-key.pem', import.meta.url)),
		});
		server.on('request', (_request, response) => {
			requests += 1;
			response.end();
		});
		const port = await listen(server);
		const certificate = await readPresentedCertificate({host: '127.0.0.1', port});
		expect(certificate).toEqual({
			issuer: 'CN=Example Inspection Root, O=Example Corp',
			subject: 'CN=Example Inspection Root, O=Example Corp',
			validTo: expect.stringContaining('2126'),
			selfSigned: true,
		});
		expect(requests).toBe(0);
	});

	it('undefined when nothing answers', async () => {
		const closed = createHttpServer();
		const port = await listen(closed);
		await new Promise<void>((resolve) => {
			closed.close(() => resolve());
		});
		expect(await readPresentedCertificate({host: '127.0.0.1', port}, {timeoutMs: 2000})).toBeUndefined();
	});
});
