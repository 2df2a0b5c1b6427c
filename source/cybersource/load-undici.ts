type UndiciModule = typeof import('undici');

function isUndiciModule(value: unknown): value is UndiciModule {
	return (
		typeof value === 'object' &&
		value !== null &&
		'request' in value &&
		typeof value.request === 'function' &&
		'EnvHttpProxyAgent' in value &&
		typeof value.EnvHttpProxyAgent === 'function'
	);
}

/**
 * Loads undici on first use. undici is CommonJS: in the esbuild bundle a dynamic import of it
 * yields a namespace whose only export is `default` (module.exports), while Node and Vitest also
 * expose the named exports. Prefer `default` when it is the whole module.
 */
export async function loadUndici(): Promise<UndiciModule> {
	const module = await import('undici');
	const fallback: unknown = 'default' in module ? module.default : undefined;
	return isUndiciModule(fallback) ? fallback : module;
}
