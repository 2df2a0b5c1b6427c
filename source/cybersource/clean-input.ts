/**
 * Cleans a pasted value: surrounding whitespace, invisible characters and quotes are removed, and the
 * result says what was removed in words the user recognises. Never returns or describes the text itself.
 */

export type CleanedInput = {
	readonly value: string;
	/** Short phrases, e.g. ["a trailing newline", "surrounding quotes"]; empty when nothing was removed. */
	readonly removed: readonly string[];
};

/** Quote characters people paste around values: ASCII and typographic. */
const quoteCharacters = new Set(['"', "'", '`', '\u201C', '\u201D', '\u2018', '\u2019']);

/** Zero-width and byte-order-mark characters that copy-paste sometimes carries along. */
const invisibleCharacters = new Set(['\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF']);

type EdgeKind = 'newline' | 'space' | 'invisible' | 'quote';

function edgeKind(character: string): EdgeKind | undefined {
	if (character === '\n' || character === '\r') return 'newline';
	if (invisibleCharacters.has(character)) return 'invisible';
	if (/^\s$/u.test(character)) return 'space';
	if (quoteCharacters.has(character)) return 'quote';
	return undefined;
}

type Removed = Record<EdgeKind, number>;

function emptyRemoved(): Removed {
	return {newline: 0, space: 0, invisible: 0, quote: 0};
}

function whitespacePhrase(side: 'leading' | 'trailing', removed: Removed): string | undefined {
	const {newline, space} = removed;
	if (newline > 0 && space > 0) return `${side} whitespace`;
	if (newline > 0) return newline === 1 ? `a ${side} newline` : `${side} newlines`;
	if (space > 0) return space === 1 ? `a ${side} space` : `${side} spaces`;
	return undefined;
}

function joinPhrases(phrases: readonly string[]): string {
	if (phrases.length <= 1) return phrases.join('');
	return `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1) ?? ''}`;
}

/** Removes surrounding whitespace, zero-width characters and quotes (any mix, any depth). */
export function cleanInput(raw: string): CleanedInput {
	const leading = emptyRemoved();
	const trailing = emptyRemoved();
	let start = 0;
	let end = raw.length;
	for (;;) {
		const kind = start < end ? edgeKind(raw.charAt(start)) : undefined;
		if (kind === undefined) break;
		leading[kind] += 1;
		start += 1;
	}

	for (;;) {
		const kind = end > start ? edgeKind(raw.charAt(end - 1)) : undefined;
		if (kind === undefined) break;
		trailing[kind] += 1;
		end -= 1;
	}

	const phrases: string[] = [];
	const leadingWhitespace = leading.newline + leading.space > 0;
	const trailingWhitespace = trailing.newline + trailing.space > 0;
	if (leadingWhitespace && trailingWhitespace) {
		phrases.push('surrounding whitespace');
	} else {
		const phrase = whitespacePhrase('leading', leading) ?? whitespacePhrase('trailing', trailing);
		if (phrase) phrases.push(phrase);
	}

	if (leading.quote > 0 && trailing.quote > 0) phrases.push('surrounding quotes');
	else if (leading.quote > 0) phrases.push(leading.quote === 1 ? 'a leading quote' : 'leading quotes');
	else if (trailing.quote > 0) phrases.push(trailing.quote === 1 ? 'a trailing quote' : 'trailing quotes');
	if (leading.invisible + trailing.invisible > 0) phrases.push('invisible characters (zero-width space or byte order mark)');
	return {value: raw.slice(start, end), removed: phrases};
}

/** "Removed a trailing newline and surrounding quotes" (optionally naming the field), or undefined. */
export function describeRemoved(removed: readonly string[], from?: string): string | undefined {
	if (removed.length === 0) return undefined;
	return `Removed ${joinPhrases(removed)}${from ? ` from ${from}` : ''}.`;
}
