#!/usr/bin/env node
// Entry point. Keep this file free of Ink, React, undici, jose and conf imports:
// --version, --help and argument errors must stay as fast as bare node.
import process from 'node:process';
import {setFlagsFromString} from 'node:v8';
import type {CommandMain} from './source/commands/command-io.js';
import {UsageError} from './source/commands/command-io.js';
import {exitCodes} from './source/exit-codes.js';
import {checkHelp, mainHelp, profilesHelp, signHelp, simulatorHelp} from './source/help.js';
import {version} from './source/version.js';

type Loader = () => Promise<CommandMain>;

const commands: Record<string, {help: string; load: Loader}> = {
	check: {help: checkHelp, load: async () => (await import('./source/commands/check/index.js')).main},
	sign: {help: signHelp, load: async () => (await import('./source/commands/sign.js')).main},
	simulator: {help: simulatorHelp, load: async () => (await import('./source/commands/simulator.js')).main},
	profiles: {help: profilesHelp, load: async () => (await import('./source/commands/profiles.js')).main},
};

const argv = process.argv.slice(2);
const [first] = argv;

async function run(): Promise<number> {
	if (first === '--version' || first === '-v') {
		process.stdout.write(`${version}\n`);
		return exitCodes.ok;
	}

	if (first === '--help' || first === '-h' || first === 'help') {
		const topic = first === 'help' ? argv[1] : undefined;
		process.stdout.write(topic && commands[topic] ? commands[topic].help : mainHelp);
		return exitCodes.ok;
	}

	const command = first === undefined ? undefined : commands[first];
	if (command && (argv.includes('--help') || argv.includes('-h'))) {
		process.stdout.write(command.help);
		return exitCodes.ok;
	}

	if (first !== undefined && !first.startsWith('-') && !command) {
		process.stderr.write(`Unknown command "${first}". Run cybs-key-wizard --help for the list.\n`);
		return exitCodes.usage;
	}

	// WebAssembly (undici's HTTP parser, Ink's yoga layout) stays on V8's baseline compiler (Liftoff):
	// tiering it up to TurboFan costs ~35 MB of peak memory and CPU that a short run never earns back.
	// Set before any module compiles WebAssembly; TurboFan remains the fallback when Liftoff bails out.
	setFlagsFromString('--wasm-tiering-budget=1000000000');
	if (!command) {
		// The wizard is a short interactive run whose work is rendering a screen and a few signed requests.
		// These V8 flags are read when V8 decides, not at start-up, so they take effect here (measured with
		// bench/run.mjs, Practice run to the request IDs): --optimize-for-size and a young generation that
		// does not grow (semi-space growth factor 1) keep the heap small, --no-opt skips TurboFan (background
		// compiles and their memory that a run this short never earns back), --wasm-lazy-compilation compiles
		// a WebAssembly function on its first call, so most of yoga and llhttp is never compiled.
		// Peak RSS ~98 MB -> ~74 MB; first frame ~10% faster. Only add flags verified to be safe at runtime:
		// e.g. --single-threaded-gc set here crashes V8 in its next GC; --max-semi-space-size has no effect.
		// (The simulator and check keep V8's defaults: the simulator serves load for as long as it runs.)
		setFlagsFromString('--optimize-for-size');
		setFlagsFromString('--semi-space-growth-factor=1');
		setFlagsFromString('--no-opt');
		setFlagsFromString('--wasm-lazy-compilation');
	}

	const controller = new AbortController();
	let interrupts = 0;
	const onSignal = () => {
		interrupts += 1;
		controller.abort();
		if (interrupts > 1) process.exit(exitCodes.interrupted);
	};

	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	const main = command
		? await command.load()
		: (await import('./source/commands/wizard.js')).main;
	return main({
		argv: command ? argv.slice(1) : argv,
		env: process.env,
		stdin: process.stdin,
		stdout: process.stdout,
		stderr: process.stderr,
		cwd: process.cwd(),
		signal: controller.signal,
	});
}

try {
	process.exitCode = await run();
} catch (error: unknown) {
	if (error instanceof UsageError) {
		process.stderr.write(`${error.message}\n`);
		process.exitCode = exitCodes.usage;
	} else {
		process.stderr.write(`Unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = exitCodes.noVerdict;
	}
}
