/**
 * `check --charge --card-file PATH` in-process against a production-identity simulator, behind a
 * recording proxy on loopback (the bytes on the wire): the card from the file is the one authorized
 * (and reversed), and neither its number (beyond the last 4 digits) nor its CVV appears on stdout,
 * stderr, in the support report or in the debug log. Also: --card-file without --charge and a bad
 * card file stop with exit 2 before anything is sent; --charge without --card-file warns once.
 */
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, afterEach, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {createCheckMain, sampleCardWarning} from '../source/commands/check/index.js';
import {startSimulator, type KeyRecord, type Simulator} from '../source/simulator/index.js';
import {fakeIo, temporaryDirectory} from './helpers/check-io.js';
import {startRecordingProxy, type ReceivedRequest, type RecordingServer} from './helpers/recording-server.js';

const main = createCheckMain({sleep: async () => undefined});

/** A Luhn-valid Mastercard test number the simulator authorizes; its CVV; an expiry 3 years ahead. */
const cardNumber = '5555555555554444';
const securityCode = '7391';
const expiryYear = String(new Date().getUTCFullYear() + 3);

let productionSim: Simulator;
let proxy: RecordingServer;
let explained: string[] = [];
let dir = '';
let cleanup: () => Promise<void> = async () => undefined;

beforeAll(async () => {
	productionSim = await startSimulator({env: 'production', searchDelayMs: 0, explain: line => explained.push(line)});
	proxy = await startRecordingProxy(productionSim.url);
});

afterAll(async () => {
	await proxy.close();
	await productionSim.close();
});

beforeEach(async () => {
	explained = [];
	proxy.received.length = 0;
	({dir, cleanup} = await temporaryDirectory('check-card-file-'));
});

afterEach(async () => cleanup());

function keyArgs(record: KeyRecord): string[] {
	const file = path.join(dir, 'secret.txt');
	writeFileSync(file, `${record.secret}\n`, {mode: 0o600});
	return ['--org-id', record.orgId, '--key-id', record.keyId, '--secret-file', file];
}

function writeCard(name: string, text: string): string {
	writeFileSync(path.join(dir, name), text, {mode: 0o600});
	return name;
}

async function check(argv: string[]): Promise<{code: number; out: string; err: string}> {
	const io = fakeIo({argv, env: {CYBS_KEY_WIZARD_CONFIG_DIR: path.join(dir, 'config')}, cwd: dir});
	const code = await main(io);
	return {code, out: io.out(), err: io.err()};
}

/** Neither the card number (5 of its digits in a row, in any grouping) nor the CVV as a token. */
function expectNoCard(where: string, text: string, number = cardNumber): void {
	const digitsOnly = text.replaceAll(/(?<=\d)[ -](?=\d)/g, '');
	for (let start = 0; start + 5 <= number.length; start += 1) expect(digitsOnly, where).not.toContain(number.slice(start, start + 5));
	expect(text, where).not.toMatch(new RegExp(`(?<![\\w-])${securityCode}(?![\\w-])`));
}

type Json = Record<string, unknown>;

function record(value: unknown): Json {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
	return Object.fromEntries(Object.entries(value));
}

function onlyObject(stdout: string): Json {
	const lines = stdout.split('\n').filter(line => line !== '');
	expect(lines).toHaveLength(1);
	return record(JSON.parse(lines[0] ?? ''));
}

function payments(received: readonly ReceivedRequest[]): unknown[] {
	return received.filter(request => request.method === 'POST' && request.url === '/pts/v2/payments').map(request => JSON.parse(request.body.toString('utf8')));
}

