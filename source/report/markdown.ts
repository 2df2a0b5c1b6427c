/** Small Markdown builders that keep arbitrary text (CyberSource messages, URLs) from breaking the layout. */

function longestBacktickRun(text: string): number {
	let longest = 0;
	for (const run of text.match(/`+/g) ?? []) {
		longest = Math.max(longest, run.length);
	}

	return longest;
}

/** Inline code that survives backticks inside the text. */
export function inlineCode(text: string): string {
	const fence = '`'.repeat(longestBacktickRun(text) + 1);
	const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
	return `${fence}${pad}${text}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, language = 'text'): string {
	const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
	return `${fence}${language}\n${text}\n${fence}`;
}

/** Text safe inside a table cell: no pipes or line breaks. */
export function tableCell(text: string): string {
	return text.replaceAll('|', String.raw`\|`).replaceAll(/\r?\n/g, ' ');
}

/** A two-column table of label/value rows; rows whose value is undefined are left out. */
export function keyValueTable(rows: ReadonlyArray<readonly [string, string | undefined]>): string {
	const lines = ['| | |', '|---|---|'];
	for (const [label, value] of rows) {
		if (value !== undefined) {
			lines.push(`| ${tableCell(label)} | ${tableCell(value)} |`);
		}
	}

	return lines.join('\n');
}
