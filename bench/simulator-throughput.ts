// Verified payment requests per second against the simulator on loopback.
// Run: node --import tsx bench/simulator-throughput.ts [--clients N] [--seconds S] [--url URL of a running simulator]
// The simulator runs in a child process (as `simulator` would) so that the signing clients and the
// server do not share one event loop; each request is signed afresh, as a real client does.
import {fork} from 'node:child_process';
import {randomUUID} from 'node:crypto';
import {fileURLToPath} from 'node:url';
import {performance} from 'node:perf_hooks';
import {Agent, request} from 'undici';
import {signHttpSignature} from '../source/cybersource/http-signature.js';
import {CompactSign} from 'jose';
import {jwtClaims, jwtHeader} from '../source/cybersource/jwt.js';
import {samplePayment} from '../source/cybersource/sample-payment.js';
import {secretKeyBytes} from '../source/cybersource/secret-key.js';
import {startSimulator} from '../source/simulator/server.js';
import {sampleKeyRecords} from '../source/simulator/key-record.js';

const sample = sampleKeyRecords[0];
if (sample === undefined) throw new Error('no sample key');

function flag(name: string, fallback: number): number {
	const index = process.argv.indexOf(name);
	const value = index === -1 ? undefined : Number(process.argv[index + 1]);
	return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}

async function serveInChild(): Promise<void> {
	const simulator = await startSimulator({searchDelayMs: 0});
	process.send?.({url: simulator.url});
	process.on('message', (message) => {
		if (message === 'cpu') {
			const usage = process.cpuUsage();
			process.send?.({cpuMs: (usage.user + usage.system) / 1000});
		}
		if (message === 'stop') void simulator.close().then(() => process.exit(0));
	});
}

/** The wizard's own sample payment (PROTOCOL §5.1) with a unique reference code. */
function paymentBody(): string {
	return JSON.stringify(samplePayment({code: `BENCH-${randomUUID()}`}));
}

type Scheme = 'http-signature' | 'jwt';
const jwtKey = secretKeyBytes(sample.secret);

async function signedHeaders(scheme: Scheme, host: string, body: string): Promise<Record<string, string>> {
	const common = {method: 'POST' as const, host, path: '/pts/v2/payments', body, merchantId: sample!.orgId, keyId: sample!.keyId, secret: sample!.secret};
	if (scheme === 'jwt') {
		// The project's claims and header, signed with a statically imported jose (signJwt imports jose
		// lazily on every call, which under tsx's loader would dominate the client's cost).
		const claims = jwtClaims({...common, iat: Math.floor(Date.now() / 1000), jti: randomUUID()});
		const token = await new CompactSign(new TextEncoder().encode(JSON.stringify(claims)))
			.setProtectedHeader(jwtHeader(sample!.keyId))
			.sign(jwtKey);
		return {authorization: `Bearer ${token}`, 'content-type': 'application/json'};
	}

	const signed = signHttpSignature({...common, date: new Date().toUTCString()});
	return {
		host: signed.headers.host,
		date: signed.headers.date,
		digest: signed.headers.digest ?? '',
		'v-c-merchant-id': signed.headers['v-c-merchant-id'],
		signature: signed.headers.signature,
		'content-type': 'application/json',
	};
}

type Figures = {scheme: Scheme; clientCpuMs: number; elapsedMs: number; requests: number; perSecond: number; p50: number; p99: number; errors: number; statuses: Record<string, number>; ids: string[]};

