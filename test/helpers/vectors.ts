// Reads the known-answer vectors made by the official CyberSource Node SDK
// (copied verbatim from shared/cybersource/vectors.json into test/fixtures).
import {readFileSync} from 'node:fs';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(object: Json, key: string): string {
	const value = object[key];
	if (typeof value !== 'string') throw new Error(`vector field ${key} is not a string`);
	return value;
}

function optionalStr(object: Json, key: string): string | undefined {
	const value = object[key];
	return typeof value === 'string' ? value : undefined;
}

function obj(object: Json, key: string): Json {
	const value = object[key];
	if (!isObject(value)) throw new Error(`vector field ${key} is not an object`);
	return value;
}

function list(object: Json, key: string): Json[] {
	const value = object[key];
	if (!Array.isArray(value)) throw new Error(`vector field ${key} is not a list`);
	return value.filter((item) => isObject(item));
}

const raw: unknown = JSON.parse(readFileSync(new URL('../fixtures/cybersource-vectors.json', import.meta.url), 'utf8'));
if (!isObject(raw)) throw new Error('vectors file is not an object');

export type HttpVector = {
	id: string;
	method: string;
	host: string;
	path: string;
	merchantId: string;
	keyId: string;
	secret: string;
	portfolioId?: string;
	date: string;
	body: string;
	expected: {
		digestHeader?: string;
		signatureHeader: string;
		signature: string;
		signedHeaderList: string;
		signingString: string;
		hmacKeyHex: string;
	};
};

export const httpVectors: HttpVector[] = list(raw, 'vectors').map((v) => {
	const expected = obj(v, 'expected');
	return {
		id: str(v, 'id'),
		method: str(v, 'method'),
		host: str(v, 'host'),
		path: str(v, 'path'),
		merchantId: str(v, 'merchantId'),
		keyId: str(v, 'keyId'),
		secret: str(v, 'secret'),
		portfolioId: optionalStr(v, 'portfolioId'),
		date: str(v, 'date'),
		body: optionalStr(v, 'body') ?? '',
		expected: {
			digestHeader: optionalStr(expected, 'digestHeader'),
			signatureHeader: str(expected, 'signatureHeader'),
			signature: str(expected, 'signature'),
			signedHeaderList: str(expected, 'signedHeaderList'),
			signingString: str(expected, 'signingString'),
			hmacKeyHex: str(expected, 'hmacKeyHex'),
		},
	};
});

export type JwtVector = {
	id: string;
	method: string;
	host: string;
	path: string;
	merchantId: string;
	keyId: string;
	secret: string;
	portfolioId?: string;
	iat: number;
	jti: string;
	body: string;
	expected: {jwtHeaderJson: string; jwtPayloadJson: string; token: string; authorizationHeader: string};
};

export const jwtVectors: JwtVector[] = list(raw, 'jwtVectors').map((v) => {
	const expected = obj(v, 'expected');
	const iat = v['iat'];
	if (typeof iat !== 'number') throw new Error('iat is not a number');
	return {
		id: str(v, 'id'),
		method: str(v, 'method'),
		host: str(v, 'host'),
		path: str(v, 'path'),
		merchantId: str(v, 'merchantId'),
		keyId: str(v, 'keyId'),
		secret: str(v, 'secret'),
		portfolioId: optionalStr(v, 'portfolioId'),
		iat,
		jti: str(v, 'jti'),
		body: optionalStr(v, 'body') ?? '',
		expected: {
			jwtHeaderJson: str(expected, 'jwtHeaderJson'),
			jwtPayloadJson: str(expected, 'jwtPayloadJson'),
			token: str(expected, 'token'),
			authorizationHeader: str(expected, 'authorizationHeader'),
		},
	};
});

export type HistoricalVector = {
	id: string;
	method: string;
	host: string;
	path: string;
	merchantId: string;
	keyId: string;
	secret: string;
	date: string;
	body: string;
	recorded: {digestHeader: string; signature: string; signedHeaderList: string};
	recomputed: {signingString: string};
};

export const historicalVectors: HistoricalVector[] = list(raw, 'historicalServerAccepted').map((v) => {
	const recorded = obj(v, 'recorded');
	const recomputed = obj(v, 'recomputed');
	return {
		id: str(v, 'id'),
		method: str(v, 'method'),
		host: str(v, 'host'),
		path: str(v, 'path'),
		merchantId: str(v, 'merchantId'),
		keyId: str(v, 'keyId'),
		secret: str(v, 'secret'),
		date: str(v, 'date'),
		body: str(v, 'body'),
		recorded: {
			digestHeader: str(recorded, 'digestHeader'),
			signature: str(recorded, 'signature'),
			signedHeaderList: str(recorded, 'signedHeaderList'),
		},
		recomputed: {signingString: str(recomputed, 'signingString')},
	};
});

export type NegativeExample = {vector: string; mistake: string; signature?: string; digestHeader?: string; signatureHeader?: string};

export const negativeExamples: NegativeExample[] = list(raw, 'negativeExamples').map((v) => ({
	vector: str(v, 'vector'),
	mistake: str(v, 'mistake'),
	signature: optionalStr(v, 'signature'),
	digestHeader: optionalStr(v, 'digestHeader'),
	signatureHeader: optionalStr(v, 'signatureHeader'),
}));
