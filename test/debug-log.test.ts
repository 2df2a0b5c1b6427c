import {once} from 'node:events';
import {createServer} from 'node:http';
import {chmod, mkdtemp, readFile, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {beforeEach, describe, expect, it} from 'vitest';
import {createDebugLog, DebugLogError} from '../source/debug-log/debug-log.js';
import {formatExchange} from '../source/debug-log/format-exchange.js';
import {findSecretLeaks, redactCardNumbers, redactHeaders, redactSecurityCodes, redactText} from '../source/debug-log/redact.js';
import {leaks, paymentBody, secretNeedles, sensitiveNeedles, signedFixture, type SignedFixture} from './helpers/report-fixtures.js';

function value(lines: ReadonlyArray<{name: string; value: string}>, name: string): string | undefined {
	return lines.find((line) => line.name.toLowerCase() === name)?.value;
}

describe('redactHeaders', () => {
	let fixture: SignedFixture;
	beforeEach(async () => {
		fixture = await signedFixture();
	});

	it('keeps keyid, algorithm and the header list of Signature, drops its signature value', () => {
		const lines = redactHeaders({...fixture.http.headers, 'content-type': 'application/json'});
		const signature = value(lines, 'signature');
		expect(signature).toBe(
			`keyid="${fixture.credentials.keyId}", algorithm="HmacSHA256", headers="host date request-target digest v-c-merchant-id", signature="[REDACTED]"`,
		);
		expect(value(lines, 'digest')).toBe(fixture.http.headers.digest);
		expect(value(lines, 'v-c-merchant-id')).toBe('acme_corp_001');
		expect(leaks(JSON.stringify(lines), sensitiveNeedles(fixture))).toEqual([]);
	});

	it('keeps the JWT header and claims of Authorization, drops the token signature', () => {
		const lines = redactHeaders(new Headers({authorization: fixture.jwt.headers.authorization, 'v-c-client-id': 'x'}));
		const [header = '', payload = ''] = fixture.jwt.token.split('.');
		expect(value(lines, 'authorization')).toBe(`Bearer ${header}.${payload}.[REDACTED]`);
		expect(leaks(JSON.stringify(lines), sensitiveNeedles(fixture))).toEqual([]);
	});

	it('drops whole credentials it cannot take apart', () => {
		const lines = redactHeaders({
			authorization: 'Basic dXNlcjpwYXNzd29yZA==',
			'proxy-authorization': 'Basic cHJveHk6c2VjcmV0',
			signature: 'garbled-without-the-documented-form',
			'set-cookie': ['a=1', 'b=2'],
		});
		expect(lines).toEqual([
			{name: 'authorization', value: 'Basic [REDACTED]'},
			{name: 'proxy-authorization', value: '[REDACTED]'},
			{name: 'signature', value: '[REDACTED]'},
			{name: 'set-cookie', value: '[REDACTED]'},
			{name: 'set-cookie', value: '[REDACTED]'},
		]);
	});
});

describe('redactText', () => {
	it('removes the secret in its base64, unpadded, base64url and hex (any case) forms', async () => {
		const {credentials} = await signedFixture();
		for (const needle of secretNeedles(credentials.secret)) {
			const text = `before ${needle.text} after`;
			const redacted = redactText(text, {secret: credentials.secret});
			expect(redacted, needle.name).toBe('before [REDACTED] (shared secret) after');
			expect(findSecretLeaks(text, credentials.secret).length, needle.name).toBeGreaterThan(0);
			expect(findSecretLeaks(redacted, credentials.secret), needle.name).toEqual([]);
		}
	});

	it('removes JWT signatures, signature="…" values and URL credentials; leaves ordinary text alone', async () => {
		const fixture = await signedFixture();
		const text = `t=${fixture.jwt.token} ${fixture.http.headers.signature} via http://user:pa55@proxy.local:3128 host apitest.cybersource.com v0.1.0`;
		const redacted = redactText(text);
		expect(leaks(redacted, sensitiveNeedles(fixture).filter((needle) => !/base64|hex/i.test(needle.name)))).toEqual([]);
		expect(redacted).toContain('http://[REDACTED]@proxy.local:3128');
		expect(redacted).toContain('host apitest.cybersource.com v0.1.0');
	});
});

describe('redactCardNumbers', () => {
	it.each([
		['{"card":{"number":"4111111111111111"}}', '{"card":{"number":"[REDACTED card number ending 1111]"}}'],
		['card 4111 1111 1111 1111.', 'card [REDACTED card number ending 1111].'],
		['4000-0000-0000-0002', '[REDACTED card number ending 0002]'],
		['13 digits 4222222222222 and 19 digits 6011000990139424123', '13 digits [REDACTED card number ending 2222] and 19 digits [REDACTED card number ending 4123]'],
	])('masks %s, keeping the last 4 digits', (text, expected) => {
		expect(redactCardNumbers(text)).toBe(expected);
	});

	it.each([
		['a 22-digit request ID', 'request ID 7829072001234567890123'],
		['12 digits', '411111111111'],
		['20 digits', '41111111111111111111'],
		['digits inside a token', 'abc4111111111111111 or 4111111111111111xyz'],
		['the last groups of a key ID (a UUID)', 'keyid="623529d6-81f0-400f-8738-492798329410"'],
		['decimals, dates and times', 'amount 102.21 at 2026-07-01 12:00:00, iat 1782907200, v1.1234567890123456'],
	])('leaves %s alone', (_name, text) => {
		expect(redactCardNumbers(text)).toBe(text);
	});

	it('redactText masks card numbers in bodies too (the report and the debug log go through it)', () => {
		expect(redactText(paymentBody)).not.toContain('4111111111111111');
		expect(redactText(paymentBody)).toContain('"number":"[REDACTED card number ending 1111]","expirationMonth":"12"');
	});
});

describe('redactSecurityCodes', () => {
	it.each([
		['a JSON body', '{"card":{"number":"x","securityCode":"7391"}}', '{"card":{"number":"x","securityCode":"[REDACTED]"}}'],
		['pretty JSON, any case', '"SecurityCode" : "012"', '"SecurityCode" : "[REDACTED]"'],
		['a JSON number', '{"securityCode": 739}', '{"securityCode": "[REDACTED]"}'],
		['JSON escaped inside a string', String.raw`{"rawText":"{\"securityCode\":\"7391\"}"}`, String.raw`{"rawText":"{\"securityCode\":\"[REDACTED]\"}"}`],
	])('masks the CVV in %s', (_name, text, expected) => {
		expect(redactSecurityCodes(text)).toBe(expected);
	});

	it('leaves other members alone', () => {
		const text = '{"code":"123","securityCodeHint":"back of card","expirationYear":"2031"}';
		expect(redactSecurityCodes(text)).toBe(text);
	});

	it('redactText removes the CVV and the card number of a payment body (the debug log and the support report go through it)', () => {
		const redacted = redactText(paymentBody.replaceAll('"123"', '"7391"'));
		expect(redacted).toContain('"securityCode":"[REDACTED]"');
		expect(redacted).not.toContain('7391');
		expect(redacted).not.toContain('4111111111111111');
	});
});

describe('debug log file', () => {
	let dir: string;
	let fixture: SignedFixture;
	beforeEach(async () => {
		dir = await mkdtemp(join(tmpdir(), 'h6-debug-'));
		fixture = await signedFixture();
	});

	it('records method, URL, status, headers and bodies of every exchange, mode 0600, nothing sensitive', async () => {
		const path = join(dir, 'debug.log');
		const log = await createDebugLog(path, {secret: fixture.credentials.secret, now: () => Date.UTC(2026, 6, 1, 12), toolVersion: '0.1.0'});
		log.record({
			method: 'POST',
			url: 'https://apitest.cybersource.com/pts/v2/payments',
			requestHeaders: {...fixture.http.headers, 'content-type': 'application/json;charset=utf-8'},
			requestBody: paymentBody,
			status: 201,
			responseHeaders: {'v-c-correlation-id': '3f0e6b3a-0c9e-4c1b-9a53-6f1f0c2d1e77', 'content-type': 'application/hal+json'},
			responseBody: '{"id":"7829072001234567890123","status":"AUTHORIZED"}',
			durationMs: 412.4,
		});
		log.record({
			method: 'GET',
			url: `https://apitest.cybersource.com${fixture.transactionPath}`,
			requestHeaders: fixture.jwt.headers,
			status: 401,
			responseHeaders: new Headers({'v-c-correlation-id': '9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d'}),
			responseBody: new TextEncoder().encode('{"response":{"rmsg":"Authentication Failed"}}'),
			durationMs: 388,
		});
		log.record({
			method: 'POST',
			url: 'https://api.cybersource.com/pts/v2/payments',
			requestHeaders: fixture.http.headers,
			requestBody: paymentBody,
			error: new Error(`proxy said no to key ${Buffer.from(fixture.credentials.secret, 'base64').toString('base64url')}`, {
				cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3128'), {code: 'ECONNREFUSED'}),
			}),
			durationMs: 5003,
		});
		await log.close();

		expect((await stat(path)).mode & 0o777).toBe(0o600);
		const text = await readFile(path, 'utf8');
		expect(leaks(text, sensitiveNeedles(fixture))).toEqual([]);
		expect(text).not.toContain('4111111111111111');
		for (const item of [
			'debug log, session started 2026-07-01T12:00:00.000Z',
			'#1 2026-07-01T12:00:00.000Z POST https://apitest.cybersource.com/pts/v2/payments',
			`> digest: ${fixture.http.headers.digest ?? 'missing'}`,
			'signature="[REDACTED]"',
			paymentBody.replace('"number":"4111111111111111"', '"number":"[REDACTED card number ending 1111]"').replace('"securityCode":"123"', '"securityCode":"[REDACTED]"'),
			'< HTTP 201 (412 ms)',
			'< v-c-correlation-id: 3f0e6b3a-0c9e-4c1b-9a53-6f1f0c2d1e77',
			'{"id":"7829072001234567890123","status":"AUTHORIZED"}',
			`#2 2026-07-01T12:00:00.000Z GET https://apitest.cybersource.com${fixture.transactionPath}`,
			'> authorization: Bearer eyJ',
			'.[REDACTED]',
			`>   (JWT header {"typ":"JWT","alg":"HS256","kid":"${fixture.credentials.keyId}"}, claims {"iat":1782907200,`,
			'< HTTP 401 (388 ms)',
			'< v-c-correlation-id: 9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
			'{"response":{"rmsg":"Authentication Failed"}}',
			'< no response (5003 ms): Error: proxy said no to key [REDACTED] (shared secret) <- caused by Error [ECONNREFUSED]: connect ECONNREFUSED 127.0.0.1:3128',
		]) {
			expect(text, item).toContain(item);
		}
	});

	it('logs a real exchange with a fetch Headers object', async () => {
		const server = createServer((request, response) => {
			response.writeHead(404, {'v-c-correlation-id': 'abc-123', 'content-type': 'application/json'});
			response.end(JSON.stringify({echo: request.headers.signature}));
		});
		server.listen(0, '127.0.0.1');
		await once(server, 'listening');
		try {
			const address = server.address();
			if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
			const {port} = address;
			const url = `http://127.0.0.1:${port}${fixture.transactionPath}`;
			const requestHeaders = new Headers({signature: fixture.http.headers.signature, date: fixture.date});
			const started = performance.now();
			const response = await fetch(url, {headers: requestHeaders});
			const body = await response.text();
			const path = join(dir, 'real.log');
			const log = await createDebugLog(path, {secret: fixture.credentials.secret});
			log.record({method: 'GET', url, requestHeaders, status: response.status, responseHeaders: response.headers, responseBody: body, durationMs: performance.now() - started});
			await log.close();
			const text = await readFile(path, 'utf8');
			expect(text).toContain(`GET ${url}`);
			expect(text).toContain('< HTTP 404');
			expect(text).toContain('< v-c-correlation-id: abc-123');
			// The server echoed the Signature header into its body: the body is redacted too.
			expect(body).toContain(fixture.http.signature);
			expect(leaks(text, sensitiveNeedles(fixture))).toEqual([]);
		} finally {
			server.close();
		}
	});

	it('appends to an existing log and tightens it to 0600', async () => {
		const path = join(dir, 'debug.log');
		await writeFile(path, 'earlier run\n');
		await chmod(path, 0o644);
		const log = await createDebugLog(path);
		log.record({method: 'GET', url: 'https://apitest.cybersource.com/x', status: 404});
		await log.close();
		const text = await readFile(path, 'utf8');
		expect(text.startsWith('earlier run\n=== cybs-key-wizard')).toBe(true);
		expect(text).toContain('< HTTP 404');
		expect((await stat(path)).mode & 0o777).toBe(0o600);
	});

	it('fails to open with DEBUG_LOG_OPEN_FAILED and a next step', async () => {
		const attempt = createDebugLog(join(dir, 'missing', 'debug.log'));
		await expect(attempt).rejects.toBeInstanceOf(DebugLogError);
		await expect(attempt).rejects.toMatchObject({code: 'DEBUG_LOG_OPEN_FAILED', message: expect.stringContaining('Choose a writable path for --debug')});
	});

	it('cuts huge bodies with a note', () => {
		const block = formatExchange({method: 'POST', url: 'https://h/x', requestBody: 'a'.repeat(70_000), status: 500}, 1, 0);
		expect(block).toContain(`(… ${70_000 - 65_536} more characters not logged)`);
	});
});
