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
// frame. Take its own synchronous base64 path instead, and decode with Buffer (native) rather than
// atob plus a charCodeAt loop (~3 ms for its 95 KB). Each text exactly once, or the build fails.
const yogaPatches = [
	{search: /return (\w+)\|\|"function"!=typeof fetch\?Promise\.resolve\(\)/g, replace: 'return $1||!0?Promise.resolve()'},
	{
		search: /var (\w+)=xa\((\w+)\.slice\(37\)\),(\w+)=new Uint8Array\(\1\.length\);for\(\2=0;\2<\1\.length;\+\+\2\)\3\[\2\]=\1\.charCodeAt\(\2\);/g,
		replace: 'var $3=new Uint8Array(Buffer.from($2.slice(37),"base64"));',
	},
];
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(b) {
		b.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async (args) => {
			let source = await readFile(args.path, 'utf8');
			for (const {search, replace} of yogaPatches) {
				const matches = source.match(search)?.length ?? 0;
				if (matches !== 1) throw new Error(`yoga-without-fetch: expected 1 match of ${search} in ${args.path}, found ${matches}`);
				source = source.replace(search, replace);
			}

			return {contents: source, loader: 'js'};
		});
	},
};

// Ink's text measuring loads ICU data when its modules load, before the first frame: each of string-width
// (twice), slice-ansi and @alcalzone/ansi-tokenize creates an Intl.Segmenter (the first loads ICU's
// break-iterator data, ~15-25 ms) and string-width builds /^\p{RGI_Emoji}$/v (ICU's emoji-sequence data,
// ~17-25 ms). Substitute source/text/grapheme-segmenter.ts and source/text/rgi-emoji.ts: the same answers
// (test/grapheme-segmenter.test.ts), without ICU while every character is a simple one (all of the
// wizard's own text). Each text must occur exactly once and every patch must be applied, or the build
// fails: a dependency upgrade must be looked at.
const textModule = (name) => fileURLToPath(new URL(`../source/text/${name}`, import.meta.url));
const segmenterPatch = {
	search: 'new Intl.Segmenter(',
	replace: '__createGraphemeSegmenter(',
	importLine: `import {createGraphemeSegmenter as __createGraphemeSegmenter} from ${JSON.stringify(textModule('grapheme-segmenter.ts'))};`,
};
const rgiEmojiPatch = {
	search: 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
	replace: 'const rgiEmojiRegex = __createRgiEmojiTest();',
	importLine: `import {createRgiEmojiTest as __createRgiEmojiTest} from ${JSON.stringify(textModule('rgi-emoji.ts'))};`,
};
const textPatches = [
	{module: 'wrap-ansi/node_modules/string-width/index.js (7.x)', path: /[\\/]node_modules[\\/]wrap-ansi[\\/]node_modules[\\/]string-width[\\/]index\.js$/, patches: [segmenterPatch]},
	{module: 'string-width/index.js (8.x)', path: /[\\/]node_modules[\\/]string-width[\\/]index\.js$/, patches: [segmenterPatch, rgiEmojiPatch]}, // after wrap-ansi's copy: this pattern matches both
	{module: 'slice-ansi/tokenize-ansi.js', path: /[\\/]node_modules[\\/]slice-ansi[\\/]tokenize-ansi\.js$/, patches: [segmenterPatch]},
	{module: '@alcalzone/ansi-tokenize/build/tokenize.js', path: /[\\/]node_modules[\\/]@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize\.js$/, patches: [segmenterPatch]},
];
const patchedTextModules = new Set();
const textWithoutIcu = {
	name: 'text-without-icu',
	setup(b) {
		b.onLoad({filter: /[\\/]node_modules[\\/](?:string-width|slice-ansi|@alcalzone[\\/]ansi-tokenize)[\\/]/}, async (args) => {
			const target = textPatches.find((item) => item.path.test(args.path));
			if (!target) return undefined;
			let contents = await readFile(args.path, 'utf8');
			for (const {search, replace, importLine} of target.patches) {
				const found = contents.split(search).length - 1;
				if (found !== 1) throw new Error(`text-without-icu: expected "${search}" once in ${args.path}, found ${found}`);
				contents = `${importLine}\n${contents.replace(search, replace)}`;
			}

			patchedTextModules.add(target.module);
			return {contents, loader: 'js'};
		});
		b.onEnd((result) => {
			const missing = textPatches.filter((item) => !patchedTextModules.has(item.module)).map((item) => item.module);
			if (result.errors.length === 0 && missing.length > 0) {
				return {errors: [{text: `text-without-icu: these modules were not bundled, so not patched: ${missing.join(', ')}`}]};
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
	plugins: [stubInkDevtools, yogaWithoutFetch, textWithoutIcu],
});
chmodSync('dist/cli.js', 0o755);
