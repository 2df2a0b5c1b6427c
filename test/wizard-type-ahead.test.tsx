/**
 * Type-ahead: a key that arrives right after the key that changed the screen (a fast typist, a paste,
 * a terminal sending several keys at once) must never act on the screen that was just left.
 * Ink attaches a new screen's input listeners one macrotask after its frame; these tests write the
 * next key IMMEDIATELY after the transition-causing key, with no tick in between.
 */
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {cleanup, render} from 'ink-testing-library';
import {App} from '../source/app.js';
import {noKey, splitTypedKeys} from '../source/components/key-router.js';
import {initialState, wizardReducer, type WizardState} from '../source/wizard/state.js';
import {createHarness, type Harness} from './helpers/wizard-harness.js';
import {currentFrame, keys, tick, waitForText} from './helpers/ink.js';

let harness: Harness;

/** A key event with nothing pressed (the router's own blank). */
const enterless = {...noKey};

beforeEach(async () => {
	harness = await createHarness();
});

afterEach(async () => {
	cleanup();
	await harness.close();
});

function startApp() {
	return render(<App services={harness.services()} />);
}

describe('keys typed ahead of a screen change', () => {
	test('o then Enter at once: Practice is kept and the account screen takes the Enter', async () => {
		const app = startApp();
		await waitForText(app, 'Where do you want to work?');
		app.stdin.write('o');
		app.stdin.write(keys.enter);
		// The Enter chose the usual account kind (a key for one merchant): the simulated Key Management page.
		await waitForText(app, 'Step 3 of 7 · Create the key');
		const frame = currentFrame(app);
		expect(frame).toContain('PRACTICE (offline)');
		expect(frame).toContain('Key Management (simulated)');
		expect(frame).not.toContain('TEST');
		// No frame ever showed the welcome screen's Enter choice (Test) in a header.
		expect(app.frames.some((each) => each.includes('Step 2 of 7') && each.includes('TEST'))).toBe(false);
	});

	test('o, Enter, Esc at once: each key acts on the screen the previous one led to', async () => {
		const app = startApp();
		await waitForText(app, 'Where do you want to work?');
		app.stdin.write('o');
		app.stdin.write(keys.enter);
		app.stdin.write(keys.escape);
		// Esc went back from Create the key to Your account (not from Your account to Welcome).
		await waitForText(app, 'Step 2 of 7 · Your account');
		await waitForText(app, 'Which key will you use?');
		expect(currentFrame(app)).toContain('PRACTICE (offline)');
		app.stdin.write('k');
		await waitForText(app, 'portfolio');
		expect(currentFrame(app)).toContain('Step 2 of 7 · Your account');
	});
});

describe('a chunk of typed text where no text field is active', () => {
	test('o and Enter in one chunk (one write) act like o, then Enter on the next screen', async () => {
		const app = startApp();
		await waitForText(app, 'Where do you want to work?');
		app.stdin.write('o\r');
		await waitForText(app, 'Step 3 of 7 · Create the key');
		expect(currentFrame(app)).toContain('PRACTICE (offline)');
	});

	test('a text field still receives a paste whole, line break included (the checks report it)', async () => {
		const app = startApp();
		await waitForText(app, 'Where do you want to work?');
		app.stdin.write('o');
		app.stdin.write('k');
		await waitForText(app, 'Portfolio ID');
		await tick();
		app.stdin.write('portfolio_one\r');
		// One event: the field holds the text with its line break (shown as ⏎) and nothing was submitted.
		await waitForText(app, 'portfolio_one⏎');
	});

	test('splitTypedKeys: printable characters and Enter are split; control keys and single keys are not', () => {
		expect(splitTypedKeys('o\r', {...enterless}).map(([input, key]) => [input, key.return])).toEqual([
			['o', false],
			['', true],
		]);
		expect(splitTypedKeys('Ab', {...enterless}).map(([input, key]) => [input, key.shift])).toEqual([
			['A', true],
			['b', false],
		]);
		expect(splitTypedKeys('o', {...enterless})).toEqual([['o', enterless]]);
		expect(splitTypedKeys('a\u0015', {...enterless})).toHaveLength(1);
		expect(splitTypedKeys('ab', {...enterless, ctrl: true})).toHaveLength(1);
	});
});

describe('reducer: actions from a screen that is no longer current', () => {
	const onAccount: WizardState = wizardReducer(initialState, {type: 'choose-mode', mode: 'practice', from: 'welcome'});

	test('a second choice from the welcome screen is ignored once the account screen is current', () => {
		expect(onAccount.step).toBe('account');
		const after = wizardReducer(onAccount, {type: 'choose-mode', mode: 'test', from: 'welcome'});
		expect(after).toBe(onAccount);
		expect(after.mode).toBe('practice');
	});

	test('back from a screen that was already left is ignored; from the current one it goes back', () => {
		expect(wizardReducer(onAccount, {type: 'back', from: 'welcome'})).toBe(onAccount);
		expect(wizardReducer(onAccount, {type: 'back', from: 'account'}).step).toBe('welcome');
	});

	test('actions without a screen (engine events) are not affected', () => {
		expect(wizardReducer(onAccount, {type: 'practice-status', practice: {status: 'ready'}}).practice).toEqual({status: 'ready'});
	});
});
