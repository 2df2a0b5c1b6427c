/** Comment text that cannot break out of a line comment (no line breaks, no control characters). */
export function commentText(text: string): string {
	return text.replaceAll(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ');
}

/** Each line prefixed with a line-comment marker (`//`, `#`). */
export function commentBlock(marker: string, lines: readonly string[]): string {
	return lines.map((line) => (line === '' ? marker : `${marker} ${commentText(line)}`)).join('\n');
}
