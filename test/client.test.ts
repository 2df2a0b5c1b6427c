import {createHash, createHmac} from 'node:crypto';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {jwtVerify} from 'jose';
import {Agent} from 'undici';
import {afterEach, describe, expect, it} from 'vitest';
import {createCyberSourceClient, type ClientResult, type CyberSourceClientOptions, type HttpExchange} from '../source/cybersource/client.js';
import {environment, withBaseUrl} from '../source/cybersource/environments.js';
import {samplePayment, reversalBody} from '../source/cybersource/sample-payment.js';
import type {Credentials} from '../source/cybersource/types.js';
import {sendJson, startRecordingServer, type RecordingHandler, type RecordingServer} from './helpers/recording-server.js';

// Published sandbox sample credentials (PROTOCOL §5.2): public test values.
const testrest: Credentials = {
	orgId: 'testrest',
	keyId: '08c94330-f618-42a3-b09d-e1e43be5efda',
	secret: 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=',
};
const fixedNow = Date.UTC(2026, 0, 5, 9, 7, 3, 250);
const payment = samplePayment({code: 'cybs-key-wizard-20260105090703-abc123'});
const created = {
	id: '7676767676767676767676',
	status: 'AUTHORIZED',
	submitTimeUtc: '2026-01-05T09:07:03Z',
	_links: {authReversal: {method: 'POST', href: '/pts/v2/payments/7676767676767676767676/reversals'}},
};

let server: RecordingServer | undefined;
const dispatchers: Agent[] = [];

afterEach(async () => {
	await server?.close();
	server = undefined;
	await Promise.all(dispatchers.splice(0).map(async (agent) => agent.destroy()));
});

async function serve(handler: RecordingHandler): Promise<RecordingServer> {
	server = await startRecordingServer(handler);
	return server;
}

function clientFor(base: string, overrides: Partial<CyberSourceClientOptions> = {}) {
	const dispatcher = new Agent({connect: {timeout: 2000}});
	dispatchers.push(dispatcher);
	return createCyberSourceClient({
		environment: withBaseUrl(environment('test'), new URL(base)),
		credentials: testrest,
		auth: 'http-signature',
		dispatcher,
		env: {},
		now: () => fixedNow,
		uuid: () => '5f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
		...overrides,
	});
}

function header(received: {headers: Record<string, string | string[] | undefined>}, name: string): string {
	const value = received.headers[name];
	if (typeof value !== 'string') throw new Error(`header ${name} missing or repeated`);
	return value;
}

function signatureParameters(value: string): Record<string, string> {
	return Object.fromEntries([...value.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1] ?? '', match[2] ?? '']));
}

function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('base64');
}

function expectNetworkError(result: ClientResult) {
	if (result.networkError === undefined) throw new Error(`expected a network error, got HTTP ${String(result.httpStatus)}`);
	return result.networkError;
}

