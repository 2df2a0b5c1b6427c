import {describe, expect, test} from 'vitest';
import {secretKeyBytes} from '../source/cybersource/secret-key.js';
import {parseHttpMethod, type HttpMethod} from '../source/cybersource/http-method.js';
import {
	formatSignatureHeader,
	hmacSha256Base64,
	joinSigningLines,
	signHttpSignature,
} from '../source/cybersource/http-signature.js';
import {signJwt} from '../source/cybersource/jwt.js';
import {digestHeader} from '../source/cybersource/digest.js';
import {historicalVectors, httpVectors, jwtVectors, negativeExamples} from './helpers/vectors.js';

function method(name: string): HttpMethod {
	const parsed = parseHttpMethod(name);
	if (!parsed) throw new Error(`unknown method ${name}`);
	return parsed;
}

describe('HTTP Signature reproduces every SDK vector byte for byte', () => {
	expect(httpVectors.length).toBeGreaterThanOrEqual(4);
	for (const vector of httpVectors) {
		test(vector.id, () => {
			const signed = signHttpSignature({
				method: method(vector.method),
				host: vector.host,
				path: vector.path,
				body: vector.body,
				date: vector.date,
				merchantId: vector.merchantId,
				keyId: vector.keyId,
				secret: vector.secret,
				portfolioId: vector.portfolioId,
			});
			expect(Buffer.from(secretKeyBytes(vector.secret)).toString('hex')).toBe(vector.expected.hmacKeyHex);
			expect(signed.signingString).toBe(vector.expected.signingString);
			expect(signed.signedHeaderList).toBe(vector.expected.signedHeaderList);
			expect(signed.signature).toBe(vector.expected.signature);
			expect(signed.headers.signature).toBe(vector.expected.signatureHeader);
			expect(signed.headers.digest).toBe(vector.expected.digestHeader);
			expect(signed.headers['v-c-merchant-id']).toBe(vector.merchantId);
			expect(signed.headers.date).toBe(vector.date);
			expect(signed.headers.host).toBe(vector.host);
		});
	}
});

describe('JWT (HS256 with the shared secret) reproduces every SDK vector', () => {
	expect(jwtVectors.length).toBeGreaterThanOrEqual(1);
	for (const vector of jwtVectors) {
		test(vector.id, async () => {
			const signed = await signJwt({
				method: method(vector.method),
				host: vector.host,
				path: vector.path,
				body: vector.body,
				merchantId: vector.merchantId,
				keyId: vector.keyId,
				secret: vector.secret,
				portfolioId: vector.portfolioId,
				iat: vector.iat,
				jti: vector.jti,
			});
			expect(signed.headerJson).toBe(vector.expected.jwtHeaderJson);
			expect(signed.payloadJson).toBe(vector.expected.jwtPayloadJson);
			expect(signed.token).toBe(vector.expected.token);
			expect(signed.headers.authorization).toBe(vector.expected.authorizationHeader);
			const [headerPart, payloadPart] = signed.token.split('.');
			expect(Buffer.from(headerPart ?? '', 'base64url').toString()).toBe(vector.expected.jwtHeaderJson);
			expect(Buffer.from(payloadPart ?? '', 'base64url').toString()).toBe(vector.expected.jwtPayloadJson);
		});
	}
});

describe('the 2023 server-accepted request is reproduced with its own (old) request-target spelling', () => {
	for (const vector of historicalVectors) {
		test(vector.id, () => {
			expect(digestHeader(vector.body)).toBe(vector.recorded.digestHeader);
			// Rebuild with the signer, then swap in the parenthesised name the server accepted in 2023.
			const signed = signHttpSignature({
				method: method(vector.method),
				host: vector.host,
				path: vector.path,
				body: vector.body,
				date: vector.date,
				merchantId: vector.merchantId,
				keyId: vector.keyId,
				secret: vector.secret,
			});
			const oldForm = signed.signingString.replace('\nrequest-target: ', '\n(request-target): ');
			expect(oldForm).toBe(vector.recomputed.signingString);
			expect(hmacSha256Base64(secretKeyBytes(vector.secret), oldForm)).toBe(vector.recorded.signature);
			// Today's signer never emits the parenthesised form.
			expect(signed.signingString).not.toContain('(request-target)');
		});
	}
});

describe('the signer never produces a negative example', () => {
	for (const negative of negativeExamples) {
		test(negative.mistake, () => {
			const vector = httpVectors.find((v) => v.id === negative.vector);
			expect(vector).toBeDefined();
			if (!vector) return;
			const signed = signHttpSignature({
				method: method(vector.method),
				host: vector.host,
				path: vector.path,
				body: vector.body,
				date: vector.date,
				merchantId: vector.merchantId,
				keyId: vector.keyId,
				secret: vector.secret,
				portfolioId: vector.portfolioId,
			});
			if (negative.signature) expect(signed.signature).not.toBe(negative.signature);
			if (negative.digestHeader) expect(signed.headers.digest).not.toBe(negative.digestHeader);
			if (negative.signatureHeader) expect(signed.headers.signature).not.toBe(negative.signatureHeader);
		});
	}
});

test('the building blocks compose to the same header', () => {
	const vector = httpVectors[0];
	if (!vector) throw new Error('no vectors');
	const lines = vector.expected.signingString.split('\n').map((line) => {
		const at = line.indexOf(': ');
		return {name: line.slice(0, at), value: line.slice(at + 2)};
	});
	const signingString = joinSigningLines(lines);
	expect(signingString).toBe(vector.expected.signingString);
	const signature = hmacSha256Base64(secretKeyBytes(vector.secret), signingString);
	expect(formatSignatureHeader(vector.keyId, vector.expected.signedHeaderList, signature)).toBe(
		vector.expected.signatureHeader,
	);
});
