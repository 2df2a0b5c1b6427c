// A real node:http server on 127.0.0.1 (port 0) that records the exact bytes and headers it receives.
import {createServer, type IncomingHttpHeaders, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

export type ReceivedRequest = {
	readonly method: string;
	/** Path and query exactly as on the request line. */
	readonly url: string;
	readonly headers: IncomingHttpHeaders;
	/** Raw header names and values in the order received. */
	readonly rawHeaders: readonly string[];
	readonly body: Buffer;
};

export type RecordingHandler = (request: ReceivedRequest, response: ServerResponse) => void;

export type RecordingServer = {
	/** e.g. http://127.0.0.1:40123 */
	readonly baseUrl: string;
	readonly port: number;
	readonly received: ReceivedRequest[];
	/** Resolves when the next request has been fully received. */
	nextRequest(): Promise<ReceivedRequest>;
	close(): Promise<void>;
};

export async function startRecordingServer(handler: RecordingHandler): Promise<RecordingServer> {
	const received: ReceivedRequest[] = [];
	const waiting: Array<(request: ReceivedRequest) => void> = [];
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const record: ReceivedRequest = {
				method: request.method ?? '',
				url: request.url ?? '',
				headers: request.headers,
				rawHeaders: request.rawHeaders,
				body: Buffer.concat(chunks),
			};
			received.push(record);
			for (const resolve of waiting.splice(0)) resolve(record);
			handler(record, response);
		});
	});
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const address = server.address();
	if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
	const {port} = address satisfies AddressInfo;
	return {
		baseUrl: `http://127.0.0.1:${port}`,
		port,
		received,
		async nextRequest() {
			return new Promise((resolve) => {
				waiting.push(resolve);
			});
		},
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => {
				server.close(() => {
					resolve();
				});
			});
		},
	};
}

/** Sends a JSON answer with the headers CyberSource sends. */
export function sendJson(
	response: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {'v-c-correlation-id': 'c0ffee00-1111-4222-8333-444455556666'},
): void {
	const text = typeof body === 'string' ? body : JSON.stringify(body);
	response.writeHead(status, {'content-type': 'application/hal+json', ...headers});
	response.end(text);
}

const hopByHop = new Set(['content-length', 'connection']);

function forwardableHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
	const kept: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (typeof value === 'string' && !hopByHop.has(name)) kept[name] = value;
	}

	return kept;
}

/**
 * A recording proxy in front of `targetUrl` (a simulator): every GET and POST is forwarded with its
 * headers, and the answer passed back. `rewriteBody` changes a POST body on the way (a body-rewriting
 * middlebox), `rewriteHeaders` the request headers; without them the bytes pass unchanged.
 */
export async function startRecordingProxy(
	targetUrl: string,
	rewriteBody: (body: Buffer) => Buffer = (body) => body,
	rewriteHeaders: (headers: Record<string, string>) => Record<string, string> = (headers) => headers,
): Promise<RecordingServer> {
	const {request} = await import('undici');
	return startRecordingServer((received, response) => {
		const post = received.method === 'POST';
		void request(`${targetUrl}${received.url}`, {
			method: post ? 'POST' : 'GET',
			headers: rewriteHeaders(forwardableHeaders(received.headers)),
			...(post ? {body: rewriteBody(received.body)} : {}),
		}).then(async (answer) => {
			const text = await answer.body.text();
			response.writeHead(answer.statusCode, forwardableHeaders(answer.headers));
			response.end(text);
		});
	});
}
