/**
 * One leak-test scenario: a fresh temporary root (config dir, working directory, test inputs), the
 * secrets in play, everything printed, the files allowed to hold a secret; `finish` audits it all and
 * adds the figures to the run's ledger. Also a tap on the process's own stdout/stderr/console, so
 * anything the code under test prints outside its CommandIo / Ink streams is searched too.
 */
import {randomBytes, randomUUID} from 'node:crypto';
import {mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {format} from 'node:util';
import {resolveConfigDir} from '../../source/config-dir.js';
import type {KeyRecord, Simulator} from '../../source/simulator/index.js';
import {audit, walkFiles, type AllowedFile, type AllowedReason, type AuditResult, type PrintedText} from './leak-audit.js';

/** Totals over every scenario finished in this process. */
export const ledger = {scenarios: 0, filesScanned: 0, bytesScanned: 0, printedBytes: 0, printedTexts: 0, allowedFiles: 0, secrets: 0, hits: 0};

type Writer = (chunk: unknown, ...rest: unknown[]) => boolean;

/** Copies what the process itself writes (stdout, stderr, console) while passing it through. */
export function tapProcessOutput(): {take(): string; restore(): void} {
	const captured: string[] = [];
	const record = (chunk: unknown) => {
		captured.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
	};

	const originals = {stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr)};
	const wrap = (original: Writer): Writer => (chunk, ...rest) => {
		record(chunk);
		return original(chunk, ...rest);
	};

	// eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
	process.stdout.write = wrap(originals.stdout as Writer) as typeof process.stdout.write;
	// eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
	process.stderr.write = wrap(originals.stderr as Writer) as typeof process.stderr.write;
	const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
	const consoleOriginals = methods.map((name) => [name, console[name]] as const);
	for (const [name, original] of consoleOriginals) {
		console[name] = (...args: unknown[]) => {
			record(`${format(...args)}\n`);
			original(...args);
		};
	}

	return {
		take: () => captured.splice(0).join(''),
		restore() {
			process.stdout.write = originals.stdout;
			process.stderr.write = originals.stderr;
			for (const [name, original] of consoleOriginals) console[name] = original;
		},
	};
}

export function freshSecret(): string {
	return randomBytes(32).toString('base64');
}

export class LeakScenario {
	readonly secrets: string[] = [];
	readonly printed: PrintedText[] = [];
	readonly allowed: AllowedFile[] = [];
	readonly roots: string[];
	readonly configDir: string;
	readonly workDir: string;
	readonly inputDir: string;
	private readonly started = Date.now();

	constructor(
		readonly name: string,
		readonly root: string = mkdtempSync(path.join(tmpdir(), 'leak-')),
	) {
		this.roots = [root];
		this.configDir = path.join(root, 'config');
		this.workDir = path.join(root, 'work');
		this.inputDir = path.join(root, 'inputs');
		mkdirSync(this.workDir, {recursive: true});
		mkdirSync(this.inputDir, {recursive: true});
	}

	/** A fresh random secret, searched for from now on. */
	freshSecret(): string {
		return this.track(freshSecret());
	}

	/** A secret made elsewhere (by the simulator), searched for from now on. */
	track(secret: string): string {
		if (!this.secrets.includes(secret)) this.secrets.push(secret);
		return secret;
	}

	/** A key pair with a fresh random secret, registered in `simulator` with addKey. */
	freshKey(simulator: Simulator, orgId: string): KeyRecord {
		const record: KeyRecord = {keyId: randomUUID(), secret: this.freshSecret(), orgId, env: simulator.env, createdAt: new Date().toISOString()};
		simulator.addKey(record);
		return record;
	}

	/** A file the test gives the tool (0600); allowed to hold the secret, must stay unchanged. */
	input(name: string, text: string): string {
		const file = path.join(this.inputDir, name);
		writeFileSync(file, text, {mode: 0o600});
		this.allow(file, 'test-input', Buffer.from(text));
		return file;
	}

	allow(file: string, reason: AllowedReason, content?: Buffer): void {
		this.allowed.push({path: file, reason, ...(content === undefined ? {} : {content})});
	}

	print(where: string, text: string): void {
		if (text !== '') this.printed.push({where: `${this.name} › ${where}`, text});
	}

	/** Ink frames: identical consecutive frames searched once (the text is the same). */
	printFrames(where: string, frames: readonly string[]): void {
		this.print(`${where} (${frames.length} frames)`, [...new Set(frames)].join('\n\u0000\n'));
	}

	/** Files written outside the roots by code that ignored the given directories: recent files in a few likely places. */
	private strayFiles(): string[] {
		const recent = (file: string) => {
			try {
				const stats = statSync(file);
				return stats.isFile() && stats.mtimeMs >= this.started - 1000 && stats.size <= 16 * 1024 * 1024;
			} catch {
				return false;
			}
		};

		const topLevel = (dir: string) => {
			try {
				return readdirSync(dir).map((name) => path.join(dir, name));
			} catch {
				return [];
			}
		};

		const realConfigDir = resolveConfigDir({...process.env, CYBS_KEY_WIZARD_CONFIG_DIR: undefined});
		return [...topLevel(process.cwd()), ...topLevel(tmpdir()), ...walkFiles(realConfigDir)].filter((file) => recent(file));
	}

	finish(processOutput: string): AuditResult {
		this.print('process stdout/stderr/console', processOutput);
		const result = audit({
			secrets: this.secrets,
			printed: this.printed,
			roots: this.roots,
			allowed: this.allowed,
			extraFiles: this.strayFiles(),
		});
		ledger.scenarios++;
		ledger.filesScanned += result.filesScanned;
		ledger.bytesScanned += result.bytesScanned;
		ledger.printedBytes += result.printedBytes;
		ledger.printedTexts += this.printed.length;
		ledger.allowedFiles += result.allowedSeen;
		ledger.secrets += this.secrets.length;
		ledger.hits += result.hits.length;
		return result;
	}

	cleanup(): void {
		for (const root of this.roots) rmSync(root, {recursive: true, force: true});
	}
}
