/**
 * Word wrapping for screens that scroll (the diagnosis details): text is cut into lines no wider
 * than the terminal, so the number of rows on screen is known before Ink draws them. Pure.
 */

/** Display width of a string, counting each code point as one column (the wizard's text has no wide characters). */
export function textWidth(text: string): number {
	return [...text].length;
}

/**
 * Wraps `text` at spaces into lines of at most `width` columns; the first line starts with `firstPrefix`,
 * the others with `restPrefix` (a hanging indent). A word longer than a line is cut.
 */
export function wrapText(text: string, width: number, firstPrefix = '', restPrefix = firstPrefix): string[] {
	const lines: string[] = [];
	let line = firstPrefix;
	let lineHasWord = false;
	const room = (prefix: string) => Math.max(1, width - textWidth(prefix));
	for (const word of text.split(/\s+/).filter((part) => part !== '')) {
		let rest = word;
		for (;;) {
			const prefix = lines.length === 0 ? firstPrefix : restPrefix;
			const candidate = lineHasWord ? `${line} ${rest}` : `${line}${rest}`;
			if (textWidth(candidate) <= width) {
				line = candidate;
				lineHasWord = true;
				break;
			}

			if (lineHasWord) {
				lines.push(line);
				line = restPrefix;
				lineHasWord = false;
				continue;
			}

			// A word longer than the whole line: cut it.
			const characters = [...rest];
			const fits = room(prefix);
			lines.push(`${line}${characters.slice(0, fits).join('')}`);
			rest = characters.slice(fits).join('');
			line = restPrefix;
			if (rest === '') break;
		}
	}

	if (lineHasWord || lines.length === 0) lines.push(line);
	return lines;
}