describe('HTTP Signature on the wire', () => {
	it('sends exactly the bytes it digested and signed', async () => {
		const srv = await serve((_request, response) => {
			sendJson(response, 201, created);
		});
		const result = await clientFor(srv.baseUrl).createPayment(payment);
		expect(srv.received).toHaveLength(1);
		const [received] = srv.received;
		if (received === undefined) throw new Error('no request');

		// Body: compact JSON of the sample, serialised once.
		expect(received.body.toString('utf8')).toBe(JSON.stringify(payment));
		const digest = `SHA-256=${sha256(received.body)}`;
		expect(header(received, 'digest')).toBe(digest);
		expect(result.signed.signingString.split('\n')).toContain(`digest: ${digest}`);

		// Host = base URL host with port; one Date in header and signing string.
		expect(header(received, 'host')).toBe(`127.0.0.1:${srv.port}`);
		expect(header(received, 'date')).toBe('Mon, 05 Jan 2026 09:07:03 GMT');
		expect(header(received, 'v-c-merchant-id')).toBe('testrest');
		expect(header(received, 'content-type')).toBe('application/json');
		expect(header(received, 'accept')).toBe('application/hal+json');
		expect(received.method).toBe('POST');
		expect(received.url).toBe('/pts/v2/payments');

		// Recompute the signature from what the server received.
		const signingString = [
			`host: ${header(received, 'host')}`,
			`date: ${header(received, 'date')}`,
			`request-target: post ${received.url}`,
			`digest: ${digest}`,
			`v-c-merchant-id: ${header(received, 'v-c-merchant-id')}`,
		].join('\n');
		expect(result.signed.signingString).toBe(signingString);
		const parameters = signatureParameters(header(received, 'signature'));
		expect(parameters).toEqual({
			keyid: testrest.keyId,
			algorithm: 'HmacSHA256',
			headers: 'host date request-target digest v-c-merchant-id',
			signature: createHmac('sha256', Buffer.from(testrest.secret, 'base64')).update(signingString).digest('base64'),
		});
		expect(result.signed.headerList).toBe('host date request-target digest v-c-merchant-id');

		// The result: validated response and support data, never the signature itself.
		expect(result.httpStatus).toBe(201);
		expect(result.correlationId).toBe('c0ffee00-1111-4222-8333-444455556666');
		expect(result.response?.kind).toBe('payment');
		expect(JSON.stringify(result)).not.toContain(parameters['signature']);
		expect(JSON.stringify(result)).not.toContain(testrest.secret);
	});

	it('meta key: header carries the transacting MID, the signed line the portfolio', async () => {
		const srv = await serve((_request, response) => {
			sendJson(response, 201, created);
		});
		const result = await clientFor(srv.baseUrl, {credentials: {...testrest, portfolioId: 'acme_portfolio'}}).createPayment(payment);
		const [received] = srv.received;
		if (received === undefined) throw new Error('no request');
		expect(header(received, 'v-c-merchant-id')).toBe('testrest');
		const lines = result.signed.signingString.split('\n');
		expect(lines.at(-1)).toBe('v-c-merchant-id: acme_portfolio');
		const expected = createHmac('sha256', Buffer.from(testrest.secret, 'base64'))
			.update(result.signed.signingString)
			.digest('base64');
		expect(signatureParameters(header(received, 'signature'))['signature']).toBe(expected);
	});

	it('GET of a transaction: no digest, TSS accept header, path signed', async () => {
		const srv = await serve((_request, response) => {
			sendJson(response, 404, {message: 'The requested resource does not exist'});
		});
		const result = await clientFor(srv.baseUrl).getTransaction('0000000000000000000000');
		const [received] = srv.received;
		if (received === undefined) throw new Error('no request');
		expect(received.method).toBe('GET');
		expect(received.url).toBe('/tss/v2/transactions/0000000000000000000000');
		expect(received.headers['digest']).toBeUndefined();
		expect(received.headers['content-type']).toBeUndefined();
		expect(received.body).toHaveLength(0);
		expect(header(received, 'accept')).toBe('application/hal+json;charset=utf-8');
		expect(result.signed.headerList).toBe('host date request-target v-c-merchant-id');
		expect(result.signed.signingString).toContain('request-target: get /tss/v2/transactions/0000000000000000000000');
		expect(result.response?.kind).toBe('error');
		expect(result.httpStatus).toBe(404);
	});

	it('reversal: posts the reversal body to the payment\'s reversals path', async () => {
		const srv = await serve((_request, response) => {
			sendJson(response, 201, {id: '7676767676767676767699', status: 'REVERSED'});
		});
		const body = reversalBody({code: 'cybs-key-wizard-20260105090703-abc123', amount: '102.21'});
		const result = await clientFor(srv.baseUrl).reversePayment('7676767676767676767676', body);
		const [received] = srv.received;
		if (received === undefined) throw new Error('no request');
		expect(received.url).toBe('/pts/v2/payments/7676767676767676767676/reversals');
		expect(received.body.toString('utf8')).toBe(JSON.stringify(body));
		expect(header(received, 'digest')).toBe(`SHA-256=${sha256(received.body)}`);
		expect(result.response?.kind).toBe('reversal');
	});
});

describe('JWT on the wire', () => {
	it('sends a Bearer token whose claims match the received request', async () => {
		const srv = await serve((_request, response) => {
			sendJson(response, 201, created);
		});
		const result = await clientFor(srv.baseUrl, {auth: 'jwt'}).createPayment(payment);
		const [received] = srv.received;
		if (received === undefined) throw new Error('no request');
		const authorization = header(received, 'authorization');
		expect(authorization.startsWith('Bearer ')).toBe(true);
		const token = authorization.slice('Bearer '.length);
		const {payload, protectedHeader} = await jwtVerify(token, Buffer.from(testrest.secret, 'base64'), {
			algorithms: ['HS256'],
			currentDate: new Date(fixedNow),
		});
		expect(protectedHeader).toEqual({typ: 'JWT', alg: 'HS256', kid: testrest.keyId});
		expect(payload).toMatchObject({
			digest: sha256(received.body),
			'digest-algorithm': 'SHA-256',
			iat: Math.floor(fixedNow / 1000),
			exp: Math.floor(fixedNow / 1000) + 120,
			'request-host': header(received, 'host'),
			'request-resource-path': received.url,
			'request-method': received.method.toLowerCase(),
			iss: 'testrest',
			jti: '5f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b',
			'v-c-jwt-version': '2',
			'v-c-merchant-id': 'testrest',
		});
		for (const name of ['signature', 'digest', 'date']) expect(received.headers[name]).toBeUndefined();
		expect(header(received, 'content-type')).toBe('application/json');
		// Support data: header and claims JSON, never the token.
		expect(result.signed.headerList).toBe('authorization');
		expect(result.signed.signingString.split('\n').map((line) => JSON.parse(line))).toEqual([protectedHeader, payload]);
		expect(JSON.stringify(result)).not.toContain(token);
	});

	it('meta key: iss is the portfolio, v-c-merchant-id the transacting MID', async () => {
		const srv = await serve((_request, response) => {
			sendJson(response, 201, created);
		});
		await clientFor(srv.baseUrl, {auth: 'jwt', credentials: {...testrest, portfolioId: 'acme_portfolio'}}).createPayment(payment);
		const [received] = srv.received;
		if (received === undefined) throw new Error('no request');
		const {payload} = await jwtVerify(header(received, 'authorization').slice(7), Buffer.from(testrest.secret, 'base64'), {
			currentDate: new Date(fixedNow),
		});
		expect(payload.iss).toBe('acme_portfolio');
		expect(payload['v-c-merchant-id']).toBe('testrest');
	});
});

