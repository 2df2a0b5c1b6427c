import {describe, expect, it} from 'vitest';
import {impossibleTransactionId, newClientReferenceCode, reversalBody, samplePayment} from '../source/cybersource/sample-payment.js';

describe('samplePayment', () => {
	it('is the Developer Center "Process a Payment" body, serialised compactly in this order', () => {
		expect(JSON.stringify(samplePayment({code: 'C1'}))).toBe(
			'{"clientReferenceInformation":{"code":"C1"},"processingInformation":{"commerceIndicator":"internet"},' +
				'"paymentInformation":{"card":{"number":"4111111111111111","expirationMonth":"12","expirationYear":"2031","securityCode":"123"}},' +
				'"orderInformation":{"amountDetails":{"totalAmount":"102.21","currency":"USD"},' +
				'"billTo":{"firstName":"John","lastName":"Doe","company":"Visa","address1":"1 Market St","address2":"Address 2",' +
				'"locality":"san francisco","administrativeArea":"CA","postalCode":"94105","country":"US","email":"test@cybs.com","phoneNumber":"4158880000"}}}',
		);
	});

	it('takes another amount and currency', () => {
		expect(samplePayment({code: 'C1', amount: '0.01', currency: 'EUR'}).orderInformation.amountDetails).toEqual({
			totalAmount: '0.01',
			currency: 'EUR',
		});
	});
});

describe('newClientReferenceCode', () => {
	it('is cybs-key-wizard-<UTC yyyymmddhhmmss>-<6 hex>, within the 50 characters CyberSource allows', () => {
		const code = newClientReferenceCode(() => Date.UTC(2026, 1, 3, 4, 5, 6), () => '9F8E7D6C-0000-4000-8000-000000000000');
		expect(code).toBe('cybs-key-wizard-20260203040506-9f8e7d');
		expect(code.length).toBeLessThanOrEqual(50);
	});

	it('differs when the random part differs', () => {
		const now = () => 0;
		expect(newClientReferenceCode(now, () => 'abcdef01')).not.toBe(newClientReferenceCode(now, () => '12345601'));
	});
});

describe('reversalBody', () => {
	it('matches the samples\' reversal shape', () => {
		expect(JSON.stringify(reversalBody({code: 'TC50171_3', amount: '50.00'}))).toBe(
			'{"clientReferenceInformation":{"code":"TC50171_3"},"reversalInformation":{"amountDetails":{"totalAmount":"50.00"},"reason":"testing"}}',
		);
		expect(reversalBody({code: 'C', amount: '1.00', currency: 'USD', reason: 'key test'}).reversalInformation).toEqual({
			amountDetails: {totalAmount: '1.00', currency: 'USD'},
			reason: 'key test',
		});
	});
});

describe('impossibleTransactionId', () => {
	it('has the 22-digit shape of a request ID but is all zeros', () => {
		expect(impossibleTransactionId()).toMatch(/^0{22}$/);
	});
});
