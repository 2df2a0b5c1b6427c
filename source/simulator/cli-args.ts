/** Flags of `simulator` and `simulator keygen`. Pure: returns options or a usage message. */
import {isFaultName} from './faults.js';
import type {Faults, SimulatorEnv} from './types.js';
import {optionNameOf} from '../commands/parse-error.js';

export type ServeArgs = {
	readonly kind: 'serve';
	readonly port: number;
	readonly host: string;
	/** True when --host was given (a non-loopback address then gets a warning). */
	readonly hostGiven: boolean;
	readonly env: SimulatorEnv;
	readonly keysFile?: string;
	readonly searchDelayMs: number;
	readonly explain: boolean;
	readonly faults: Faults;
	readonly clockSkewSeconds: number;
	readonly maxSkewSeconds: number;
};

export type KeygenArgs = {
	readonly kind: 'keygen';
	readonly orgId?: string;
	readonly env: SimulatorEnv;
	readonly portfolioId?: string;
	readonly keysFile?: string;
	readonly out?: string;
};

export type ArgsResult = {readonly ok: true; readonly args: ServeArgs | KeygenArgs} | {readonly ok: false; readonly message: string};

type Raw = {values: Map<string, string[]>; switches: Set<string>};

const serveValueFlags = ['--port', '--host', '--env', '--keys', '--search-delay', '--fault', '--fault-delay', '--clock-skew', '--max-skew'];
const serveSwitches = ['--explain'];
const keygenValueFlags = ['--org-id', '--env', '--portfolio-id', '--keys', '--out'];
const keygenSwitches = ['--meta-key'];

function collect(argv: readonly string[], valueFlags: readonly string[], switches: readonly string[], command: string): Raw | string {
	const values = new Map<string, string[]>();
	const seen = new Set<string>();
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index] ?? '';
		const eq = arg.indexOf('=');
		const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
		if (switches.includes(name)) {
			if (eq > 0) return `${name} takes no value`;
			seen.add(name);
			continue;
		}

		if (!valueFlags.includes(name)) {
			const shown = optionNameOf(arg);
			return `${shown === undefined ? 'An argument that is not an option' : `Unknown option "${shown}"`} for ${command}. Run cybs-key-wizard simulator --help for the list.`;
		}

		let value: string | undefined;
		if (eq > 0) {
			value = arg.slice(eq + 1);
		} else {
			value = argv[index + 1];
			index++;
		}

		if (value === undefined || (value.startsWith('--') && eq <= 0)) return `${name} needs a value`;
		values.set(name, [...(values.get(name) ?? []), value]);
	}

	return {values, switches: seen};
}

function last(raw: Raw, name: string): string | undefined {
	const list = raw.values.get(name);
	return list?.[list.length - 1];
}

function seconds(raw: Raw, name: string, fallback: number, allowNegative = false): number | string {
	const text = last(raw, name);
	if (text === undefined) return fallback;
	const value = Number(text);
	if (text.trim() === '' || !Number.isFinite(value) || (!allowNegative && value < 0)) {
		return `${name} must be a number of seconds${allowNegative ? '' : ' (0 or more)'}, not "${text}"`;
	}

	return value;
}

function parseEnv(raw: Raw): SimulatorEnv | string {
	const env = last(raw, '--env') ?? 'test';
	return env === 'test' || env === 'production' ? env : `--env must be test or production, not "${env}"`;
}

export function parseServeArgs(argv: readonly string[]): ArgsResult {
	const raw = collect(argv, serveValueFlags, serveSwitches, 'simulator');
	if (typeof raw === 'string') return {ok: false, message: raw};
	const portText = last(raw, '--port') ?? '0';
	const port = Number(portText);
	if (!/^\d+$/.test(portText) || port > 65_535) return {ok: false, message: `--port must be 0-65535, not "${portText}"`};
	const env = parseEnv(raw);
	if (env !== 'test' && env !== 'production') return {ok: false, message: env};
	const searchDelay = seconds(raw, '--search-delay', 3);
	if (typeof searchDelay === 'string') return {ok: false, message: searchDelay};
	const faultDelay = seconds(raw, '--fault-delay', 5);
	if (typeof faultDelay === 'string') return {ok: false, message: faultDelay};
	const skew = seconds(raw, '--clock-skew', 0, true);
	if (typeof skew === 'string') return {ok: false, message: skew};
	const maxSkew = seconds(raw, '--max-skew', 300);
	if (typeof maxSkew === 'string') return {ok: false, message: maxSkew};
	const faults: {delayMs?: number; status502?: boolean; html?: boolean; reset?: boolean; hang?: boolean} = {};
	for (const name of raw.values.get('--fault') ?? []) {
		if (!isFaultName(name)) return {ok: false, message: `--fault must be delay, 502, html, reset or hang, not "${name}"`};
		if (name === 'delay') faults.delayMs = faultDelay * 1000;
		if (name === '502') faults.status502 = true;
		if (name === 'html') faults.html = true;
		if (name === 'reset') faults.reset = true;
		if (name === 'hang') faults.hang = true;
	}

	if (last(raw, '--fault-delay') !== undefined) faults.delayMs = faultDelay * 1000;
	const host = last(raw, '--host');
	const keysFile = last(raw, '--keys');
	return {
		ok: true,
		args: {
			kind: 'serve',
			port,
			host: host ?? '127.0.0.1',
			hostGiven: host !== undefined,
			env,
			...(keysFile === undefined ? {} : {keysFile}),
			searchDelayMs: searchDelay * 1000,
			explain: raw.switches.has('--explain'),
			faults,
			clockSkewSeconds: skew,
			maxSkewSeconds: maxSkew,
		},
	};
}

export function parseKeygenArgs(argv: readonly string[]): ArgsResult {
	const raw = collect(argv, keygenValueFlags, keygenSwitches, 'simulator keygen');
	if (typeof raw === 'string') return {ok: false, message: raw};
	const env = parseEnv(raw);
	if (env !== 'test' && env !== 'production') return {ok: false, message: env};
	const orgId = last(raw, '--org-id')?.trim();
	const portfolioId = last(raw, '--portfolio-id')?.trim();
	const meta = raw.switches.has('--meta-key');
	if (meta && (portfolioId === undefined || portfolioId === '')) {
		return {ok: false, message: '--meta-key needs --portfolio-id ID (the portfolio that owns the meta key)'};
	}

	if (!meta && portfolioId !== undefined) return {ok: false, message: '--portfolio-id is for meta keys: add --meta-key'};
	if (!meta && (orgId === undefined || orgId === '')) {
		return {ok: false, message: 'simulator keygen needs --org-id ID (the organization the key belongs to)'};
	}

	const keysFile = last(raw, '--keys');
	const out = last(raw, '--out');
	return {
		ok: true,
		args: {
			kind: 'keygen',
			...(orgId === undefined || orgId === '' ? {} : {orgId}),
			env,
			...(meta && portfolioId !== undefined ? {portfolioId} : {}),
			...(keysFile === undefined ? {} : {keysFile}),
			...(out === undefined ? {} : {out}),
		},
	};
}
