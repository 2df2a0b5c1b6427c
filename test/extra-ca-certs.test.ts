// NODE_EXTRA_CA_CERTS works: Node reads it only at process start, so the built CLI is spawned. An
// HTTPS server on 127.0.0.1 presents a certificate from a private root (as a TLS-inspecting proxy
// would) and answers like CyberSource's 401. Without the variable the CLI must stop at TLS
// (TLS_ERROR, exit 3, the issuer named); with it the request gets through (AUTHENTICATION_FAILED, exit 1).
import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer, type Server} from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, expect, test} from 'vitest';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli.js');
const certPath = path.join(root, 'test', 'fixtures', 'tls', 'inspection-cert.pem');
const keyPath = path.join(root, 'test', 'fixtures', 'tls', 'inspection-key.pem');
const sample = {orgId: 'testrest', keyId: '08c94330-f618-42a3-b09d-e1e43be5efda', secret: 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE='};

let server: Server;
let baseUrl: string;
let configDir: string;
let requests = 0;

beforeAll(async () => {
	configDir = mkdtempSync(path.join(tmpdir(), 'cybs-extra-ca-'));
	server = createServer({cert: readFileSync(certPath), key: readFileSync(keyPath)}, (request, response) => {
		requests++;
		request.resume();
		request.on('end', () => {
			response.writeHead(401, {'content-type': 'application/json', 'v-c-correlation-id': 'a1b2c3d4-0000-4000-8000-000000000001'});
			response.end('{"response":{"rmsg":"Authentication Failed"}}');
		});
	});
	await new Promise<void>((resolve) => {
		server.listen(0, '127.0.0.1', resolve);
	});
	const {port} = server.address() as AddressInfo;
	baseUrl = `https://localhost:${port}`;
});

afterAll(async () => {
	await new Promise((resolve) => {
		server.close(resolve);
	});
	rmSync(configDir, {recursive: true, force: true});
});

async function check(extraEnv: Record<string, string>): Promise<{code: number | null; stdout: string}> {
	const child = spawn(
		process.execPath,
		[cli, 'check', '--base-url', baseUrl, '--org-id', sample.orgId, '--key-id', sample.keyId, '--auth', 'http-signature', '--json', '--no-lookup'],
		{
			env: {
				PATH: process.env['PATH'] ?? '',
				CYBS_KEY_WIZARD_CONFIG_DIR: configDir,
				CYBERSOURCE_SHARED_SECRET: sample.secret,
				...extraEnv,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	let stdout = '';
	child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
		stdout += chunk;
	});
	const code = await new Promise<number | null>((resolve) => {
		child.on('close', resolve);
	});
	return {code, stdout};
}

function codes(stdout: string): unknown[] {
	const parsed: unknown = JSON.parse(stdout);
	if (typeof parsed !== 'object' || parsed === null || !('results' in parsed) || !Array.isArray(parsed.results)) return [];
	return parsed.results.map((result: unknown) => (typeof result === 'object' && result !== null && 'code' in result ? result.code : undefined));
}

test('without NODE_EXTRA_CA_CERTS a private root stops the request at TLS (exit 3)', async () => {
	const before = requests;
	const {code, stdout} = await check({});
	expect(code).toBe(3);
	expect(codes(stdout)).toEqual(['TLS_ERROR']);
	expect(stdout).toContain('NODE_EXTRA_CA_CERTS');
	expect(stdout).toContain('Example Inspection Root');
	expect(requests).toBe(before);
});

test('with NODE_EXTRA_CA_CERTS naming that root the request gets through (401 from the server, exit 1)', async () => {
	const before = requests;
	const {code, stdout} = await check({NODE_EXTRA_CA_CERTS: certPath});
	expect(codes(stdout)).toEqual(['AUTHENTICATION_FAILED']);
	expect(code).toBe(1);
	expect(requests).toBeGreaterThan(before);
});
