/**
 * Production's real charge takes a real card: after `c` the review asks for the card number (hidden
 * as typed, last 4 shown), expiry and security code (hidden), then the typed organization ID. In
 * process against the REAL simulator with the production identity. What is checked: the card typed is
 * the one sent on the wire and the one the simulator recorded; an invalid number or expiry sends
 * nothing; Esc goes back a field keeping everything but the security code; no frame, support report
 * or debug log shows the whole number or the security code.
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {afterEach, beforeEach, expect, test} from 'vitest';
import {runKeyTest} from '../source/cybersource/key-test.js';
import type {HttpExchange} from '../source/cybersource/client.js';
import type {KeyTestRequest} from '../source/cybersource/key-test-types.js';
import {startSimulator, type Simulator} from '../source/simulator/index.js';
import type {WizardServices} from '../source/wizard/services.js';
import {openDebugLog} from '../source/session/artifacts/debug-log.js';
import {currentFrame, keys, press, typeAndEnter, waitFor, waitForText} from './helpers/ink.js';
import {
	allText,
	createHarness,
	expectNoSecret,
	flat,
	simulatorEnvironments,
	startWizard,
	typeCard,
	typedKeyToReview,
	type Harness,
	type Run,
	type TypedCard,
} from './helpers/wizard-harness.js';

const mastercard = '5555555555554444';
const securityCode = '737';
/** Two years ahead, MM/YY as printed on a card. */
const expiryYear = new Date().getUTCFullYear() + 2;
const expiryTyped = `04/${String(expiryYear).slice(2)}`;
const card: TypedCard = {number: mastercard, expiry: expiryTyped, securityCode};

let harness: Harness;
let productionSim: Simulator;
let requests: KeyTestRequest[];
let exchanges: HttpExchange[];

beforeEach(async () => {
	harness = await createHarness();
	productionSim = await startSimulator({env: 'production', searchDelayMs: 0});
	requests = [];
	exchanges = [];
});

afterEach(async () => {
	await harness.close();
	await productionSim.close();
});

/** Production points at the production-identity simulator; every request and HTTP exchange recorded. */
function services(overrides: Partial<WizardServices> = {}): WizardServices {
	return harness.services({
		environments: simulatorEnvironments(harness.sim, productionSim),
		async runKeyTest(request, deps) {
			requests.push(request);
			return runKeyTest(request, {
				...deps,
				env: {},
				onExchange(exchange) {
					exchanges.push(exchange);
					deps.onExchange?.(exchange);
				},
			});
		},
		...overrides,
	});
}

/** The number in no form (grouped by spaces or dashes too), not even its first 12 digits, and the security code nowhere on its own. */
function expectNoCardIn(text: string, number: string, code: string) {
	const spread = (digits: string) => new RegExp(digits.split('').join(String.raw`[\s-]?`));
	expect(text).not.toMatch(spread(number));
	expect(text).not.toMatch(spread(number.slice(0, 12)));
	expect(text).not.toMatch(new RegExp(String.raw`(?<![\w-])${code}(?![\w-])`));
}

/** Waits for text that may wrap (compared with line breaks folded). */
async function waitForMessage(app: Run, text: string) {
	await waitFor(app, (frame) => flat(frame).includes(text), `"${text}"`);
}

function payments(): HttpExchange[] {
	return exchanges.filter((exchange) => exchange.request.method === 'POST' && exchange.request.url.endsWith('/pts/v2/payments'));
}

