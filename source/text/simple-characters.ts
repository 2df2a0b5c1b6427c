/**
 * Questions about text answered from the generated table (simple-graphemes.ts) instead of ICU: is every
 * code unit of a string its own grapheme cluster, and is a single simple character an RGI emoji.
 */
import {simpleGraphemeRanges, simpleRgiEmoji} from './simple-graphemes.js';

const carriageReturn = 0x0d;
let simpleTable: Uint8Array | undefined;
let rgiEmoji: ReadonlySet<number> | undefined;

/** One byte per BMP code unit up to the last simple range: 1 = its own cluster. Built on first non-ASCII input. */
function table(): Uint8Array {
	if (simpleTable) return simpleTable;
	const built = new Uint8Array((simpleGraphemeRanges.at(-1) ?? 0) + 1);
	for (let index = 0; index + 1 < simpleGraphemeRanges.length; index += 2) {
		built.fill(1, simpleGraphemeRanges[index], (simpleGraphemeRanges[index + 1] ?? 0) + 1);
	}

	simpleTable = built;
	return built;
}

/** ASCII other than CR (CR LF is one cluster), or a character of the simple table. */
export function isSimpleCodeUnit(code: number): boolean {
	if (code < 0x80) return code !== carriageReturn;
	const simple = table();
	return code < simple.length && simple[code] === 1;
}

/** True when every code unit of `input` is a grapheme cluster of its own (so ICU is not needed to segment it). */
export function isOneClusterPerCodeUnit(input: string): boolean {
	for (let index = 0; index < input.length; index++) {
		if (!isSimpleCodeUnit(input.charCodeAt(index))) return false;
	}

	return true;
}

/** For a simple code unit: is it an RGI emoji on its own (⌚ ⚡ ✅ ❌ ⭐ …)? ASCII never is. */
export function isSimpleRgiEmoji(code: number): boolean {
	rgiEmoji ??= new Set(simpleRgiEmoji);
	return rgiEmoji.has(code);
}
