/**
 * `cybs-key-wizard simulator`: runs the offline CyberSource simulator until Ctrl+C / SIGTERM.
 * `cybs-key-wizard simulator keygen`: creates a key pair as Business Center would.
 */
import path from 'node:path';
import {isLoopbackHost} from '../cybersource/environments.js';
import {defaultSimulatorKeysFile} from '../config-dir.js';
import {exitCodes} from '../exit-codes.js';
import {parseKeygenArgs, parseServeArgs, type KeygenArgs, type ServeArgs} from '../simulator/cli-args.js';
import {generateKeyRecord} from '../simulator/key-record.js';
import {writeKeyFile} from '../simulator/key-file-writer.js';
import {appendKeyToFile, ensureKeysDirectory, readKeysFileSync} from '../simulator/keys-file.js';
import {startSimulator} from '../simulator/server.js';
import {UsageError, type CommandIo, type CommandMain} from './command-io.js';

function keysFileFor(io: CommandIo, given: string | undefined): string {
	return given === undefined ? defaultSimulatorKeysFile(io.env) : path.resolve(io.cwd, given);
}

function describeFaults(args: ServeArgs): string {
	const {faults} = args;
	const list = [
		...(faults.delayMs === undefined ? [] : [`delay ${faults.delayMs / 1000} s`]),
		...(faults.status502 ? ['502'] : []),
		...(faults.html ? ['html'] : []),
		...(faults.reset ? ['reset'] : []),
		...(faults.hang ? ['hang'] : []),
	];
	return list.length === 0 ? '' : `; faults: ${list.join(', ')}`;
}

async function serve(io: CommandIo, args: ServeArgs): Promise<number> {
	const keysFile = keysFileFor(io, args.keysFile);
	ensureKeysDirectory(keysFile);
	if (args.hostGiven && !isLoopbackHost(args.host)) {
		io.stderr.write(
			`Warning: listening on ${args.host}, reachable from other machines. The simulator accepts the published sample credentials and every key in ${keysFile}; it is not a secure service.\n`,
		);
	}

	const skewMs = args.clockSkewSeconds * 1000;
	let simulator;
	try {
		simulator = await startSimulator({
			port: args.port,
			host: args.host,
			env: args.env,
			keysFile,
			searchDelayMs: args.searchDelayMs,
			maxSkewSeconds: args.maxSkewSeconds,
			clock: skewMs === 0 ? Date.now : () => Date.now() + skewMs,
			faults: args.faults,
			...(args.explain ? {explain: (line: string) => io.stdout.write(`${line}\n`)} : {}),
		});
	} catch (error: unknown) {
		const message = error instanceof Error ? error.message : String(error);
		if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
			throw new UsageError(`Port ${args.port} on ${args.host} is in use; choose another --port (0 picks a free one).`);
		}

		throw new UsageError(`The simulator could not start: ${message}`);
	}

	const ids = simulator.acceptedKeyIds();
	const skew = args.clockSkewSeconds === 0 ? '' : `; clock skewed ${args.clockSkewSeconds} s`;
	io.stdout.write(
		`CyberSource simulator (${args.env}) listening on ${simulator.url}; accepts key IDs: ${ids.length === 0 ? '(none yet)' : ids.join(', ')} (keys file ${keysFile}; Ctrl+C stops)${describeFaults(args)}${skew}\n`,
	);
	await new Promise<void>((resolve) => {
		if (io.signal.aborted) resolve();
		else io.signal.addEventListener('abort', () => resolve(), {once: true});
	});
	await simulator.close();
	return exitCodes.ok;
}

function keygen(io: CommandIo, args: KeygenArgs): number {
	const keysFile = keysFileFor(io, args.keysFile);
	const current = readKeysFileSync(keysFile);
	if (!current.ok && !current.missing) throw new UsageError(`${current.message}; fix or move it, then run keygen again.`);
	const record = generateKeyRecord({
		orgId: args.orgId ?? args.portfolioId ?? '',
		env: args.env,
		...(args.portfolioId === undefined ? {} : {portfolioId: args.portfolioId}),
	});
	const out = args.out === undefined ? path.join(io.cwd, `cybersource-key-${record.keyId.slice(0, 8)}.pem`) : path.resolve(io.cwd, args.out);
	try {
		writeKeyFile(out, record);
	} catch (error: unknown) {
		if (error instanceof Error && 'code' in error && error.code === 'EEXIST') {
			throw new UsageError(`${out} already exists; it was not overwritten. Choose another --out FILE.`);
		}

		throw new UsageError(`Cannot write the key file ${out}: ${error instanceof Error ? error.message : String(error)}`);
	}

	ensureKeysDirectory(keysFile);
	appendKeyToFile(keysFile, record);
	const owner = record.metaKey
		? `meta key of portfolio ${record.metaKey.portfolioId}${record.metaKey.merchants ? ` for merchant ${record.metaKey.merchants.join(', ')}` : ' for any of its merchants'}`
		: `organization ${record.orgId}`;
	io.stdout.write(
		[
			`Created a simulated REST – Shared Secret key (${args.env} environment, ${owner}).`,
			`Key ID:    ${record.keyId}`,
			`Key file:  ${out} (mode 0600; holds the shared secret)`,
			`Keys file: ${keysFile} (a running simulator using it accepts the key at once)`,
			'',
		].join('\n'),
	);
	return exitCodes.ok;
}

export const main: CommandMain = async (io) => {
	if (io.argv[0] === 'keygen') {
		const parsed = parseKeygenArgs(io.argv.slice(1));
		if (!parsed.ok) throw new UsageError(parsed.message);
		if (parsed.args.kind !== 'keygen') throw new UsageError('simulator keygen: unexpected arguments');
		return keygen(io, parsed.args);
	}

	const parsed = parseServeArgs(io.argv);
	if (!parsed.ok) throw new UsageError(parsed.message);
	if (parsed.args.kind !== 'serve') throw new UsageError('simulator: unexpected arguments');
	return serve(io, parsed.args);
};
