/**
 * The simulator's HTTP server: reads each request whole, authenticates it exactly as CyberSource
 * would, routes it, applies the configured faults and answers in CyberSource's shapes.
 */
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {performance} from 'node:perf_hooks';
import {environment} from '../cybersource/environments.js';
import {authenticate} from './authenticate.js';
import type {AuthContext} from './auth-types.js';
import {proxyErrorPage} from './faults.js';
import {createIdSource} from './ids.js';
import {appendKeyToFile} from './keys-file.js';
import {generateKeyRecord, cleanKeyRecord} from './key-record.js';
import {KeyStore} from './key-store.js';
import type {ReceivedRequest} from './received-request.js';
import {authenticationFailedBody, serverErrorBody, tooLargeBody} from './responses.js';
import {route, type Answer} from './routes.js';
import {TransactionStore} from './transaction-store.js';
import type {Faults, KeyRecord, Simulator, SimulatorOptions} from './types.js';

/** Bodies above this are refused with 413. */
export const maxBodyBytes = 1024 * 1024;
/** Beyond this the connection is dropped instead of reading on. */
const discardLimitBytes = 16 * maxBodyBytes;

export const defaultSearchDelayMs = 3000;
export const defaultMaxSkewSeconds = 300;

function urlHost(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
	const env = options.env ?? 'test';
	const host = options.host ?? '127.0.0.1';
	const clock = options.clock ?? Date.now;
	const explain = options.explain;
	const searchDelayMs = options.searchDelayMs ?? defaultSearchDelayMs;
	const maxSkewSeconds = options.maxSkewSeconds ?? defaultMaxSkewSeconds;
	const apiHost = environment(env).apiHost;
	const keysFile = options.keysFile;
	const keys = new KeyStore({
		env,
		...(keysFile === undefined ? {} : {keysFile}),
		acceptSampleCredentials: options.acceptSampleCredentials ?? env === 'test',
		...(explain === undefined ? {} : {warn: explain}),
	});
	const problem = await keys.load();
	if (problem !== undefined) throw new Error(problem);

	let faults: Faults = {...options.faults};
	const store = new TransactionStore();
	const ids = createIdSource();
	const timers = new Set<NodeJS.Timeout>();
	let closed = false;

	const lookup = async (keyId: string) => keys.lookup(keyId);

	function writeJson(res: ServerResponse, status: number, body: unknown, correlationId: string, started: number): void {
		const text = JSON.stringify(body);
		res.writeHead(status, {
			'content-type': 'application/hal+json',
			'content-length': Buffer.byteLength(text),
			'v-c-correlation-id': correlationId,
			date: new Date(clock()).toUTCString(),
			'x-response-time': `${Math.round(performance.now() - started)}ms`,
			'strict-transport-security': 'max-age=31536000',
			'cache-control': 'no-cache, no-store, must-revalidate',
			pragma: 'no-cache',
			expires: '-1',
		});
		res.end(text);
	}

	function writeResetMidResponse(res: ServerResponse, status: number, body: unknown, correlationId: string): void {
		const text = Buffer.from(JSON.stringify(body));
		res.writeHead(status, {
			'content-type': 'application/hal+json',
			'content-length': text.length,
			'v-c-correlation-id': correlationId,
		});
		res.write(text.subarray(0, Math.floor(text.length / 2)), () => {
			res.socket?.resetAndDestroy();
		});
	}

	function writeHtml(res: ServerResponse): void {
		res.writeHead(502, {
			'content-type': 'text/html',
			'content-length': Buffer.byteLength(proxyErrorPage),
			server: 'corporate-proxy',
		});
		res.end(proxyErrorPage);
	}

	function later(ms: number, action: () => void): void {
		if (ms <= 0) {
			action();
			return;
		}

		const timer = setTimeout(() => {
			timers.delete(timer);
			if (!closed) action();
		}, ms);
		timers.add(timer);
	}

	async function answerFor(request: ReceivedRequest, tooLarge: boolean): Promise<Answer> {
		const nowMs = clock();
		if (tooLarge) {
			return {status: 413, body: tooLargeBody(nowMs, maxBodyBytes), note: `413: the body is over ${maxBodyBytes} bytes`};
		}

		const context: AuthContext = {env, apiHost, nowMs, maxSkewSeconds, lookup};
		const auth = await authenticate(request, context);
		if (!auth.ok) return {status: 401, body: authenticationFailedBody, note: `401 Authentication Failed: ${auth.reason}`};
		const answer = route(request, auth, {nowMs: clock(), searchDelayMs, store, ids});
		const via = auth.scheme === 'jwt' ? 'JWT' : 'HTTP Signature';
		const meta = auth.portfolioId === undefined ? '' : ` (meta key of portfolio ${auth.portfolioId})`;
		return {...answer, note: `${answer.note}; authenticated by ${via}, key ${auth.keyId}${meta}`};
	}

	async function respond(req: IncomingMessage, res: ServerResponse, body: Buffer, tooLarge: boolean, started: number) {
		const active = faults;
		const line = `${req.method ?? '?'} ${req.url ?? '?'}`;
		if (active.hang) {
			explain?.(`${line} → no answer (fault: hang)`);
			return;
		}

		const delay = active.delayMs ?? 0;
		if (active.html) {
			explain?.(`${line} → 502 HTML page without v-c-correlation-id (fault: html)`);
			later(delay, () => writeHtml(res));
			return;
		}

		const correlationId = ids.correlationId();
		if (active.status502) {
			explain?.(`${line} → 502 SERVER_ERROR SYSTEM_ERROR (fault: 502) [${correlationId}]`);
			later(delay, () => writeJson(res, 502, serverErrorBody(clock()), correlationId, started));
			return;
		}

		const request: ReceivedRequest = {method: req.method ?? '', target: req.url ?? '', headers: req.headers, body};
		const answer = await answerFor(request, tooLarge);
		if (active.reset) {
			explain?.(`${line} → ${answer.note}; connection reset mid-response (fault: reset) [${correlationId}]`);
			later(delay, () => writeResetMidResponse(res, answer.status, answer.body, correlationId));
			return;
		}

		explain?.(`${line} → ${answer.note} [${correlationId}]`);
		later(delay, () => writeJson(res, answer.status, answer.body, correlationId, started));
	}

	const server = createServer((req, res) => {
		const started = performance.now();
		res.sendDate = false;
		const chunks: Buffer[] = [];
		let size = 0;
		let tooLarge = Number(req.headers['content-length'] ?? 0) > maxBodyBytes;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > discardLimitBytes) {
				req.destroy();
				return;
			}

			if (size > maxBodyBytes) tooLarge = true;
			if (!tooLarge) chunks.push(chunk);
		});
		req.on('end', () => {
			const body = chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks);
			respond(req, res, body, tooLarge, started).catch((error: unknown) => {
				explain?.(`${req.method ?? '?'} ${req.url ?? '?'} → 500: ${error instanceof Error ? error.message : String(error)}`);
				if (!res.headersSent) writeJson(res, 500, serverErrorBody(clock()), ids.correlationId(), started);
			});
		});
		req.on('error', () => {
			// The client went away; nothing to answer.
		});
	});

	await new Promise<void>((resolve, reject) => {
		const onError = (error: Error) => reject(error);
		server.once('error', onError);
		server.listen(options.port ?? 0, host, () => {
			server.off('error', onError);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address !== null ? address.port : 0;

	return {
		url: `http://${urlHost(host)}:${port}`,
		port,
		env,
		async close() {
			if (closed) return;
			closed = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
		generateKey(input) {
			const record = generateKeyRecord({
				orgId: input.orgId,
				env,
				...(input.portfolioId === undefined ? {} : {portfolioId: input.portfolioId}),
				...(input.merchants === undefined ? {} : {merchants: input.merchants}),
			});
			if (keysFile !== undefined) appendKeyToFile(keysFile, record);
			keys.add(record);
			return record;
		},
		addKey(record: KeyRecord) {
			keys.add(cleanKeyRecord(record));
		},
		setFaults(next: Faults) {
			faults = {...next};
		},
		acceptedKeyIds: () => keys.acceptedKeyIds(),
		transactions: () => store.views(),
	};
}