test('the card typed is the card sent and the one the simulator recorded; the screens show only its last 4 digits', async () => {
	const key = productionSim.generateKey({orgId: 'live_merchant'});
	const app = startWizard(services());
	await typedKeyToReview(app, 'p', key, key.secret);
	expect(flat(currentFrame(app))).toContain('you give a real card and type the organization ID to confirm');
	await press(app, 'j', 'c');
	await waitForText(app, 'Card to authorize');
	await press(app, '5555 5555 5555 4444');
	await waitForText(app, 'Ending 4444');
	expect(currentFrame(app)).toContain(`› ${'•'.repeat(19)}`);
	expect(currentFrame(app)).not.toContain('5555');
	expect(currentFrame(app)).toContain('Hidden as you type (19 characters)');
	expect(currentFrame(app)).toMatch(/^Enter next\s+Esc back a field\s+Ctrl\+C quit$/m);
	await press(app, keys.enter);
	await waitForText(app, 'Expiry date (MM/YY or MM/YYYY)');
	expect(flat(currentFrame(app))).toContain('Card number •••• •••• •••• 4444');
	await typeAndEnter(app, expiryTyped);
	await waitForText(app, 'Security code (CVV, 3 digits on the back)');
	expect(flat(currentFrame(app))).toContain(`Expires 04/${expiryYear}`);
	await press(app, securityCode);
	await waitForText(app, 'Hidden as you type (3 characters)');
	await press(app, keys.enter);
	await waitForText(app, 'Type the organization ID (live_merchant) to confirm');
	expect(flat(currentFrame(app))).toContain(
		`This sends a real USD 1.00 authorization on card ending 4444 (expires 04/${expiryYear}) to your live account`,
	);
	expect(productionSim.transactions()).toEqual([]);
	await typeAndEnter(app, 'live_merchant');
	await waitForText(app, 'Your key pair works');

	// The engine got the card for the confirmed charge only…
	expect(requests.map((request) => request.card)).toEqual([
		{number: mastercard, expirationMonth: '04', expirationYear: String(expiryYear), securityCode},
	]);
	// …it went out on the wire as typed…
	const [payment] = payments();
	const sent: unknown = JSON.parse(payment?.request.body ?? '{}');
	expect(sent).toMatchObject({
		paymentInformation: {card: {number: mastercard, expirationMonth: '04', expirationYear: String(expiryYear), securityCode}},
		orderInformation: {amountDetails: {totalAmount: '1.00', currency: 'USD'}},
	});
	// …the simulator authorized it, reversed it, and its transaction search shows that card.
	const [authorization, reversal] = productionSim.transactions();
	expect(authorization).toMatchObject({kind: 'payment', amount: '1.00', status: 'AUTHORIZED'});
	expect(reversal).toMatchObject({kind: 'reversal', status: 'REVERSED', relatedId: authorization?.id});
	const search = exchanges.find((exchange) => exchange.request.method === 'GET' && exchange.response?.status === 200);
	const found: unknown = JSON.parse(search?.response?.body ?? '{}');
	expect(found).toMatchObject({
		paymentInformation: {card: {suffix: '4444', type: '002', expirationMonth: '04', expirationYear: String(expiryYear)}},
	});

	// The support report: no card number.
	await press(app, 'r');
	await waitForText(app, 'Support report written');
	const reports = readdirSync(harness.workDir);
	expect(reports).toHaveLength(2);
	for (const name of reports) expectNoCardIn(readFileSync(path.join(harness.workDir, name), 'utf8'), mastercard, securityCode);
	expectNoCardIn(allText(app), mastercard, securityCode);
	expectNoSecret(app, key.secret);
});

test('an invalid number or expiry shows why and sends nothing', async () => {
	const key = productionSim.generateKey({orgId: 'live_merchant'});
	const app = startWizard(services());
	await typedKeyToReview(app, 'p', key, key.secret);
	await press(app, 'c');
	await waitForText(app, 'Card to authorize');
	await typeAndEnter(app, '5555 5555 5555 4445');
	await waitForMessage(app, 'That is not a valid card number (card ending 4445 fails the check digit test): a digit is mistyped. Nothing was sent.');
	await press(app, keys.ctrlU);
	await typeAndEnter(app, '5555 5555 444');
	await waitForMessage(app, 'A card number has 13 to 19 digits; that was 11.');
	await press(app, keys.ctrlU);
	await typeAndEnter(app, '4111 1111 1111 1111');
	await waitForMessage(app, 'That is the sample test card (card ending 1111): a live processor declines it.');
	await press(app, keys.ctrlU);
	await typeAndEnter(app, mastercard);
	await waitForText(app, 'Expiry date');
	await typeAndEnter(app, '13/30');
	await waitForMessage(app, 'Type the expiry date as on the card: MM/YY or MM/YYYY, e.g. 04/28.');
	await press(app, keys.ctrlU);
	await typeAndEnter(app, '01/20');
	await waitForText(app, 'That card has expired');
	await press(app, keys.ctrlU);
	await typeAndEnter(app, expiryTyped);
	await waitForText(app, 'Security code (CVV');
	await typeAndEnter(app, '12');
	await waitForMessage(app, 'Type the 3-digit security code (CVV) from the back of the card.');
	expect(currentFrame(app)).toContain('Step 5 of 7 · Review');
	expect(requests).toEqual([]);
	expect(exchanges).toEqual([]);
	expect(productionSim.transactions()).toEqual([]);
	expectNoCardIn(allText(app), mastercard, securityCode);
});

