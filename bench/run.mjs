// Startup benchmark: `npm run bench` [-- --runs N]
// Builds dist/ first (so it measures the current code), then in ONE run, alternating the cases
// round-robin after one discarded warm-up round, takes the median wall time of:
//   bare `node -e 0`, `cli --version`, the wizard's first frame in a pty, a whole `check --env simulator`
//   (plus a pty + `node -e 0` reference row: what `script` itself costs).
// Then drives one Practice run by keystrokes in a pty to the request IDs and reports node's peak RSS.
// Prints a table with each median, its ratio to bare node and the target. Plain JS: no build step.
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const node = process.execPath;
const cli = path.join(root, 'dist', 'cli.js');
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;

// The published CyberSource sandbox sample credentials, accepted by the built-in simulator.
const sample = {
	orgId: 'testrest',
	keyId: '08c94330-f618-42a3-b09d-e1e43be5efda',
	secret: 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=',
};

function runsFlag() {
	const index = process.argv.indexOf('--runs');
	const value = index === -1 ? Number.NaN : Number(process.argv[index + 1]);
	return Number.isInteger(value) && value >= 1 ? value : 10;
}

const runs = runsFlag();
const waitLimitMs = 30_000;

/** One shell word for `script -c`. */
const quote = (text) => `'${text.replaceAll("'", "'\\''")}'`;

/** Terminal output as text: CSI, OSC (hyperlinks) and other escape sequences and CRs removed. */
function screenText(raw) {
	return raw
		.replaceAll(/\u001B\[[0-?]*[ -/]*[@-~]/g, '')
		.replaceAll(/\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)/g, '')
		.replaceAll(/\u001B[@-Z\\-_]/g, '')
		.replaceAll('\r', '');
}

function childEnv(configDir, extra = {}) {
	const env = {...process.env, TERM: 'xterm-256color', SHELL: '/bin/sh', CYBS_KEY_WIZARD_CONFIG_DIR: configDir, ...extra};
	delete env.CI;
	delete env.NO_COLOR;
	delete env.FORCE_COLOR;
	return env;
}

