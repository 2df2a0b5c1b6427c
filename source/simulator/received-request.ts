/** A request exactly as the simulator received it: the input of authentication and routing. */

export type ReceivedRequest = {
	/** Method from the request line, as received. */
	readonly method: string;
	/** Raw request target (path plus query) from the request line. */
	readonly target: string;
	/** Header values by lower-case name (node's IncomingMessage.headers shape). */
	readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
	/** The exact body bytes received. */
	readonly body: Uint8Array;
};

/** One header's value; a repeated header is joined with ", " as node does for unknown headers. */
export function headerValue(request: ReceivedRequest, name: string): string | undefined {
	const value = request.headers[name];
	if (value === undefined) return undefined;
	return typeof value === 'string' ? value : value.join(', ');
}

/** The path without its query string. */
export function pathOf(target: string): string {
	const index = target.indexOf('?');
	return index === -1 ? target : target.slice(0, index);
}
