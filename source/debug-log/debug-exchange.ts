/** The HTTP client's exchange report in the debug log's terms (used by `check --debug` and the wizard's `--debug`). */
import type {HttpExchange} from '../cybersource/client.js';
import type {DebugExchange} from './format-exchange.js';

export function debugExchange(exchange: HttpExchange): DebugExchange {
	const {request, response, error} = exchange;
	return {
		method: request.method,
		url: request.url,
		requestHeaders: request.headers,
		...(request.body === undefined ? {} : {requestBody: request.body}),
		...(response === undefined
			? {}
			: {status: response.status, responseHeaders: response.headers, responseBody: response.body}),
		...(error === undefined
			? {}
			: {error: `${error.code}${error.nodeCode === undefined ? '' : ` (${error.nodeCode})`}: ${error.message} Detail: ${error.detail}`}),
		durationMs: exchange.durationMs,
		startedAt: exchange.startedAt,
	};
}
