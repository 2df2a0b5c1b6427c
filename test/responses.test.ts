import {describe, expect, it} from 'vitest';
import {
	errorText,
	headerValue,
	isErrorResponse,
	isNotJsonResponse,
	isPaymentResponse,
	isReversalResponse,
	isTransactionResponse,
	rawTextLimit,
	rmsgText,
	validateResponse,
	type CyberSourceResponse,
	type ResponseHeaders,
} from '../source/cybersource/responses.js';

const correlation = '3d7e6a52-0c51-4a1d-9a4e-0b0c1d2e3f40';
const csHeaders: ResponseHeaders = {
	'v-c-correlation-id': correlation,
	'content-type': 'application/hal+json',
	date: 'Mon, 05 Jan 2026 09:07:04 GMT',
};

function validate(endpoint: 'payment' | 'reversal' | 'transaction', httpStatus: number, body: unknown, headers = csHeaders) {
	return validateResponse(endpoint, {
		httpStatus,
		headers,
		bodyText: typeof body === 'string' ? body : JSON.stringify(body),
	});
}

function errorOf(response: CyberSourceResponse) {
	if (!isErrorResponse(response)) throw new Error(`expected an error body, got ${response.kind}`);
	return response.error;
}

// The real sandbox 201 recorded by active_merchant (PROTOCOL §6.1), trimmed.
const authorized = {
	_links: {
		authReversal: {method: 'POST', href: '/pts/v2/payments/6750124114786780104953/reversals'},
		self: {method: 'GET', href: '/pts/v2/payments/6750124114786780104953'},
		capture: {method: 'POST', href: '/pts/v2/payments/6750124114786780104953/captures'},
	},
	clientReferenceInformation: {code: 'TC50171_3'},
	id: '6750124114786780104953',
	orderInformation: {amountDetails: {authorizedAmount: '102.21', currency: 'USD'}},
	processorInformation: {
		approvalCode: '888888',
		networkTransactionId: '123456789619999',
		transactionId: '123456789619999',
		responseCode: '100',
		avs: {code: 'X', codeRaw: 'I1'},
	},
	reconciliationId: '78243988SD9YL291',
	status: 'AUTHORIZED',
	submitTimeUtc: '2023-01-29T17:13:31Z',
};

describe('payment 201', () => {
	it('reads the recorded sandbox authorization and the support headers', () => {
		const response = validate('payment', 201, authorized);
		expect(isPaymentResponse(response)).toBe(true);
		expect(response).toEqual({
			kind: 'payment',
			httpStatus: 201,
			correlationId: correlation,
			date: 'Mon, 05 Jan 2026 09:07:04 GMT',
			contentType: 'application/hal+json',
			payment: {
				id: '6750124114786780104953',
				status: 'AUTHORIZED',
				submitTimeUtc: '2023-01-29T17:13:31Z',
				reconciliationId: '78243988SD9YL291',
				clientReferenceCode: 'TC50171_3',
				processorInformation: {
					approvalCode: '888888',
					responseCode: '100',
					transactionId: '123456789619999',
					networkTransactionId: '123456789619999',
					avsCode: 'X',
				},
				amountDetails: {authorizedAmount: '102.21', currency: 'USD'},
				reversalLink: {method: 'POST', href: '/pts/v2/payments/6750124114786780104953/reversals'},
				selfLink: {method: 'GET', href: '/pts/v2/payments/6750124114786780104953'},
				captureLink: {method: 'POST', href: '/pts/v2/payments/6750124114786780104953/captures'},
			},
		});
	});

	it('reads the SDK model\'s `reversal` link when `authReversal` is absent', () => {
		const response = validate('payment', 201, {id: '1', status: 'AUTHORIZED', _links: {reversal: {href: '/r'}}});
		expect(isPaymentResponse(response) ? response.payment.reversalLink : undefined).toEqual({href: '/r'});
	});

	it('a 201 decline keeps errorInformation', () => {
		const response = validate('payment', 201, {
			id: '6750124114786780104954',
			status: 'DECLINED',
			errorInformation: {reason: 'PROCESSOR_DECLINED', message: 'Decline - General decline of the card.'},
		});
		expect(isPaymentResponse(response) ? response.payment.errorInformation : undefined).toEqual({
			reason: 'PROCESSOR_DECLINED',
			message: 'Decline - General decline of the card.',
			details: [],
		});
	});

	it('a 201 without id is an unexpected shape, never a payment', () => {
		const response = validate('payment', 201, {status: 'AUTHORIZED'});
		expect(response.kind).toBe('unexpected-shape');
		expect(response).toMatchObject({problem: 'HTTP 201 without a payment with "id" and "status"'});
	});

	it('wrong types are not read as values', () => {
		const response = validate('payment', 201, {id: 42, status: ['AUTHORIZED']});
		expect(response.kind).toBe('unexpected-shape');
	});
});

