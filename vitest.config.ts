import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		environment: 'node',
		pool: 'forks',
		testTimeout: 20_000,
		hookTimeout: 20_000,
		// The JSON report is what .ci/run counts ("N passed, N failed").
		reporters: ['default', 'json'],
		outputFile: {json: '.vitest-results.json'},
	},
});
