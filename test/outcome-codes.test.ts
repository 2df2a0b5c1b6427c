import {describe, expect, it} from 'vitest';
import {attemptCodes, classifyAttempt, isAttemptCode, type AttemptMode} from '../source/cybersource/outcome-codes.js';
import {networkErrorCodes, type NetworkError} from '../source/cybersource/network-error.js';
import {validateResponse, type CyberSourceResponse} from '../source/cybersource/responses.js';

const businessCenterUrl = 'https://businesscentertest.cybersource.com';
const withCorrelation = {'v-c-correlation-id': '3d7e6a52-0c51-4a1d-9a4e-0b0c1d2e3f40', 'content-type': 'application/hal+json'};

function answer(endpoint: 'payment' | 'transaction', httpStatus: number, body: unknown, headers: Record<string, string> = withCorrelation): CyberSourceResponse {
	return validateResponse(endpoint, {httpStatus, headers, bodyText: typeof body === 'string' ? body : JSON.stringify(body)});
}

function classifyPayment(httpStatus: number, body: unknown, headers?: Record<string, string>) {
	return classifyAttempt({mode: 'payment', endpointLabel: 'POST /pts/v2/payments', businessCenterUrl, response: answer('payment', httpStatus, body, headers)});
}

function classifyProbe(httpStatus: number, body: unknown, headers?: Record<string, string>) {
	return classifyAttempt({
		mode: 'probe',
		endpointLabel: 'GET /tss/v2/transactions/0000000000000000000000',
		businessCenterUrl,
		response: answer('transaction', httpStatus, body, headers),
	});
}

describe('payment mode', () => {
	it('201 AUTHORIZED -> OK, works, with the request ID', () => {
		const result = classifyPayment(201, {id: '6750124114786780104953', status: 'AUTHORIZED'});
		expect(result).toMatchObject({outcome: 'works', code: 'OK', requestId: '6750124114786780104953', paymentStatus: 'AUTHORIZED'});
		expect(result.message).toContain('6750124114786780104953');
	});

	it('201 PARTIAL_AUTHORIZED -> OK', () => {
		expect(classifyPayment(201, {id: '1', status: 'PARTIAL_AUTHORIZED'}).code).toBe('OK');
	});

	it('201 DECLINED -> PAYMENT_DECLINED: the keys work, and why it was declined', () => {
		const result = classifyPayment(201, {
			id: '6750124114786780104954',
			status: 'DECLINED',
			errorInformation: {reason: 'INVALID_ACCOUNT', message: 'Decline - Invalid account number'},
		});
		expect(result).toMatchObject({outcome: 'authenticated', code: 'PAYMENT_DECLINED', paymentStatus: 'DECLINED'});
		expect(result.message).toBe('The keys work; the payment was declined: INVALID_ACCOUNT: Decline - Invalid account number.');
	});

	it('201 AUTHORIZED_PENDING_REVIEW -> PAYMENT_PENDING_REVIEW', () => {
		const result = classifyPayment(201, {id: '1', status: 'AUTHORIZED_PENDING_REVIEW', errorInformation: {reason: 'AVS_FAILED'}});
		expect(result).toMatchObject({outcome: 'authenticated', code: 'PAYMENT_PENDING_REVIEW'});
		expect(result.message).toContain('AVS_FAILED');
	});

	it.each(['AUTHORIZED_RISK_DECLINED', 'PENDING_AUTHENTICATION', 'INVALID_REQUEST', 'SOMETHING_NEW'])('201 %s -> PAYMENT_NOT_AUTHORIZED', (status) => {
		const result = classifyPayment(201, {id: '1', status});
		expect(result).toMatchObject({outcome: 'authenticated', code: 'PAYMENT_NOT_AUTHORIZED'});
		expect(result.message).toContain(status);
	});

	it('401 -> AUTHENTICATION_FAILED with rmsg', () => {
		const result = classifyPayment(401, {response: {rmsg: 'Authentication Failed'}});
		expect(result).toMatchObject({outcome: 'rejected', code: 'AUTHENTICATION_FAILED', cybersourceMessage: 'Authentication Failed'});
		expect(result.message).toContain('Key Management');
	});

	it('401 with rmsg object -> AUTHENTICATION_FAILED with its text', () => {
		const result = classifyPayment(401, {response: {rmsg: {error: 'ACCESS_TOKEN_EXPIRED'}}});
		expect(result).toMatchObject({code: 'AUTHENTICATION_FAILED', cybersourceMessage: 'ACCESS_TOKEN_EXPIRED'});
	});

	it('400 -> INVALID_REQUEST naming the field', () => {
		const result = classifyPayment(400, {
			status: 'INVALID_REQUEST',
			reason: 'MISSING_FIELD',
			message: 'Declined - The request is missing one or more fields',
			details: [{field: 'orderInformation.billTo.postalCode', reason: 'MISSING_FIELD'}],
		});
		expect(result).toMatchObject({outcome: 'authenticated', code: 'INVALID_REQUEST'});
		expect(result.message).toContain('orderInformation.billTo.postalCode');
		expect(result.message).toContain('The keys work');
	});

	it('400 INVALID_MERCHANT_CONFIGURATION -> INVALID_REQUEST pointing at a MID Configuration Request', () => {
		const result = classifyPayment(400, {status: 'INVALID_REQUEST', reason: 'INVALID_MERCHANT_CONFIGURATION'});
		expect(result.message).toContain('MID Configuration Request');
	});

	it('400 DUPLICATE_REQUEST -> DUPLICATE_REQUEST', () => {
		expect(classifyPayment(400, {status: 'INVALID_REQUEST', reason: 'DUPLICATE_REQUEST'})).toMatchObject({
			outcome: 'authenticated',
			code: 'DUPLICATE_REQUEST',
		});
	});

	it('403 JSON -> FORBIDDEN', () => {
		expect(classifyPayment(403, {errors: [{type: 'forbidden'}]})).toMatchObject({outcome: 'authenticated', code: 'FORBIDDEN'});
	});

	it('404 on payments -> NOT_FOUND', () => {
		const result = classifyPayment(404, {status: '404', errorInformation: {reason: 'NOT_FOUND ', message: 'The requested resource does not exist.'}});
		expect(result).toMatchObject({code: 'NOT_FOUND', cybersourceMessage: 'NOT_FOUND: The requested resource does not exist.'});
	});

	it('502 -> SERVER_ERROR telling to look the payment up before retrying', () => {
		const result = classifyPayment(502, {status: 'SERVER_ERROR', reason: 'SERVER_TIMEOUT', message: 'Error - Server timeout.'});
		expect(result).toMatchObject({outcome: 'no-verdict', code: 'SERVER_ERROR'});
		expect(result.message).toContain('Transaction Management > Transactions');
		expect(result.message).toContain(businessCenterUrl);
	});

	it('500 with an empty body from CyberSource -> SERVER_ERROR', () => {
		expect(classifyPayment(500, '').code).toBe('SERVER_ERROR');
	});

	it('429 -> UNEXPECTED_STATUS with rate advice', () => {
		const result = classifyPayment(429, {message: 'Too many requests'});
		expect(result.code).toBe('UNEXPECTED_STATUS');
		expect(result.message).toContain('429');
	});

	it('201 of the wrong shape -> UNEXPECTED_RESPONSE', () => {
		expect(classifyPayment(201, {hello: 'world'}).code).toBe('UNEXPECTED_RESPONSE');
	});
});

