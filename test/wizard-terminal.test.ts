/**
 * The built CLI (dist/cli.js, made by `npm test` before vitest runs) in a real terminal: tmux at
 * 80x24 drives Practice mode to the request ID, Esc goes back a step, Ctrl+C exits 130 and leaves the
 * terminal as it found it; the welcome screen is drawn without loading ICU's text data (the bundle's
 * text patches, see scripts/bundle.mjs). Plus the non-TTY refusal, in process and from the built CLI.
 */
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {main} from '../source/commands/wizard.js';
import {exitCodes} from '../source/exit-codes.js';

const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'dist', 'cli.js');

describe('without a terminal', () => {
	function io(overrides: {stdinTty?: boolean; stdoutTty?: boolean; env?: Record<string, string>}) {
		const stdin = Object.assign(new PassThrough(), {isTTY: overrides.stdinTty});
		let stdout = '';
		let stderr = '';
		return {
			io: {
				argv: [],
				env: overrides.env ?? {},
				stdin,
				stdout: {write: (text: string) => (stdout += text), isTTY: overrides.stdoutTty},
				stderr: {write: (text: string) => (stderr += text)},
				cwd: root,
				signal: new AbortController().signal,
			},
			output: () => ({stdout, stderr}),
		};
	}

	test('stdin not a TTY: one message naming `cybs-key-wizard check`, exit 2', async () => {
		const run = io({stdinTty: false, stdoutTty: true});
		expect(await main(run.io)).toBe(exitCodes.usage);
		const {stdout, stderr} = run.output();
		expect(stdout).toBe('');
		expect(stderr).toContain('cybs-key-wizard check');
		expect(stderr.trim().split('\n')).toHaveLength(1);
	});

	test('stdout not a TTY, or CI set: exit 2 as well', async () => {
		expect(await main(io({stdinTty: true, stdoutTty: false}).io)).toBe(exitCodes.usage);
		const ci = io({stdinTty: true, stdoutTty: true, env: {CI: 'true'}});
		expect(await main(ci.io)).toBe(exitCodes.usage);
		expect(ci.output().stderr).toContain('cybs-key-wizard check');
	});

	test('the built CLI with a pipe for stdin exits 2 with the message', () => {
		expect(existsSync(cli), 'dist/cli.js is missing: run `node scripts/bundle.mjs` (npm test does)').toBe(true);
		const result = spawnSync(process.execPath, [cli], {input: '', encoding: 'utf8', env: {...process.env, CI: undefined}});
		expect(result.status).toBe(exitCodes.usage);
		expect(result.stderr).toContain('cybs-key-wizard check');
	});
});

