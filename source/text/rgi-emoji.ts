/**
 * A drop-in for string-width's `/^\p{RGI_Emoji}$/v` (it only calls `.test(cluster)`). Building that
 * regular expression loads ICU's emoji-sequence data, 17–25 ms on this machine, when string-width's module
 * loads, before the first frame. A cluster that is one simple character (simple-characters.ts) is answered
 * from the generated table; anything else goes to the real expression, built on first need.
 * scripts/bundle.mjs substitutes this in string-width; test/grapheme-segmenter.test.ts checks the answers.
 */
import {isSimpleCodeUnit, isSimpleRgiEmoji} from './simple-characters.js';

export type TextTest = {test(text: string): boolean};

export function createRgiEmojiTest(): TextTest {
	let icu: RegExp | undefined;
	return {
		test(text) {
			if (text.length === 1 && isSimpleCodeUnit(text.charCodeAt(0))) return isSimpleRgiEmoji(text.charCodeAt(0));
			icu ??= new RegExp(String.raw`^\p{RGI_Emoji}$`, 'v');
			return icu.test(text);
		},
	};
}