describe('check --charge --card-file', () => {
	test('the card from the file is the one authorized and reversed; stdout, stderr, report and debug log never hold its number or CVV', async () => {
		const key = productionSim.generateKey({orgId: 'card_merchant'});
		const card = writeCard('card.txt', `# production check card\nNumber: 5555 5555 5555 4444\nExpiry: 08/${expiryYear.slice(2)}\nCVV: ${securityCode}\n`);
		const {code, out, err} = await check([
			...keyArgs(key),
			'--env', 'production', '--base-url', proxy.baseUrl, '--charge', '--card-file', card,
			'--report', 'support.md', '--debug', 'debug.log', '--json',
		]);
		expect(code).toBe(0);
		// On the wire: exactly one payment, with the file's card, normalised (digits only, MM, YYYY).
		const sent = payments(proxy.received);
		expect(sent).toHaveLength(1);
		expect(record(record(sent[0])['paymentInformation'])['card']).toEqual({number: cardNumber, expirationMonth: '08', expirationYear: expiryYear, securityCode});
		expect(record(record(record(sent[0])['orderInformation'])['amountDetails'])).toMatchObject({totalAmount: '1.00'});
		// ... and reversed at once.
		const parsed = onlyObject(out);
		expect(record(parsed['reversal'])).toMatchObject({status: 'reversed', code: 'REVERSAL_OK'});
		expect(productionSim.transactions().filter(transaction => transaction.merchantId === 'card_merchant').map(transaction => transaction.kind)).toEqual(['payment', 'reversal']);

		expect(err).toContain('--charge: sending ONE real 1.00 authorization on the card ending 4444 from --card-file');
		expect(err).not.toContain(sampleCardWarning);
		const debugLog = readFileSync(path.join(dir, 'debug.log'), 'utf8');
		expect(debugLog).toContain('"number":"[REDACTED card number ending 4444]"');
		expect(debugLog).toContain('"securityCode":"[REDACTED]"');
		for (const [where, text] of [
			['stdout', out],
			['stderr', err],
			['support.md', readFileSync(path.join(dir, 'support.md'), 'utf8')],
			['support.json', readFileSync(path.join(dir, 'support.json'), 'utf8')],
			['debug.log', debugLog],
		] as const) {
			expectNoCard(where, text);
		}
	});

	test('JSON card file, --auth jwt, human output: the JSON card is sent', async () => {
		const key = productionSim.generateKey({orgId: 'card_json'});
		const card = writeCard('card.json', JSON.stringify({number: cardNumber, expirationMonth: '11', expirationYear: expiryYear}));
		const {code, out, err} = await check([...keyArgs(key), '--env', 'production', '--base-url', proxy.baseUrl, '--charge', '--card-file', card, '--auth', 'jwt', '--no-lookup']);
		expect(code).toBe(0);
		expect(out).toMatch(/^PASS {2}The key pair works in production/);
		expect(record(record(payments(proxy.received)[0])['paymentInformation'])['card']).toMatchObject({number: cardNumber, expirationMonth: '11', expirationYear: expiryYear});
		expectNoCard('stdout', out);
		expectNoCard('stderr', err);
	});

	test('--charge without --card-file: the sample test card is sent, with a one-line warning that a real processor declines it', async () => {
		const key = productionSim.generateKey({orgId: 'card_sample'});
		const {code, err} = await check([...keyArgs(key), '--env', 'production', '--base-url', proxy.baseUrl, '--charge', '--auth', 'http-signature', '--no-lookup']);
		expect(code).toBe(0);
		expect(err.split('\n').filter(line => line.includes('--card-file'))).toEqual([`Warning: ${sampleCardWarning}`]);
		expect(sampleCardWarning).toMatch(/real processor declines.*pass --card-file PATH/);
		expect(record(record(payments(proxy.received)[0])['paymentInformation'])['card']).toMatchObject({number: '4111111111111111'});
	});
});

describe('stops with exit 2 before anything is sent', () => {
	test('--card-file without --charge: USAGE_ERROR (human and --json)', async () => {
		const key = productionSim.generateKey({orgId: 'card_nocharge'});
		const card = writeCard('card.txt', `number: ${cardNumber}\nexpiry: 08/${expiryYear}\n`);
		const human = await check([...keyArgs(key), '--env', 'production', '--base-url', proxy.baseUrl, '--card-file', card]);
		expect(human.code).toBe(2);
		expect(human.err).toContain('--card-file is the card for the --charge authorization in production: add --charge');
		const json = await check([...keyArgs(key), '--env', 'production', '--base-url', proxy.baseUrl, '--card-file', card, '--json']);
		expect(json.code).toBe(2);
		expect(onlyObject(json.out)['diagnosis']).toEqual([expect.objectContaining({code: 'USAGE_ERROR'})]);
		expect(proxy.received).toEqual([]);
		expect(explained).toEqual([]);
	});

	test.each([
		['a mistyped digit', 'card.txt', `number: 5555555555554443\nexpiry: 08/${expiryYear}\ncvv: ${securityCode}\n`, 'CARD_NUMBER_INVALID', '5555555555554443'],
		['an expired card', 'card.txt', `number: ${cardNumber}\nexpiry: 01/2020\ncvv: ${securityCode}\n`, 'CARD_EXPIRED', cardNumber],
		['a bad CVV', 'card.txt', `number: ${cardNumber}\nexpiry: 08/${expiryYear}\ncvv: 7x\n`, 'CARD_SECURITY_CODE_INVALID', cardNumber],
		['an unrecognised file', 'card.txt', `${cardNumber} ${securityCode}\n`, 'CARD_FILE_UNRECOGNISED', cardNumber],
		['a missing file', undefined, '', 'CARD_FILE_NOT_FOUND', cardNumber],
	])('%s: %s', async (_name, file, text, code, number) => {
		const key = productionSim.generateKey({orgId: 'card_bad'});
		const cardPath = file === undefined ? 'missing-card.txt' : writeCard(file, text);
		const json = await check([...keyArgs(key), '--env', 'production', '--base-url', proxy.baseUrl, '--charge', '--card-file', cardPath, '--json']);
		expect(json.code).toBe(2);
		expect(onlyObject(json.out)['diagnosis']).toEqual([expect.objectContaining({code})]);
		const human = await check([...keyArgs(key), '--env', 'production', '--base-url', proxy.baseUrl, '--charge', '--card-file', cardPath]);
		expect(human.code).toBe(2);
		expect(human.err).toContain(`[${code}]`);
		expect(human.err).toContain('Nothing was sent.');
		for (const [where, output] of [['json stdout', json.out], ['json stderr', json.err], ['human stderr', human.err], ['human stdout', human.out]] as const) {
			expectNoCard(where, output, number);
		}

		expect(proxy.received).toEqual([]);
		expect(explained).toEqual([]);
	});
});
