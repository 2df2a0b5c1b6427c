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