function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return 0;
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function load(url: string, scheme: Scheme, clients: number, seconds: number): Promise<Figures> {
	const dispatcher = new Agent({connections: clients, pipelining: 1});
	const host = new URL(url).host;
	const latencies: number[] = [];
	const statuses: Record<string, number> = {};
	const ids: string[] = [];
	let errors = 0;
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const deadline = started + seconds * 1000;
	async function client(): Promise<void> {
		while (performance.now() < deadline) {
			const body = paymentBody();
			const headers = await signedHeaders(scheme, host, body);
			const t0 = performance.now();
			try {
				const response = await request(`${url}/pts/v2/payments`, {method: 'POST', headers, body, dispatcher});
				const text = await response.body.text();
				latencies.push(performance.now() - t0);
				statuses[response.statusCode] = (statuses[response.statusCode] ?? 0) + 1;
				if (response.statusCode === 201) {
					const id: unknown = Reflect.get(JSON.parse(text), 'id');
					if (typeof id === 'string' && ids.length < 200) ids.push(id);
				} else {
					errors++;
				}
			} catch {
				errors++;
			}
		}
	}

	await Promise.all(Array.from({length: clients}, async () => client()));
	const elapsed = (performance.now() - started) / 1000;
	const cpu = process.cpuUsage(cpuBefore);
	await dispatcher.close();
	latencies.sort((a, b) => a - b);
	return {scheme, clientCpuMs: (cpu.user + cpu.system) / 1000, elapsedMs: elapsed * 1000, requests: latencies.length, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, statuses, ids};
}

async function lookupAll(url: string, ids: readonly string[]): Promise<number> {
	const host = new URL(url).host;
	let found = 0;
	for (const id of ids) {
		const path = `/tss/v2/transactions/${id}`;
		const signed = signHttpSignature({method: 'GET', host, path, date: new Date().toUTCString(), merchantId: sample!.orgId, keyId: sample!.keyId, secret: sample!.secret});
		const response = await request(`${url}${path}`, {
			method: 'GET',
			headers: {host, date: signed.headers.date, 'v-c-merchant-id': signed.headers['v-c-merchant-id'], signature: signed.headers.signature},
		});
		await response.body.text();
		if (response.statusCode === 200) found++;
	}

	return found;
}

async function serverCpuMs(child: ReturnType<typeof fork> | undefined): Promise<number | undefined> {
	if (child === undefined) return undefined;
	return new Promise((resolve) => {
		child.once('message', (message) => {
			const value: unknown = Reflect.get(Object(message), 'cpuMs');
			resolve(typeof value === 'number' ? value : undefined);
		});
		child.send('cpu');
	});
}

async function main(): Promise<void> {
	const clients = flag('--clients', 32);
	const seconds = flag('--seconds', 5);
	const urlIndex = process.argv.indexOf('--url');
	const given = urlIndex === -1 ? undefined : process.argv[urlIndex + 1];
	const child = given === undefined ? fork(fileURLToPath(import.meta.url), ['--serve'], {execArgv: process.execArgv, stdio: 'inherit'}) : undefined;
	const url =
		given ??
		(await new Promise<string>((resolve) => {
			child?.once('message', (message) => resolve(String(Reflect.get(Object(message), 'url'))));
		}));
	console.log(`simulator ${url} (${child ? 'child process' : 'given'}); ${clients} concurrent undici clients, ${seconds} s per scheme, each request signed afresh`);
	await load(url, 'http-signature', clients, 1);
	for (const scheme of ['http-signature', 'jwt'] as const) {
		const serverBefore = await serverCpuMs(child);
		const figures = await load(url, scheme, clients, seconds);
		const serverAfter = await serverCpuMs(child);
		const found = await lookupAll(url, figures.ids);
		const serverShare =
			serverBefore === undefined || serverAfter === undefined
				? ''
				: `  server CPU ${(((serverAfter - serverBefore) * 1000) / figures.requests).toFixed(0)} µs/request (${((serverAfter - serverBefore) / figures.elapsedMs * 100).toFixed(0)}% of a core)`;
		console.log(
			`${scheme.padEnd(15)} ${figures.perSecond.toFixed(0).padStart(6)} verified payments/s  p50 ${figures.p50.toFixed(1)} ms  p99 ${figures.p99.toFixed(1)} ms  requests ${figures.requests}  errors ${figures.errors}  statuses ${JSON.stringify(figures.statuses)}  lookups ${found}/${figures.ids.length} found${serverShare}  client CPU ${(figures.clientCpuMs / figures.elapsedMs * 100).toFixed(0)}% of a core`,
		);
	}

	child?.send('stop');
}

if (process.argv.includes('--serve')) await serveInChild();
else await main();