describe('error bodies', () => {
	it('400 with details', () => {
		const error = errorOf(
			validate('payment', 400, {
				submitTimeUtc: '2026-01-05T09:07:04Z',
				status: 'INVALID_REQUEST',
				reason: 'MISSING_FIELD',
				message: 'Declined - The request is missing one or more fields',
				details: [{field: 'orderInformation.billTo.country', reason: 'MISSING_FIELD'}],
			}),
		);
		expect(error).toEqual({
			submitTimeUtc: '2026-01-05T09:07:04Z',
			status: 'INVALID_REQUEST',
			reason: 'MISSING_FIELD',
			message: 'Declined - The request is missing one or more fields',
			details: [{field: 'orderInformation.billTo.country', reason: 'MISSING_FIELD'}],
		});
		expect(errorText(error)).toBe(
			'MISSING_FIELD: Declined - The request is missing one or more fields (orderInformation.billTo.country MISSING_FIELD)',
		);
	});

	it('401 rmsg as a string', () => {
		const error = errorOf(validate('payment', 401, {response: {rmsg: 'Authentication Failed'}}));
		expect(error.rmsg).toBe('Authentication Failed');
		expect(errorText(error)).toBe('Authentication Failed');
	});

	it('401 rmsg as an object', () => {
		const error = errorOf(
			validate('payment', 401, {response: {rmsg: {error: 'ACCESS_TOKEN_EXPIRED', message: 'Access token expired'}}}),
		);
		expect(error.rmsg).toEqual({error: 'ACCESS_TOKEN_EXPIRED', message: 'Access token expired'});
		expect(errorText(error)).toBe('ACCESS_TOKEN_EXPIRED: Access token expired');
	});

	it('401 rmsg as escaped JSON text is read as an object', () => {
		const error = errorOf(validate('payment', 401, {response: {rmsg: '{"error":"UNAUTHORIZED_USER","message":"nope"}'}}));
		expect(error.rmsg).toEqual({error: 'UNAUTHORIZED_USER', message: 'nope'});
	});

	it('401 with a top-level message (Push Funds shape)', () => {
		const error = errorOf(validate('payment', 401, {reason: 'UNAUTHORIZED', message: 'Authentication Failed'}));
		expect(errorText(error)).toBe('UNAUTHORIZED: Authentication Failed');
	});

	it('404 TSS shape', () => {
		const error = errorOf(validate('transaction', 404, {message: 'The requested resource does not exist'}));
		expect(error).toEqual({message: 'The requested resource does not exist', details: []});
	});

	it('404 pts shape, with the trailing space of the reason trimmed', () => {
		const error = errorOf(
			validate('payment', 404, {
				submitTimeUtc: '2026-01-05T09:07:04Z',
				status: '404',
				errorInformation: {reason: 'NOT_FOUND ', message: 'The requested resource does not exist.'},
			}),
		);
		expect(error).toMatchObject({status: '404', reason: 'NOT_FOUND', message: 'The requested resource does not exist.'});
	});

	it('502 shape', () => {
		const error = errorOf(
			validate('payment', 502, {status: 'SERVER_ERROR', reason: 'SYSTEM_ERROR', message: 'Error - General system failure.'}),
		);
		expect(errorText(error)).toBe('SYSTEM_ERROR: Error - General system failure.');
	});

	it('TMS 403 errors[] shape', () => {
		const error = errorOf(validate('payment', 403, {errors: [{type: 'forbidden', message: 'Request not permitted'}]}));
		expect(error).toMatchObject({reason: 'forbidden', message: 'Request not permitted'});
	});
});

