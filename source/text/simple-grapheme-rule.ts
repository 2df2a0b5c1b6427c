// Which code points always form a grapheme cluster of their own (UAX #29 Grapheme_Cluster_Break=Other
// and no emoji-sequence role), shared by scripts/generate-simple-graphemes.ts and its test. Not used at
// run time: these regular expressions are what the generated table saves the wizard from evaluating.
//
// UAX #29 only joins a character to a neighbour when one of them is CR/LF/Control (GB3–GB5), Hangul
// (GB6–GB8), Extend, ZWJ or SpacingMark (GB9, GB9a), Prepend (GB9b), an Indic conjunct linker (GB9c,
// Extend), part of an emoji ZWJ sequence (GB11, needs ZWJ) or a Regional_Indicator (GB12/13). A
// Grapheme_Base character that is not a mark (SpacingMark is Mc), not default-ignorable and not
// Hangul is none of these (the only Grapheme_Base Prepend and SpacingMark letters, U+0D4E, U+0E33 and
// U+0EB3, lie outside the blocks below). Extended_Pictographic characters such as ✔ U+2714 stay:
// they only join through ZWJ or Extend, which are never simple.

/** The blocks the table covers: Latin, Greek, Cyrillic, punctuation, symbols, arrows, box drawing, dingbats, braille. */
export const simpleGraphemeBlocks: ReadonlyArray<readonly [number, number]> = [
	[0x00_a0, 0x05_2f],
	[0x1e_00, 0x1f_ff],
	[0x20_00, 0x2b_ff],
];

const graphemeBase = /^\p{Grapheme_Base}$/u;
const mark = /^\p{M}$/u;
const defaultIgnorable = /^\p{Default_Ignorable_Code_Point}$/u;

export function isSimpleGraphemeCodePoint(codePoint: number): boolean {
	if (codePoint >= 0x11_00 && codePoint <= 0x11_ff) return false; // Hangul Jamo (not in the blocks; kept for safety)
	const character = String.fromCodePoint(codePoint);
	return graphemeBase.test(character) && !mark.test(character) && !defaultIgnorable.test(character);
}

const rgiEmoji = new RegExp(String.raw`^\p{RGI_Emoji}$`, 'v');

/** An RGI emoji on its own (the regular expression string-width uses). */
export function isRgiEmojiCodePoint(codePoint: number): boolean {
	return rgiEmoji.test(String.fromCodePoint(codePoint));
}