describe('responses as received', () => {
	it('401 with rmsg as a string', async () => {
		const srv = await serve((_request, response) => {
			sendJson(response, 401, {response: {rmsg: 'Authentication Failed'}});
		});
		const result = await clientFor(srv.baseUrl).createPayment(payment);
		expect(result.httpStatus).toBe(401);
		expect(result.response?.kind === 'error' ? result.response.error.rmsg : undefined).toBe('Authentication Failed');
	});

	it('401 with rmsg as an object', async () => {
		const srv = await serve((_request, response) => {
			sendJson(response, 401, {response: {rmsg: {error: 'ACCESS_TOKEN_EXPIRED', message: 'expired'}}});
		});
		const result = await clientFor(srv.baseUrl).createPayment(payment);
		expect(result.response?.kind === 'error' ? result.response.error.rmsg : undefined).toEqual({
			error: 'ACCESS_TOKEN_EXPIRED',
			message: 'expired',
		});
	});

	it('an HTML page from a proxy is flagged as not JSON, without correlation ID', async () => {
		const html = '<html><body><h1>Access Denied</h1></body></html>';
		const srv = await serve((_request, response) => {
			response.writeHead(403, {'content-type': 'text/html'});
			response.end(html);
		});
		const result = await clientFor(srv.baseUrl).createPayment(payment);
		expect(result.correlationId).toBeUndefined();
		expect(result.response).toMatchObject({kind: 'not-json', httpStatus: 403, rawText: html, contentType: 'text/html'});
	});

	it('reports the full exchange to onExchange', async () => {
		const exchanges: HttpExchange[] = [];
		const srv = await serve((_request, response) => {
			sendJson(response, 201, created);
		});
		await clientFor(srv.baseUrl, {onExchange: (exchange) => exchanges.push(exchange)}).createPayment(payment);
		expect(exchanges).toHaveLength(1);
		expect(exchanges[0]?.request.body).toBe(JSON.stringify(payment));
		expect(exchanges[0]?.request.headers['signature']).toMatch(/^keyid="/);
		expect(exchanges[0]?.response?.status).toBe(201);
		expect(exchanges[0]?.response?.body).toBe(JSON.stringify(created));
	});
});

async function listen(proxy: Server): Promise<string> {
	await new Promise<void>((resolve) => {
		proxy.listen(0, '127.0.0.1', resolve);
	});
	const address = proxy.address();
	if (address === null || typeof address === 'string') throw new Error('no address');
	const {port} = address satisfies AddressInfo;
	return `http://127.0.0.1:${port}`;
}

async function closeServer(proxy: Server): Promise<void> {
	proxy.closeAllConnections();
	await new Promise<void>((resolve) => {
		proxy.close(() => {
			resolve();
		});
	});
}

describe('proxies from the environment', () => {
	it('http_proxy (lower case) is used for a plain-http base URL; NO_PROXY bypasses it', async () => {
		const api = await serve((_request, response) => {
			sendJson(response, 404, {message: 'The requested resource does not exist'});
		});
		const connects: string[] = [];
		const proxy = createServer();
		proxy.on('connect', (request, socket) => {
			connects.push(request.url ?? '');
			socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
		});
		const proxyUrl = await listen(proxy);
		try {
			const run = async (env: Record<string, string>) => {
				const client = createCyberSourceClient({
					environment: withBaseUrl(environment('test'), new URL(api.baseUrl)),
					credentials: testrest,
					auth: 'http-signature',
					env,
				});
				const result = await client.getTransaction('1');
				await client.close();
				return result;
			};

			const proxied = await run({http_proxy: proxyUrl});
			expect(expectNetworkError(proxied).code).toBe('PROXY_AUTH_REQUIRED');
			expect(connects).toEqual([`127.0.0.1:${api.port}`]);
			expect(api.received).toHaveLength(0);

			const direct = await run({http_proxy: proxyUrl, NO_PROXY: '127.0.0.1'});
			expect(direct.httpStatus).toBe(404);
			expect(api.received).toHaveLength(1);
			expect(connects).toHaveLength(1);
		} finally {
			await closeServer(proxy);
		}
	});

	it('a proxy answering 407 to CONNECT -> PROXY_AUTH_REQUIRED', async () => {
		const connects: string[] = [];
		const proxy = createServer();
		proxy.on('connect', (request, socket) => {
			connects.push(request.url ?? '');
			socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
		});
		const proxyUrl = await listen(proxy);
		try {
			const client = createCyberSourceClient({
				environment: environment('test'),
				credentials: testrest,
				auth: 'http-signature',
				env: {HTTPS_PROXY: proxyUrl},
			});
			const result = await client.createPayment(payment);
			await client.close();
			const error = expectNetworkError(result);
			expect(error.code).toBe('PROXY_AUTH_REQUIRED');
			expect(error.message).toContain(proxyUrl);
			expect(connects).toEqual(['apitest.cybersource.com:443']);
		} finally {
			await closeServer(proxy);
		}
	});

	it('a proxy refusing the tunnel with another status -> PROXY_ERROR', async () => {
		const proxy = createServer();
		proxy.on('connect', (_request, socket) => {
			socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
		});
		const proxyUrl = await listen(proxy);
		try {
			const client = createCyberSourceClient({
				environment: environment('test'),
				credentials: testrest,
				auth: 'jwt',
				env: {https_proxy: proxyUrl},
			});
			const result = await client.getTransaction('1');
			await client.close();
			expect(expectNetworkError(result).code).toBe('PROXY_ERROR');
		} finally {
			await closeServer(proxy);
		}
	});
});

describe('network failures', () => {
	it('a payment POST that times out is not retried', async () => {
		const srv = await serve(() => {
			// Never answers.
		});
		const result = await clientFor(srv.baseUrl, {timeouts: {headersMs: 200}}).createPayment(payment);
		const error = expectNetworkError(result);
		expect(error).toMatchObject({code: 'TIMEOUT', phase: 'headers', mayHaveBeenProcessed: true});
		expect(error.message).toContain('Business Center');
		expect(error.message).toContain('Transaction Management > Transactions');
		expect(srv.received).toHaveLength(1);
	});

	it('a body that stops arriving is a body-phase timeout', async () => {
		const srv = await serve((_request, response) => {
			response.writeHead(201, {'content-type': 'application/hal+json', 'content-length': '500'});
			response.write('{"id":');
		});
		const result = await clientFor(srv.baseUrl, {timeouts: {bodyMs: 200}}).getTransaction('1');
		expect(expectNetworkError(result)).toMatchObject({code: 'TIMEOUT', phase: 'body', mayHaveBeenProcessed: false});
	});

	it('connection refused', async () => {
		const srv = await serve(() => {});
		const {baseUrl} = srv;
		await srv.close();
		server = undefined;
		const result = await clientFor(baseUrl).getTransaction('1');
		const error = expectNetworkError(result);
		expect(error.code).toBe('CONNECTION_REFUSED');
		expect(error.nodeCode).toBe('ECONNREFUSED');
	});

	it('connection closed mid-response is a reset, and a payment may have gone through', async () => {
		const srv = await serve((_request, response) => {
			response.socket?.destroy();
		});
		const result = await clientFor(srv.baseUrl).createPayment(payment);
		const error = expectNetworkError(result);
		expect(error.code).toBe('CONNECTION_RESET');
		expect(error.mayHaveBeenProcessed).toBe(true);
		expect(srv.received).toHaveLength(1);
	});

	it('abort -> CANCELLED', async () => {
		const srv = await serve(() => {
			// Never answers; the test aborts once the request has arrived.
		});
		const controller = new AbortController();
		const pending = clientFor(srv.baseUrl).getTransaction('1', {signal: controller.signal});
		await srv.nextRequest();
		controller.abort();
		const error = expectNetworkError(await pending);
		expect(error.code).toBe('CANCELLED');
	});

	it('the default dispatcher is created lazily and closed by close()', async () => {
		const srv = await serve((_request, response) => {
			sendJson(response, 404, {message: 'The requested resource does not exist'});
		});
		const client = createCyberSourceClient({
			environment: withBaseUrl(environment('test'), new URL(srv.baseUrl)),
			credentials: testrest,
			auth: 'jwt',
			env: {HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1'},
		});
		const result = await client.getTransaction('1');
		expect(result.httpStatus).toBe(404);
		await client.close();
	});
});
