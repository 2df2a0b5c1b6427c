/**
 * A drop-in for `new Intl.Segmenter(locales, {granularity: 'grapheme'})` that answers without ICU when
 * every character of the input is its own grapheme cluster (ASCII other than CR, and the simple
 * characters of simple-graphemes.ts: accented Latin, Greek, Cyrillic, ·, –, …, →, ✔, box drawing,
 * braille), and hands anything else to a real Intl.Segmenter created on first need.
 *
 * Why: creating the first Intl.Segmenter loads ICU's break-iterator data, ~15–25 ms on this machine,
 * and Ink's text measuring (string-width, slice-ansi, @alcalzone/ansi-tokenize) creates four of them
 * when its module loads, before the first frame. scripts/bundle.mjs substitutes this function for
 * `new Intl.Segmenter` in exactly those modules. The answers are the same as ICU's (test/grapheme-segmenter.test.ts).
 */
import {isOneClusterPerCodeUnit} from './simple-characters.js';

export type GraphemeSegment = {readonly segment: string; readonly index: number; readonly input: string};

export type GraphemeSegments = Iterable<GraphemeSegment> & {
	containing(codeUnitIndex?: number): GraphemeSegment | undefined;
};

export type GraphemeSegmenter = {segment(input: string): GraphemeSegments};

function oneClusterPerCodeUnit(input: string): GraphemeSegments {
	const at = (index: number): GraphemeSegment => ({segment: input.charAt(index), index, input});
	return {
		*[Symbol.iterator]() {
			for (let index = 0; index < input.length; index++) yield at(index);
		},
		containing(codeUnitIndex = 0) {
			// As Intl: ToIntegerOrInfinity (NaN is 0), then undefined outside the string.
			const number = Number(codeUnitIndex);
			const index = Number.isNaN(number) ? 0 : Math.trunc(number);
			return index < 0 || index >= input.length ? undefined : at(index);
		},
	};
}

export function createGraphemeSegmenter(locales?: string | string[], options?: Intl.SegmenterOptions): GraphemeSegmenter {
	let icu: Intl.Segmenter | undefined;
	const real = () => (icu ??= new Intl.Segmenter(locales, options));
	const grapheme = options?.granularity === undefined || options.granularity === 'grapheme';
	return {
		segment(input) {
			return grapheme && isOneClusterPerCodeUnit(input) ? oneClusterPerCodeUnit(input) : real().segment(input);
		},
	};
}