/** Spawns and resolves with the wall time from spawn to exit, and what it printed. */
function timeToExit(file, args, env) {
	return new Promise((resolve, reject) => {
		const started = performance.now();
		const child = spawn(file, args, {cwd: root, env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
		child.once('error', reject);
		child.once('exit', (code) => {
			const ms = performance.now() - started;
			child.once('close', () => resolve({ms, code, stdout, stderr}));
		});
	});
}

/**
 * A command in a pty (`script`), fed keystrokes on its stdin. `waitFor` resolves with the time
 * since spawn once the screen text printed since the last key matches; it rejects after waitLimitMs.
 */
function ptySession(command, env) {
	const started = performance.now();
	const child = spawn('script', ['-qfec', command, '/dev/null'], {cwd: root, env, stdio: ['pipe', 'pipe', 'pipe']});
	let sinceKey = '';
	let all = '';
	let waiter;
	let exitCode;
	const exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			exitCode = code ?? signal;
			resolve(exitCode);
		});
	});
	const check = () => {
		if (waiter && waiter.test(screenText(sinceKey))) {
			const {resolve, timer} = waiter;
			waiter = undefined;
			clearTimeout(timer);
			resolve(performance.now() - started);
		}
	};

	let lastOutputAt = performance.now();
	child.stdout.setEncoding('utf8').on('data', (chunk) => {
		lastOutputAt = performance.now();
		sinceKey += chunk;
		all += chunk;
		check();
	});
	child.stderr.setEncoding('utf8').on('data', (chunk) => (all += chunk));
	child.stdin.on('error', () => {});
	void exited.then(() => {
		if (waiter) {
			const {reject, timer, what} = waiter;
			waiter = undefined;
			clearTimeout(timer);
			reject(new Error(`the program exited (${exitCode}) before showing ${what}. Output:\n${screenText(all).slice(-2000)}`));
		}
	});
	return {
		child,
		exited,
		waitFor(pattern) {
			const test = typeof pattern === 'string' ? (text) => text.includes(pattern) : (text) => pattern.test(text);
			return new Promise((resolve, reject) => {
				const what = String(pattern);
				const timer = setTimeout(() => {
					waiter = undefined;
					reject(new Error(`timed out after ${waitLimitMs} ms waiting for ${what}. Screen since the last key:\n${screenText(sinceKey).slice(-2000)}`));
				}, waitLimitMs);
				waiter = {test, resolve, reject, timer, what};
				check();
			});
		},
		/**
		 * Like waitFor, polled every 50 ms, and only once the screen has also been still for a poll
		 * interval: Ink attaches a new screen's key handlers in an effect after its frame is written,
		 * and a key sent in between would reach the previous screen.
		 */
		async waitForSettled(pattern) {
			await this.waitFor(pattern);
			const test = typeof pattern === 'string' ? (text) => text.includes(pattern) : (text) => pattern.test(text);
			const deadline = performance.now() + waitLimitMs;
			for (;;) {
				const tick = performance.now();
				await new Promise((resolve) => {
					setTimeout(resolve, 50);
				});
				if (lastOutputAt <= tick && test(screenText(sinceKey))) return;
				if (exitCode !== undefined) throw new Error(`the program exited (${exitCode}) while waiting for ${String(pattern)}`);
				if (performance.now() > deadline) throw new Error(`the screen did not settle on ${String(pattern)} within ${waitLimitMs} ms`);
			}
		},
		press(keys) {
			sinceKey = '';
			child.stdin.write(keys);
		},
		/** Ctrl+C, as a user would quit; SIGTERM to script (which passes it on) if that does not end it. */
		async quit() {
			if (exitCode !== undefined) return exitCode;
			child.stdin.write('\u0003');
			const timer = setTimeout(() => child.kill('SIGTERM'), 5000);
			const code = await exited;
			clearTimeout(timer);
			child.stdin.end();
			return code;
		},
	};
}

// `script` makes a 0×0 pty when its stdin is not a terminal; Ink would lay out one column.
const ptySize = 'stty cols 100 rows 30;';

// The welcome screen's header (source/components/header.tsx + source/wizard/steps.ts) and its question.
const welcomeText = /Step 1 of 7[^\n]*Welcome[\s\S]*Where do you want to work\?/;

