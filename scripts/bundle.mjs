// Builds the published CLI: one ESM entry (dist/cli.js) plus lazily loaded chunks,
// so `--version`, `--help` and the non-TTY path never parse Ink, React, undici or jose.
import {chmodSync, rmSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

// Ink imports './devtools.js' (which statically imports react-devtools-core) only when DEV=true.
// A bundle would hoist that import, so resolve it to an empty module.
const stubInkDevtools = {
	name: 'stub-ink-devtools',
	setup(b) {
		b.onResolve({filter: /^\.\/devtools\.js$/}, (args) =>
			args.importer.includes('node_modules/ink/') ? {path: 'ink-devtools', namespace: 'stub'} : undefined,
		);
		b.onLoad({filter: /.*/, namespace: 'stub'}, () => ({contents: 'export {}', loader: 'js'}));
	},
};

// yoga-layout (Ink's layout engine) instantiates its embedded base64 wasm through fetch() whenever
// fetch exists, and the first fetch() makes Node load its internal undici: ~30 ms before the first
// frame. Take its own synchronous base64 path instead (exactly one match, or the build fails).
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(b) {
		b.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			const fetchBranch = /return (\w+)\|\|"function"!=typeof fetch\?Promise\.resolve\(\)/g;
			const matches = source.match(fetchBranch)?.length ?? 0;
			if (matches !== 1) throw new Error(`yoga-without-fetch: expected 1 fetch branch in ${args.path}, found ${matches}`);
			return {contents: source.replace(fetchBranch, 'return $1||!0?Promise.resolve()'), loader: 'js'};
		});
	},
};

// Ink's text measuring (string-width twice, slice-ansi, @alcalzone/ansi-tokenize) creates an
// Intl.Segmenter when each module loads; the first one loads ICU's break-iterator data, ~15-25 ms before
// the first frame. Give them source/text/grapheme-segmenter.ts instead: the same answers, without ICU
// while every character is its own cluster (all of the wizard's own text). Exactly one construction per
// module, and all four modules, or the build fails (a dependency upgrade must be looked at).
const segmenterModules = /[\\/]node_modules[\\/](?:(?:wrap-ansi[\\/]node_modules[\\/])?string-width[\\/]index|slice-ansi[\\/]tokenize-ansi|@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize)\.js$/;
const graphemeSegmenterModule = fileURLToPath(new URL('../source/text/grapheme-segmenter.ts', import.meta.url));
const patchedSegmenterModules = new Set();
const graphemeSegmenterWithoutIcu = {
	name: 'grapheme-segmenter-without-icu',
	setup(b) {
		b.onLoad({filter: segmenterModules}, async (args) => {
			const source = await readFile(args.path, 'utf8');
			const matches = source.match(/new Intl\.Segmenter\(/g)?.length ?? 0;
			if (matches !== 1) throw new Error(`grapheme-segmenter-without-icu: expected 1 "new Intl.Segmenter(" in ${args.path}, found ${matches}`);
			patchedSegmenterModules.add(args.path);
			const contents = `import {createGraphemeSegmenter as __createGraphemeSegmenter} from ${JSON.stringify(graphemeSegmenterModule)};\n${source.replace('new Intl.Segmenter(', '__createGraphemeSegmenter(')}`;
			return {contents, loader: 'js'};
		});
		b.onEnd((result) => {
			if (result.errors.length === 0 && patchedSegmenterModules.size !== 4) {
				return {errors: [{text: `grapheme-segmenter-without-icu: expected to patch 4 modules, patched ${patchedSegmenterModules.size}: ${[...patchedSegmenterModules].join(', ')}`}]};
			}

			return undefined;
		});
	},
};

rmSync('dist', {recursive: true, force: true});
await build({
	entryPoints: {cli: 'cli.tsx'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	chunkNames: 'chunks/[name]-[hash]',
	platform: 'node',
	format: 'esm',
	target: 'node20.18',
	jsx: 'automatic',
	minify: true,
	legalComments: 'none',
	logLevel: 'warning',
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
	plugins: [stubInkDevtools, yogaWithoutFetch, graphemeSegmenterWithoutIcu],
});
chmodSync('dist/cli.js', 0o755);