describe('TSS transaction 200', () => {
	it('reads applications and amount', () => {
		const response = validate('transaction', 200, {
			id: '6750124114786780104953',
			submitTimeUTC: '2026-01-05T09:07:03Z',
			status: 'TRANSMITTED',
			merchantId: 'testrest',
			applicationInformation: {
				status: 'PENDING',
				reasonCode: 100,
				applications: [
					{name: 'ics_auth', status: 'TRANSMITTED', reasonCode: '100', rCode: '1', rFlag: 'SOK', rMessage: 'Request was processed successfully.'},
				],
			},
			orderInformation: {amountDetails: {totalAmount: '102.21', currency: 'USD'}},
		});
		expect(isTransactionResponse(response)).toBe(true);
		expect(isTransactionResponse(response) ? response.transaction : undefined).toEqual({
			id: '6750124114786780104953',
			submitTimeUtc: '2026-01-05T09:07:03Z',
			status: 'TRANSMITTED',
			merchantId: 'testrest',
			applicationStatus: 'PENDING',
			applicationReasonCode: '100',
			applications: [
				{name: 'ics_auth', status: 'TRANSMITTED', reasonCode: '100', rCode: '1', rFlag: 'SOK', rMessage: 'Request was processed successfully.'},
			],
			amountDetails: {totalAmount: '102.21', currency: 'USD'},
		});
	});
});

describe('reversal 201', () => {
	it('reads status and amounts', () => {
		const response = validate('reversal', 201, {
			id: '6750124114786780104999',
			status: 'REVERSED',
			submitTimeUtc: '2026-01-05T09:07:09Z',
			reversalAmountDetails: {reversedAmount: '102.21', originalTransactionAmount: '102.21', currency: 'USD'},
			processorInformation: {responseCode: '100'},
		});
		expect(isReversalResponse(response) ? response.reversal : undefined).toEqual({
			id: '6750124114786780104999',
			status: 'REVERSED',
			submitTimeUtc: '2026-01-05T09:07:09Z',
			reversedAmount: '102.21',
			originalTransactionAmount: '102.21',
			currency: 'USD',
			processorInformation: {responseCode: '100'},
		});
	});
});

describe('answers that are not JSON', () => {
	it('keeps the HTML of a proxy page and has no correlation id', () => {
		const html = '<!doctype html><title>Access Denied</title><p>Blocked by policy</p>';
		const response = validate('payment', 403, html, {'content-type': 'text/html; charset=utf-8'});
		expect(isNotJsonResponse(response)).toBe(true);
		expect(response).toEqual({
			kind: 'not-json',
			httpStatus: 403,
			contentType: 'text/html; charset=utf-8',
			rawText: html,
			truncated: false,
		});
	});

	it('truncates a huge body', () => {
		const response = validate('payment', 502, 'x'.repeat(rawTextLimit * 3));
		expect(response).toMatchObject({kind: 'not-json', truncated: true});
		expect(isNotJsonResponse(response) ? response.rawText.length : 0).toBe(rawTextLimit);
	});

	it('an empty body is not JSON', () => {
		expect(validate('payment', 401, '').kind).toBe('not-json');
	});
});

describe('helpers', () => {
	it('headerValue is case-insensitive and joins repeats', () => {
		expect(headerValue({'V-C-Correlation-Id': 'a'}, 'v-c-correlation-id')).toBe('a');
		expect(headerValue({via: ['1.1 a', '1.1 b']}, 'Via')).toBe('1.1 a, 1.1 b');
		expect(headerValue({}, 'date')).toBeUndefined();
	});

	it('rmsgText of an object without known fields is its JSON', () => {
		expect(rmsgText({code: 7})).toBe('{"code":7}');
	});
});
