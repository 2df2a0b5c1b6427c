/**
 * What JSON.parse found wrong, for a message. V8's own message quotes the text around the mistake,
 * which in a file that holds a shared secret (a saved profile, the simulator's keys) can be part of
 * the secret: only the position is kept.
 */
export function jsonSyntaxErrorText(error: unknown): string {
	const position = error instanceof Error ? /at position (\d+)/.exec(error.message)?.[1] : undefined;
	return position === undefined ? 'a syntax error' : `a syntax error at character ${Number(position) + 1}`;
}
