import {errors} from 'undici';
import {describe, expect, it} from 'vitest';
import {classifyNetworkError, type NetworkErrorContext} from '../source/cybersource/network-error.js';

const payment: NetworkErrorContext = {
	host: 'apitest.cybersource.com',
	isPayment: true,
	businessCenterUrl: 'https://businesscentertest.cybersource.com',
};
const probe: NetworkErrorContext = {...payment, isPayment: false};

function nodeError(code: string, message = `${code} happened`): Error {
	return Object.assign(new Error(message), {code});
}

describe('classifyNetworkError', () => {
	it.each(['ENOTFOUND', 'EAI_AGAIN'])('%s -> DNS_FAILURE naming the host', (code) => {
		const error = classifyNetworkError(nodeError(code, `getaddrinfo ${code} apitest.cybersource.com`), probe);
		expect(error).toMatchObject({code: 'DNS_FAILURE', nodeCode: code, mayHaveBeenProcessed: false});
		expect(error.message).toContain('apitest.cybersource.com');
		expect(error.message).toContain('HTTPS_PROXY');
	});

	it('ECONNREFUSED -> CONNECTION_REFUSED', () => {
		expect(classifyNetworkError(nodeError('ECONNREFUSED'), probe).code).toBe('CONNECTION_REFUSED');
	});

	it('ECONNREFUSED inside an AggregateError (happy eyeballs) -> CONNECTION_REFUSED', () => {
		const aggregate = new AggregateError([nodeError('ECONNREFUSED'), nodeError('ECONNREFUSED')], 'connect failed');
		expect(classifyNetworkError(aggregate, probe).code).toBe('CONNECTION_REFUSED');
	});

	it('ENETUNREACH -> NETWORK_UNREACHABLE', () => {
		expect(classifyNetworkError(nodeError('ENETUNREACH'), probe).code).toBe('NETWORK_UNREACHABLE');
	});

	it.each(['ECONNRESET', 'UND_ERR_SOCKET'])('%s on a payment -> CONNECTION_RESET, may have gone through', (code) => {
		const error = classifyNetworkError(nodeError(code), payment);
		expect(error).toMatchObject({code: 'CONNECTION_RESET', mayHaveBeenProcessed: true});
		expect(error.message).toContain('Business Center (https://businesscentertest.cybersource.com) > Transaction Management > Transactions');
	});

	it('undici SocketError (closed mid-response) -> CONNECTION_RESET', () => {
		expect(classifyNetworkError(new errors.SocketError('other side closed'), probe).code).toBe('CONNECTION_RESET');
	});

	it.each([
		[new errors.ConnectTimeoutError(), 'connect', false],
		[new errors.HeadersTimeoutError(), 'headers', true],
		[new errors.BodyTimeoutError(), 'body', true],
	] as const)('%s -> TIMEOUT with its phase', (error, phase, processed) => {
		const classified = classifyNetworkError(error, payment);
		expect(classified).toMatchObject({code: 'TIMEOUT', phase, mayHaveBeenProcessed: processed});
		if (processed) expect(classified.message).toContain('may have gone through');
		else expect(classified.message).not.toContain('may have gone through');
	});

	it('a headers timeout on a GET does not talk about payments', () => {
		expect(classifyNetworkError(new errors.HeadersTimeoutError(), probe).message).not.toContain('gone through');
	});

	it.each([
		'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
		'SELF_SIGNED_CERT_IN_CHAIN',
		'DEPTH_ZERO_SELF_SIGNED_CERT',
		'CERT_HAS_EXPIRED',
		'ERR_TLS_CERT_ALTNAME_INVALID',
		'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
	])('%s -> TLS_ERROR keeping the Node code and suggesting NODE_EXTRA_CA_CERTS', (code) => {
		const error = classifyNetworkError(nodeError(code), probe);
		expect(error).toMatchObject({code: 'TLS_ERROR', nodeCode: code});
		expect(error.message).toContain('NODE_EXTRA_CA_CERTS');
	});

	it('TLS error wrapped as a cause is still found', () => {
		const wrapped = new TypeError('fetch failed', {cause: nodeError('SELF_SIGNED_CERT_IN_CHAIN')});
		expect(classifyNetworkError(wrapped, probe).code).toBe('TLS_ERROR');
	});

	it('407 from the proxy while tunnelling -> PROXY_AUTH_REQUIRED', () => {
		const error = new errors.RequestAbortedError('Proxy response (407) !== 200 when HTTP Tunneling');
		const classified = classifyNetworkError(error, {...probe, proxy: 'http://proxy.corp:3128'});
		expect(classified.code).toBe('PROXY_AUTH_REQUIRED');
		expect(classified.message).toContain('http://proxy.corp:3128');
	});

	it('other proxy status -> PROXY_ERROR', () => {
		const error = new errors.RequestAbortedError('Proxy response (502) !== 200 when HTTP Tunneling');
		expect(classifyNetworkError(error, probe).code).toBe('PROXY_ERROR');
	});

	it('the caller\'s abort -> CANCELLED', () => {
		const controller = new AbortController();
		controller.abort();
		expect(classifyNetworkError(controller.signal.reason, {...probe, aborted: true}).code).toBe('CANCELLED');
		expect(classifyNetworkError(new DOMException('aborted', 'AbortError'), probe).code).toBe('CANCELLED');
	});

	it('an unknown failure -> NETWORK_ERROR with its code', () => {
		const error = classifyNetworkError(nodeError('EWEIRD'), probe);
		expect(error).toMatchObject({code: 'NETWORK_ERROR', nodeCode: 'EWEIRD', detail: 'EWEIRD happened'});
	});

	it('never throws on odd values', () => {
		for (const value of [undefined, null, 42, 'text', {}, {code: 5}, Object.create(null)]) {
			expect(classifyNetworkError(value, probe).code).toBe('NETWORK_ERROR');
		}
	});
});