function makeCases(configDir) {
	const env = childEnv(configDir);
	return [
		{
			id: 'node',
			label: 'node -e 0',
			async measure() {
				const result = await timeToExit(node, ['-e', '0'], env);
				if (result.code !== 0) throw new Error(`node -e 0 exited ${result.code}`);
				return result.ms;
			},
		},
		{
			id: 'version',
			label: 'cybs-key-wizard --version',
			target: 1.5,
			async measure() {
				const result = await timeToExit(node, [cli, '--version'], env);
				if (result.code !== 0 || result.stdout !== `${version}\n`) {
					throw new Error(`--version exited ${result.code} printing ${JSON.stringify(result.stdout)} ${result.stderr}`);
				}

				return result.ms;
			},
		},
		{
			id: 'frame',
			label: 'first frame in a pty',
			target: 3,
			async measure() {
				const session = ptySession(`${ptySize} exec ${quote(node)} ${quote(cli)}`, env);
				try {
					return await session.waitFor(welcomeText);
				} finally {
					await session.quit();
				}
			},
		},
		{
			id: 'check',
			label: 'check --env simulator --no-lookup',
			target: 4,
			async measure() {
				const args = [cli, 'check', '--env', 'simulator', '--org-id', sample.orgId, '--key-id', sample.keyId, '--no-lookup'];
				const result = await timeToExit(node, args, childEnv(configDir, {CYBERSOURCE_SHARED_SECRET: sample.secret}));
				if (result.code !== 0 || !result.stdout.startsWith('PASS')) {
					throw new Error(`check exited ${result.code}:\n${result.stdout}${result.stderr}`);
				}

				return result.ms;
			},
		},
		{
			id: 'pty',
			label: 'pty + node -e 0 (reference)',
			async measure() {
				const session = ptySession(`${ptySize} exec ${quote(node)} -e "process.stdout.write('ready')"`, env);
				const ms = await session.waitFor('ready');
				await session.exited;
				return ms;
			},
		},
	];
}

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Practice mode to the request IDs by keystrokes (the keys of source/steps/*.tsx), under
 * /usr/bin/time so the kernel's peak RSS of the node process is reported when it exits.
 */
async function practicePeakRss(configDir) {
	const timeFile = path.join(configDir, 'time.txt');
	const command = `${ptySize} exec /usr/bin/time -f %M -o ${quote(timeFile)} ${quote(node)} ${quote(cli)}`;
	const session = ptySession(command, childEnv(path.join(configDir, 'practice-config')));
	const steps = [
		['Where do you want to work?', 'o'],
		['Which key will you use?', '\r'],
		['Press g to', 'g'],
		['Key file downloaded to:', '\r'],
		['How do you want to give the key?', '\r'],
		['Path of the key file', '\r'],
		['Step 5 of 7 · Review', '\r'],
	];
	try {
		for (const [text, key] of steps) {
			await session.waitForSettled(text);
			session.press(key);
		}

		await session.waitFor(/REQUEST ID \d{22} · HTTP Signature · 201[\s\S]*REQUEST ID \d{22} · JWT · 201/);
	} finally {
		await session.quit();
	}

	const kilobytes = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
	if (!Number.isFinite(kilobytes)) throw new Error(`/usr/bin/time wrote no figure to ${timeFile}`);
	return kilobytes / 1024;
}

function row(cells, widths) {
	return cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index]) : cell.padStart(widths[index]))).join('  ');
}

async function main() {
	process.stdout.write('Building dist/ (node scripts/bundle.mjs)…\n');
	const build = spawnSync(node, ['scripts/bundle.mjs'], {cwd: root, stdio: 'inherit'});
	if (build.status !== 0) throw new Error(`the build failed (exit ${build.status})`);

	const configDir = mkdtempSync(path.join(tmpdir(), 'cybs-bench-'));
	try {
		const cases = makeCases(configDir);
		const samples = new Map(cases.map((item) => [item.id, []]));
		process.stdout.write(`Measuring ${cases.length} cases round-robin: 1 warm-up round (discarded) + ${runs} rounds…\n`);
		for (let round = 0; round <= runs; round++) {
			for (const item of cases) {
				const ms = await item.measure();
				if (round > 0) samples.get(item.id).push(ms);
			}
		}

		const rssMb = await practicePeakRss(configDir);
		const base = median(samples.get('node'));
		const widths = [36, 10, 9, 7, 8, 4];
		const lines = [
			`node ${process.version}, ${process.platform}/${process.arch}; ${runs} runs each, median wall time`,
			row(['case', 'median', 'min–max', '× node', 'target', ''], widths),
		];
		for (const item of cases) {
			const values = samples.get(item.id);
			const mid = median(values);
			const ratio = mid / base;
			const target = item.target === undefined ? '' : `≤ ${item.target}×`;
			const verdict = item.target === undefined ? '' : ratio <= item.target ? 'ok' : 'MISS';
			const range = `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
			lines.push(row([item.label, `${mid.toFixed(1)} ms`, range, `${ratio.toFixed(2)}×`, target, verdict], widths));
		}

		lines.push(row(['peak RSS, Practice run', `${rssMb.toFixed(1)} MB`, '', '', '≤ 80 MB', rssMb <= 80 ? 'ok' : 'MISS'], widths));
		process.stdout.write(`\n${lines.join('\n')}\n`);
	} finally {
		rmSync(configDir, {recursive: true, force: true});
	}
}

try {
	await main();
} catch (error) {
	process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exitCode = 1;
}
