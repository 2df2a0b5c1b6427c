// The built CLI's fast paths: --version and --help answer without loading Ink, React, undici,
// jose or conf. What a path loads is the closure of dist/cli.js's static imports (the fast paths
// never reach a dynamic import), so the test follows those imports through the built chunks.
import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, test} from 'vitest';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist', 'cli.js');
const packageVersion: unknown = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;

function staticClosure(entry: string): Map<string, string> {
	const seen = new Map<string, string>();
	const pending = [entry];
	while (pending.length > 0) {
		const file = pending.pop();
		if (file === undefined || seen.has(file)) continue;
		const text = readFileSync(file, 'utf8');
		seen.set(file, text);
		// Static forms only: `import … from "./x.js"` and `import "./x.js"`; `import("./x.js")` is lazy.
		for (const match of text.matchAll(/import\s*(?:[\w${},\s*]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)) {
			const specifier = match[1];
			if (specifier !== undefined) pending.push(path.resolve(path.dirname(file), specifier));
		}
	}

	return seen;
}

/** Text only the heavy libraries contain. */
const heavyMarkers = {
	ink: 'Raw mode is not supported',
	react: 'react.transitional.element',
	undici: 'UND_ERR_CONNECT_TIMEOUT',
	jose: 'JWSSignatureVerificationFailed',
	conf: 'configFileMode',
};

describe('built CLI fast paths', () => {
	test('--version prints the package version', () => {
		expect(execFileSync(process.execPath, [cli, '--version'], {encoding: 'utf8'}).trim()).toBe(packageVersion);
	});

	test('--help lists every subcommand and the wizard flags', () => {
		const help = execFileSync(process.execPath, [cli, '--help'], {encoding: 'utf8'});
		for (const word of ['check', 'sign', 'simulator', 'simulator keygen', 'profiles', '--plain', '--redact-ids', '--debug', '--version']) {
			expect(help).toContain(word);
		}
	});

	test('each subcommand has its own --help', () => {
		for (const [command, flag] of [
			['check', '--secret-file'],
			['sign', '--body-file'],
			['simulator', '--search-delay'],
			['profiles', 'delete'],
		] as const) {
			const help = execFileSync(process.execPath, [cli, command, '--help'], {encoding: 'utf8'});
			expect(help).toContain(flag);
		}
	});

	test('an unknown command exits 2 with one line naming --help', () => {
		const result = spawnSync(process.execPath, [cli, 'chek'], {encoding: 'utf8'});
		expect(result.status).toBe(2);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr).toContain('--help');
	});

	test('the entry loads no heavy library up front (the markers are found in the lazy chunks)', () => {
		const loaded = [...staticClosure(cli).values()].join('\n');
		const everything = staticClosure(cli).size;
		expect(everything).toBeGreaterThan(0);
		for (const [library, marker] of Object.entries(heavyMarkers)) {
			expect(loaded.includes(marker), `${library} is loaded by the entry`).toBe(false);
		}

		// The markers are real: each is present somewhere in the build.
		const allChunks = execFileSync('cat', [cli, ...readdirChunks()], {encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
		for (const marker of Object.values(heavyMarkers)) expect(allChunks).toContain(marker);
	});
});

function readdirChunks(): string[] {
	const listing = execFileSync('ls', [path.join(root, 'dist', 'chunks')], {encoding: 'utf8'});
	return listing
		.split('\n')
		.filter((name) => name.endsWith('.js'))
		.map((name) => path.join(root, 'dist', 'chunks', name));
}
