/**
 * The leak test's bookkeeping: what a scenario printed, which directories it may have written to,
 * the few files allowed to hold the secret (each with the reason and the checks that reason demands),
 * and the audit that walks every file and searches it and every printed text for the secrets.
 */
import {lstatSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import {findLeaks, findLeaksInBytes, type LeakHit} from './leak-search.js';

/**
 * Why a file may hold the secret:
 * - profile-with-secret: config.json of a profile saved with --save-secret / the wizard's "store the
 *   secret" yes; 0600 in a 0700 directory, and it must actually hold the secret (proves it was searched).
 * - simulator-keys: the simulator's own keys file (simulator-keys.json), 0600.
 * - simulated-download: a simulated Business Center key file (.pem: practice "Download key",
 *   `simulator keygen --out`), 0600.
 * - test-input: a file the TEST wrote to give the tool its secret (--secret-file, --key-file); the tool
 *   must leave it byte for byte as it was.
 */
export type AllowedReason = 'profile-with-secret' | 'simulator-keys' | 'simulated-download' | 'test-input';

export type AllowedFile = {readonly path: string; readonly reason: AllowedReason; readonly content?: Buffer};

export type PrintedText = {readonly where: string; readonly text: string};

export type AuditInput = {
	readonly secrets: readonly string[];
	readonly printed: readonly PrintedText[];
	/** Directories walked recursively (every file, dot files included; symlinks are not followed). */
	readonly roots: readonly string[];
	readonly allowed: readonly AllowedFile[];
	/** Files outside the roots that may have been written (e.g. the repository's top level): scanned if present. */
	readonly extraFiles?: readonly string[];
};

export type AuditResult = {
	readonly hits: LeakHit[];
	/** Broken rules other than a hit: a missing allowed file, a wrong mode, a changed test input. */
	readonly problems: string[];
	readonly filesScanned: number;
	readonly bytesScanned: number;
	readonly printedBytes: number;
	/** Allowed files seen (and checked, not searched). */
	readonly allowedSeen: number;
};

/** Every regular file under `root` (lstat: a symlink is reported as a problem, not followed). */
export function walkFiles(root: string, problems: string[] = []): string[] {
	const files: string[] = [];
	const visit = (dir: string) => {
		let names: string[];
		try {
			names = readdirSync(dir);
		} catch (error: unknown) {
			if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return;
			throw error;
		}

		for (const name of names.sort()) {
			const full = path.join(dir, name);
			const stats = lstatSync(full);
			if (stats.isDirectory()) visit(full);
			else if (stats.isFile()) files.push(full);
			else problems.push(`${full}: not a regular file or directory (symlink, socket, …); not expected from the tool`);
		}
	};

	visit(root);
	return files;
}

export function modeOf(file: string): number {
	return statSync(file).mode & 0o777;
}

const octal = (mode: number) => mode.toString(8).padStart(3, '0');

/** The checks an allowed file's reason demands; returns problems (empty = fine). */
export function checkAllowedFile(allowed: AllowedFile, secrets: readonly string[]): string[] {
	const problems: string[] = [];
	const where = `${allowed.path} (${allowed.reason})`;
	let bytes: Buffer;
	try {
		bytes = readFileSync(allowed.path);
	} catch {
		return [`${where}: allowed but missing (a stale exclusion would hide a leak)`];
	}

	const mode = modeOf(allowed.path);
	if (mode !== 0o600) problems.push(`${where}: mode ${octal(mode)}, must be 600`);
	const base = path.basename(allowed.path);
	switch (allowed.reason) {
		case 'profile-with-secret': {
			if (base !== 'config.json') problems.push(`${where}: only config.json may hold a saved secret`);
			const dirMode = modeOf(path.dirname(allowed.path));
			if (dirMode !== 0o700) problems.push(`${where}: its directory is mode ${octal(dirMode)}, must be 700`);
			if (findLeaksInBytes(bytes, secrets, allowed.path).length === 0) {
				problems.push(`${where}: the profile was saved WITH the secret but the file does not hold it`);
			}

			break;
		}

		case 'simulator-keys': {
			if (base !== 'simulator-keys.json') problems.push(`${where}: only simulator-keys.json is the simulator's keys file`);
			break;
		}

		case 'simulated-download': {
			if (!base.endsWith('.pem')) problems.push(`${where}: a simulated key download is a .pem file`);
			break;
		}

		case 'test-input': {
			if (allowed.content === undefined || !bytes.equals(allowed.content)) problems.push(`${where}: the tool changed a file the test gave it`);
			break;
		}
	}

	return problems;
}

/** Searches everything printed and every file written; allowed files are checked instead of searched. */
export function audit(input: AuditInput): AuditResult {
	const problems: string[] = [];
	const hits: LeakHit[] = [];
	let printedBytes = 0;
	for (const {where, text} of input.printed) {
		printedBytes += Buffer.byteLength(text);
		hits.push(...findLeaks(text, input.secrets, where));
	}

	const allowedByPath = new Map(input.allowed.map((file) => [path.resolve(file.path), file]));
	let filesScanned = 0;
	let bytesScanned = 0;
	let allowedSeen = 0;
	const seen = new Set<string>();
	const files = [...input.roots.flatMap((root) => walkFiles(root, problems)), ...(input.extraFiles ?? [])];
	for (const file of files) {
		const resolved = path.resolve(file);
		if (seen.has(resolved)) continue;
		seen.add(resolved);
		const allowed = allowedByPath.get(resolved);
		if (allowed !== undefined) {
			allowedSeen++;
			continue;
		}

		let bytes: Buffer;
		try {
			bytes = readFileSync(resolved);
		} catch (error: unknown) {
			if (error instanceof Error && 'code' in error && error.code === 'ENOENT') continue;
			throw error;
		}

		filesScanned++;
		bytesScanned += bytes.length;
		hits.push(...findLeaksInBytes(bytes, input.secrets, resolved));
	}

	for (const allowed of input.allowed) {
		if (!seen.has(path.resolve(allowed.path))) problems.push(`${allowed.path} (${allowed.reason}): allowed, but not among the files walked`);
		problems.push(...checkAllowedFile(allowed, input.secrets));
	}

	return {hits, problems, filesScanned, bytesScanned, printedBytes, allowedSeen};
}
