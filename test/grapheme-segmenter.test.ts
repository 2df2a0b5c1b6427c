// source/text/grapheme-segmenter.ts and rgi-emoji.ts stand in for Intl.Segmenter and /^\p{RGI_Emoji}$/v
// inside Ink's text measuring (see scripts/bundle.mjs). They must give exactly ICU's answers, for every
// input, and the committed table must match the Unicode data of the Node that runs it.
import fc from 'fast-check';
import {afterEach, describe, expect, test} from 'vitest';
import {createGraphemeSegmenter, type GraphemeSegments} from '../source/text/grapheme-segmenter.js';
import {createRgiEmojiTest} from '../source/text/rgi-emoji.js';
import {isOneClusterPerCodeUnit} from '../source/text/simple-characters.js';
import {isSimpleGraphemeCodePoint, simpleGraphemeBlocks} from '../source/text/simple-grapheme-rule.js';
import {simpleGraphemeRanges} from '../source/text/simple-graphemes.js';
import {createHarness, startWizard, type Harness} from './helpers/wizard-harness.js';
import {currentFrame, waitForText} from './helpers/ink.js';

const icu = new Intl.Segmenter();
const ours = createGraphemeSegmenter();
const icuRgiEmoji = new RegExp(String.raw`^\p{RGI_Emoji}$`, 'v');
const ourRgiEmoji = createRgiEmojiTest();

function listed(segments: Iterable<{segment: string; index: number; input: string}>) {
	return [...segments].map(({segment, index, input}) => ({segment, index, input}));
}

function containingAll(segments: Intl.Segments | GraphemeSegments, length: number) {
	return [-1, ...Array.from({length: length + 1}, (_, index) => index), Number.NaN, 1.7].map((index) => {
		const found = segments.containing(index);
		return found === undefined ? undefined : {segment: found.segment, index: found.index};
	});
}

function expectSameAsIcu(text: string) {
	expect(listed(ours.segment(text))).toEqual(listed(icu.segment(text)));
	expect(containingAll(ours.segment(text), text.length)).toEqual(containingAll(icu.segment(text), text.length));
	for (const {segment} of icu.segment(text)) expect([segment, ourRgiEmoji.test(segment)]).toEqual([segment, icuRgiEmoji.test(segment)]);
}

const simpleCharacters = (() => {
	const characters: string[] = [];
	for (let index = 0; index + 1 < simpleGraphemeRanges.length; index += 2) {
		for (let code = simpleGraphemeRanges[index] ?? 0; code <= (simpleGraphemeRanges[index + 1] ?? -1); code++) characters.push(String.fromCharCode(code));
	}

	return characters;
})();

describe('the simple-grapheme table', () => {
	test('is exactly the rule applied to its blocks with this Node’s Unicode data (else: npm run generate:graphemes)', () => {
		const expected: string[] = [];
		for (const [first, last] of simpleGraphemeBlocks) {
			for (let code = first; code <= last; code++) if (isSimpleGraphemeCodePoint(code)) expected.push(String.fromCharCode(code));
		}

		expect(simpleCharacters.length).toBe(expected.length);
		expect(simpleCharacters).toEqual(expected);
	});

	test('holds the characters the wizard draws with, and not marks, joiners, variation selectors or CR', () => {
		for (const character of '·–•…›§→↑↓✔✖⚠ℹ⏎☐❯⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏─│╭╮╰╯éüñßΩЖ') expect(isOneClusterPerCodeUnit(character)).toBe(true);
		for (const character of ['\r', '\u0301', '\u200D', '\uFE0F', '\u00AD', '\u200B', '\uD83D', '\u1100', '\uAC00', '中']) {
			expect(isOneClusterPerCodeUnit(`a${character}`)).toBe(false);
		}
	});
});