test('Esc goes back a field and to the review, keeping the number and expiry but never the security code', async () => {
	const key = productionSim.generateKey({orgId: 'live_merchant'});
	const app = startWizard(services());
	await typedKeyToReview(app, 'p', key, key.secret);
	await press(app, 'c');
	await typeCard(app, card, 'Card to authorize');
	// The confirmation → the security code, typed again (Enter alone is refused).
	await press(app, keys.escape);
	await waitForText(app, 'Security code');
	expect(currentFrame(app)).not.toContain('Hidden as you type');
	await press(app, keys.enter);
	await waitForText(app, 'Type the 3-digit security code');
	// → the expiry (kept) → the number (kept) → the review.
	await press(app, keys.escape);
	await waitForText(app, `Enter keeps 04/${expiryYear}`);
	await press(app, keys.escape);
	await waitForText(app, 'Enter keeps card ending 4444');
	await press(app, keys.escape);
	await waitForText(app, 'Sign with');
	// c again: Enter keeps the number and the expiry; the security code is asked for.
	await press(app, 'c');
	await waitForText(app, 'Enter keeps card ending 4444');
	await press(app, keys.enter);
	await waitForText(app, `Enter keeps 04/${expiryYear}`);
	await press(app, keys.enter);
	await waitForText(app, 'Security code');
	await typeAndEnter(app, '912');
	await waitForText(app, 'on card ending 4444');
	await typeAndEnter(app, 'live_merchant');
	await waitForText(app, 'Your key pair works');
	expect(requests.map((request) => request.card)).toEqual([
		{number: mastercard, expirationMonth: '04', expirationYear: String(expiryYear), securityCode: '912'},
	]);
	expectNoCardIn(allText(app), mastercard, '912');
	expectNoCardIn(allText(app), mastercard, securityCode);
});

test('an American Express card needs its 4-digit code; the no-charge check sends no card', async () => {
	const key = productionSim.generateKey({orgId: 'live_merchant'});
	const app = startWizard(services());
	await typedKeyToReview(app, 'p', key, key.secret);
	await press(app, 'c');
	await waitForText(app, 'Card to authorize');
	await typeAndEnter(app, '3782 822463 10005');
	await waitForText(app, 'Expiry date');
	expect(flat(currentFrame(app))).toContain('Card number •••• •••• ••• 0005');
	await typeAndEnter(app, expiryTyped);
	await waitForText(app, 'Security code (4 digits, front of the card)');
	await typeAndEnter(app, '737');
	await waitForMessage(app, 'Type the 4-digit security code printed on the front of the American Express card.');
	// Back out to the review and send the no-charge check instead: no card goes with it.
	await press(app, keys.escape, keys.escape, keys.escape);
	await waitForText(app, 'Sign with');
	await press(app, keys.enter);
	await waitForText(app, 'no-charge check');
	await waitForText(app, 'Step 7 of 7 · Result');
	expect(requests).toHaveLength(1);
	expect(requests[0]?.mode).toBe('probe');
	expect(requests[0]?.card).toBeUndefined();
	expect(productionSim.transactions()).toEqual([]);
});

test('the debug log of a real charge has no whole card number and no security code', async () => {
	const file = path.join(harness.dir, 'debug.log');
	const opened = await openDebugLog(file);
	if (!opened.ok) throw new Error(opened.message);
	const key = productionSim.generateKey({orgId: 'live_merchant'});
	const app = startWizard(services({debugLog: opened.log}));
	await typedKeyToReview(app, 'p', key, key.secret);
	await press(app, 'c');
	await typeCard(app, card, 'Card to authorize');
	await typeAndEnter(app, 'live_merchant');
	await waitForText(app, 'Your key pair works');
	await press(app, keys.enter);
	await app.exited;
	await opened.log.finish();
	const text = readFileSync(file, 'utf8');
	expect(text).toMatch(/POST .*\/pts\/v2\/payments/);
	expect(text).toContain('4444');
	const spread = new RegExp(mastercard.split('').join(String.raw`[\s-]?`));
	expect(text).not.toMatch(spread);
	// The security code too (redacted by the debug log since check --card-file).
	expect(text).toMatch(/"securityCode\\?"\s*:\s*\\?"\[REDACTED\]/);
	expect(text).not.toMatch(/"securityCode\\?"\s*:\s*\\?"?737/);
});