describe('answers that are not from CyberSource', () => {
	it('an HTML page without correlation id -> NOT_CYBERSOURCE, keeping the page', () => {
		const html = '<html><body>Access Denied</body></html>';
		const result = classifyPayment(403, html, {'content-type': 'text/html'});
		expect(result).toMatchObject({outcome: 'no-verdict', code: 'NOT_CYBERSOURCE', rawText: html});
		expect(result.message).toContain('no v-c-correlation-id');
		expect(result.message).toContain('text/html');
	});

	it('a JSON 401 without correlation id -> NOT_CYBERSOURCE', () => {
		expect(classifyPayment(401, {response: {rmsg: 'Authentication Failed'}}, {'content-type': 'application/json'}).code).toBe('NOT_CYBERSOURCE');
	});

	it('HTML with a correlation id on a 2xx-4xx -> NOT_CYBERSOURCE', () => {
		expect(classifyPayment(401, '<html>login</html>', {...withCorrelation, 'content-type': 'text/html'}).code).toBe('NOT_CYBERSOURCE');
	});

	it('a 404 page from a proxy does not pass the probe', () => {
		expect(classifyProbe(404, '<html>Not Found</html>', {'content-type': 'text/html'}).code).toBe('NOT_CYBERSOURCE');
	});
});

describe('probe mode', () => {
	it('404 -> PROBE_OK, works, no payment sent', () => {
		const result = classifyProbe(404, {message: 'The requested resource does not exist'});
		expect(result).toMatchObject({outcome: 'works', code: 'PROBE_OK'});
		expect(result.message).toBe('The keys authenticate; no payment was sent (CyberSource answered 404 for a transaction that cannot exist).');
	});

	it('401 -> AUTHENTICATION_FAILED', () => {
		expect(classifyProbe(401, {response: {rmsg: 'Authentication Failed'}})).toMatchObject({outcome: 'rejected', code: 'AUTHENTICATION_FAILED'});
	});

	it('400 -> PROBE_OK (validation happens only after authentication)', () => {
		expect(classifyProbe(400, {status: 'INVALID_REQUEST', reason: 'INVALID_DATA'})).toMatchObject({outcome: 'works', code: 'PROBE_OK'});
	});

	it('502 -> SERVER_ERROR without payment advice', () => {
		const result = classifyProbe(502, {status: 'SERVER_ERROR', reason: 'SYSTEM_ERROR'});
		expect(result.code).toBe('SERVER_ERROR');
		expect(result.message).not.toContain('gone through');
	});
});

describe('network errors', () => {
	it.each(networkErrorCodes)('%s passes through as the attempt code', (code) => {
		const networkError: NetworkError = {code, message: `message for ${code}`, detail: 'x', mayHaveBeenProcessed: false, nodeCode: 'E_TEST'};
		const modes: AttemptMode[] = ['payment', 'probe'];
		for (const mode of modes) {
			expect(classifyAttempt({mode, endpointLabel: 'POST /pts/v2/payments', networkError})).toEqual({
				outcome: 'no-verdict',
				code,
				message: `message for ${code}`,
				nodeCode: 'E_TEST',
			});
		}
	});
});

describe('the code list', () => {
	it('every code is UPPER_SNAKE with an outcome and a meaning', () => {
		for (const [code, info] of Object.entries(attemptCodes)) {
			expect(code).toMatch(/^[A-Z]+(?:_[A-Z]+)*$/);
			expect(['works', 'authenticated', 'rejected', 'no-verdict']).toContain(info.outcome);
			expect(info.meaning.length).toBeGreaterThan(10);
		}

		expect(isAttemptCode('PAYMENT_DECLINED')).toBe(true);
		expect(isAttemptCode('toString')).toBe(false);
	});

	it('only OK and PROBE_OK count as works', () => {
		const works = Object.entries(attemptCodes)
			.filter(([, info]) => info.outcome === 'works')
			.map(([code]) => code);
		expect(works).toEqual(['OK', 'PROBE_OK']);
	});
});