describe('in a real terminal (tmux, 80x24)', () => {
	let dir: string;
	let socket: string;

	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', socket, ...args], {encoding: 'utf8'});
	const screen = () => tmux('capture-pane', '-p', '-t', 'w');
	const send = (...keys: string[]) => {
		tmux('send-keys', '-t', 'w', ...keys);
	};

	async function waitForScreen(predicate: (text: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const text = screen();
			if (predicate(text)) return text;
			if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${text}`);
			await new Promise((resolve) => {
				setTimeout(resolve, 50);
			});
		}
	}

	const waitFor = async (text: string) => waitForScreen((current) => current.includes(text), `"${text}"`);

	async function waitForFile(file: string, timeoutMs = 10_000): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (existsSync(file)) {
				const text = readFileSync(file, 'utf8');
				if (text.endsWith('\n')) return text;
			}

			if (Date.now() > deadline) throw new Error(`Timed out waiting for ${file}. Screen:\n${screen()}`);
			await new Promise((resolve) => {
				setTimeout(resolve, 50);
			});
		}
	}

	beforeEach(() => {
		expect(existsSync(cli), 'dist/cli.js is missing: run `node scripts/bundle.mjs` (npm test does)').toBe(true);
		dir = mkdtempSync(path.join(tmpdir(), 'wizard-terminal-'));
		socket = `wizard-${process.pid}-${Date.now()}`;
		const env = {...process.env, CI: undefined, TERM: 'xterm-256color'};
		execFileSync('tmux', ['-L', socket, '-f', '/dev/null', 'new-session', '-d', '-x', '80', '-y', '24', '-s', 'w', 'bash --norc --noprofile'], {
			env,
		});
	});

	afterEach(() => {
		try {
			tmux('kill-server');
		} catch {}

		rmSync(dir, {recursive: true, force: true});
	});

	test('Practice mode to the request ID, Esc back a step, Ctrl+C exits 130 and restores the terminal', async () => {
		const exitFile = path.join(dir, 'exit');
		const sttyFile = path.join(dir, 'stty');
		send(
			`cd '${root}' && unset CI && export CYBS_KEY_WIZARD_CONFIG_DIR='${path.join(dir, 'config')}' PS1='$ ' && clear && node dist/cli.js; echo EXIT=$? > '${exitFile}'`,
			'Enter',
		);
		await waitFor('Where do you want to work?');
		expect(screen()).toContain('Step 1 of 7 · Welcome');
		// Colour is on by default (so the NO_COLOR test below can tell the difference).
		expect(tmux('capture-pane', '-e', '-p', '-t', 'w')).toMatch(/\u001B\[[\d;]*3\dm/);
		// Typed ahead: o and Enter in one send-keys (tmux writes them to the pty together). The Enter must
		// act on the account screen ("a key for one merchant"), never on the welcome screen (Test).
		send('o', 'Enter');
		await waitFor('Press g to');
		expect(screen()).toContain('PRACTICE (offline)');
		expect(screen()).toContain('Step 3 of 7 · Create the key');
		send('g');
		await waitFor('Key file downloaded to:');
		expect(screen()).toContain(path.join(dir, 'config', 'practice', 'key-'));
		send('Enter');
		await waitFor('How do you want to give the key?');
		send('Enter');
		await waitFor('Path of the key file');
		send('Enter');
		await waitFor('Step 5 of 7 · Review');
		send('Enter');
		// Step 12: the lookup counts down to its first try; s skips the waiting (the manual steps stay).
		await waitFor('s skip the lookup');
		expect(screen()).toContain('CyberSource takes a little while to make a transaction searchable.');
		expect(screen()).toMatch(/Asking in \d s/);
		send('s');
		const result = await waitForScreen((text) => /REQUEST ID \d{22}[\s\S]*REQUEST ID \d{22}/.test(text), 'two request IDs');
		expect(result).toContain('Lookup stopped: find it by hand');
		expect(result).toContain('Step 7 of 7 · Result');
		expect(result).toContain('Your key pair works');
		expect(result).toMatch(/REQUEST ID \d{22} · HTTP Signature · 201 AUTHORIZED/);
		expect(result).toMatch(/REQUEST ID \d{22} · JWT · 201 AUTHORIZED/);
		expect(result).toContain('Enter finish');
		// The whole result screen fits the 24-row terminal: the header is still the top line, the footer visible.
		expect(result.split('\n')[0]).toMatch(/^Step 7 of 7 · Result/);

		send('Escape');
		await waitFor('Step 5 of 7 · Review');
		expect(screen()).not.toContain('Step 7 of 7');

		send('C-c');
		expect(await waitForFile(exitFile)).toBe('EXIT=130\n');
		expect(tmux('display', '-p', '-t', 'w', '#{cursor_flag}').trim()).toBe('1');
		send(`stty -a > '${sttyFile}'; echo done >> '${sttyFile}'`, 'Enter');
		const stty = await waitForFile(sttyFile);
		expect(stty).toMatch(/(^|\s)icanon(\s|$)/m);
		expect(stty).toMatch(/(^|\s)echo(\s|$)/m);
		expect(stty).not.toMatch(/(^|\s)-icanon(\s|$)/m);
	});

	// Counts what loads ICU's text data (each ~15-25 ms before the first frame): Intl.Segmenter and the RGI
	// emoji expression (built with the RegExp constructor in the bundle), and writes the counts on exit.
	const icuProbe = `import {writeFileSync} from 'node:fs';
const seen = {segmenters: 0, rgiEmoji: 0};
const RealSegmenter = Intl.Segmenter;
Intl.Segmenter = new Proxy(RealSegmenter, {construct(target, args, newTarget) { seen.segmenters += 1; return Reflect.construct(target, args, newTarget); }});
globalThis.RegExp = new Proxy(RegExp, {construct(target, args, newTarget) { if (String(args[0]).includes('RGI_Emoji')) seen.rgiEmoji += 1; return Reflect.construct(target, args, newTarget); }});
process.on('exit', () => writeFileSync(process.env.ICU_PROBE_FILE, JSON.stringify(seen) + '\\n'));
`;

	test('the welcome screen is drawn without an Intl.Segmenter or the RGI emoji expression (ICU data stays unloaded)', async () => {
		const probe = path.join(dir, 'icu-probe.mjs');
		const counts = path.join(dir, 'icu-counts.json');
		writeFileSync(probe, icuProbe);
		// The probe itself sees both (else this test could not fail).
		const control = path.join(dir, 'control.json');
		const checked = spawnSync(process.execPath, ['--import', probe, '-e', String.raw`new Intl.Segmenter(); new RegExp('^\\p{RGI_Emoji}$', 'v');`], {
			env: {...process.env, ICU_PROBE_FILE: control},
		});
		expect(checked.status, String(checked.stderr)).toBe(0);
		expect(JSON.parse(readFileSync(control, 'utf8'))).toEqual({segmenters: 1, rgiEmoji: 1});

		send(
			`cd '${root}' && unset CI && export ICU_PROBE_FILE='${counts}' CYBS_KEY_WIZARD_CONFIG_DIR='${path.join(dir, 'config')}' PS1='$ ' && clear && node --import '${probe}' dist/cli.js`,
			'Enter',
		);
		await waitFor('Where do you want to work?');
		expect(screen()).toContain('Step 1 of 7 · Welcome');
		send('C-c');
		expect(JSON.parse(await waitForFile(counts))).toEqual({segmenters: 0, rgiEmoji: 0});
	});

	test('NO_COLOR=1: no colour or style escape codes on screen', async () => {
		const exitFile = path.join(dir, 'exit');
		send(
			`cd '${root}' && unset CI && export NO_COLOR=1 CYBS_KEY_WIZARD_CONFIG_DIR='${path.join(dir, 'config')}' PS1='$ ' && clear && node dist/cli.js; echo EXIT=$? > '${exitFile}'`,
			'Enter',
		);
		await waitFor('Where do you want to work?');
		send('o');
		await waitFor('Which key will you use?');
		const styled = tmux('capture-pane', '-e', '-p', '-t', 'w');
		expect(styled).toContain('PRACTICE (offline)');
		expect(styled).not.toMatch(/\u001B\[/);
		send('C-c');
		expect(await waitForFile(exitFile)).toBe('EXIT=130\n');
	});
});
