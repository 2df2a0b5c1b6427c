// Builds the published CLI: one ESM entry (dist/cli.js) plus lazily loaded chunks,
// so `--version`, `--help` and the non-TTY path never parse Ink, React, undici or jose.
import {chmodSync, rmSync} from 'node:fs';
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
	plugins: [stubInkDevtools],
});
chmodSync('dist/cli.js', 0o755);