describe('createGraphemeSegmenter', () => {
	test('segments every simple character as ICU does, next to itself, ASCII, controls, escapes and other simple characters', () => {
		for (const character of simpleCharacters) {
			expectSameAsIcu(`a${character}${character}\n\u001B[1m${character}·\t${character}✔`);
		}
	});

	test('hands everything else to ICU: CR LF, combining marks, emoji sequences, Hangul, CJK, lone surrogates', () => {
		for (const text of ['a\r\nb', 'e\u0301', '👍🏽', '👨‍👩‍👧', '✔\uFE0F', '🇩🇪🇫🇷', '\u1100\u1161\u11A8', '한국어', '中文字', '\uD800a', '1\uFE0F\u20E3', 'क्षि']) {
			expect(isOneClusterPerCodeUnit(text)).toBe(false);
			expectSameAsIcu(text);
		}
	});

	test('10,000 random strings of mixed characters: the same segments, containing() and RGI emoji answers as ICU', () => {
		const awkward = [
			'\r', '\n', '\r\n', '\u001B', '\u0000', '\t', '\u0301', '\u0308', '\u200D', '\u200C', '\uFE0F', '\uFE0E', '\u20E3', '\u00AD', '\u200B',
			'\u2028', '\uFEFF', '\uD83D', '\uDC4D', '👍', '🏽', '🇩', '🇪', '\u1100', '\u1161', '\u11A8', '가', '中', '\u0915', '\u094D', '\u0D4E',
			'\u0E33', '\u0600', '©', '®', '™', '‼', '↔', '▶',
		];
		const character = fc.oneof(
			fc.constantFrom(...simpleCharacters),
			fc.constantFrom(...awkward),
			fc.integer({min: 0x20, max: 0x7e}).map((code) => String.fromCharCode(code)),
			fc.integer({min: 0, max: 0xffff}).map((code) => String.fromCharCode(code)),
			fc.integer({min: 0x1_0000, max: 0x10_ffff}).map((code) => String.fromCodePoint(code)),
		);
		fc.assert(
			fc.property(fc.array(character, {maxLength: 24}), (parts) => {
				expectSameAsIcu(parts.join(''));
			}),
			{numRuns: 10_000},
		);
	});

	test('answers the RGI emoji question as ICU does for every ASCII and simple character, and for emoji sequences', () => {
		const ascii = Array.from({length: 0x80}, (_, code) => String.fromCharCode(code));
		const answers = [...ascii, ...simpleCharacters].filter((character) => ourRgiEmoji.test(character));
		expect(answers).toEqual([...ascii, ...simpleCharacters].filter((character) => icuRgiEmoji.test(character)));
		expect(answers).toContain('⚡');
		expect(answers).not.toContain('✔');
		for (const text of ['✔\uFE0F', '👍🏽', '👨‍👩‍👧', '🇩🇪', '1\uFE0F\u20E3', '#', '😀', '⚡\uFE0F', 'ab']) expect(ourRgiEmoji.test(text)).toBe(icuRgiEmoji.test(text));
	});

	test('other granularities always go to ICU', () => {
		const words = createGraphemeSegmenter('en', {granularity: 'word'});
		expect(listed(words.segment('hello world'))).toEqual(listed(new Intl.Segmenter('en', {granularity: 'word'}).segment('hello world')));
	});
});

describe('the welcome screen', () => {
	let harness: Harness | undefined;
	afterEach(async () => {
		await harness?.close();
		harness = undefined;
	});

	test('is drawn only with characters that need no ICU, so the first frame never loads it', async () => {
		harness = await createHarness();
		for (const display of [{}, {plain: true}, {redactIds: true}]) {
			const app = startWizard(harness.services(), display);
			await waitForText(app, 'Where do you want to work?');
			const frame = currentFrame(app);
			expect(frame).toContain('Step 1 of 7');
			expect([...frame].filter((character) => !isOneClusterPerCodeUnit(character))).toEqual([]);
			app.unmount();
		}
	});
});
