/**
 * The keys an instance knows: the sample credentials, the keys file (reloaded when it changes,
 * checked at most once a second and on every unknown key ID) and keys added in-process.
 * Decoded key bytes and the JWT CryptoKey are cached per key.
 */
import {webcrypto} from 'node:crypto';
import {stat} from 'node:fs/promises';
import {performance} from 'node:perf_hooks';
import {readKeysFile} from './keys-file.js';
import {sampleKeyRecords} from './key-record.js';
import type {KeyRecord, SimulatorEnv} from './types.js';

export type KeySource = 'sample' | 'keys-file' | 'added';

export type KeyEntry = {
	readonly record: KeyRecord;
	readonly source: KeySource;
	/** base64-decoded secret: the HMAC key. */
	readonly keyBytes: Buffer;
	/** The HS256 verification key, imported once. */
	hmacKey(): Promise<webcrypto.CryptoKey>;
};

export type KeyStoreOptions = {
	readonly env: SimulatorEnv;
	readonly keysFile?: string;
	readonly acceptSampleCredentials: boolean;
	/** Told when the keys file cannot be used (the previous keys stay). */
	readonly warn?: (line: string) => void;
	/** Monotonic ms, for the reload throttle. */
	readonly monotonic?: () => number;
};

function makeEntry(record: KeyRecord, source: KeySource): KeyEntry {
	const keyBytes = Buffer.from(record.secret, 'base64');
	let cached: Promise<webcrypto.CryptoKey> | undefined;
	return {
		record,
		source,
		keyBytes,
		async hmacKey() {
			cached ??= webcrypto.subtle.importKey('raw', keyBytes, {name: 'HMAC', hash: 'SHA-256'}, false, ['verify']);
			return cached;
		},
	};
}

const recheckIntervalMs = 1000;

export class KeyStore {
	readonly env: SimulatorEnv;
	private readonly samples = new Map<string, KeyEntry>();
	private fileKeys = new Map<string, KeyEntry>();
	private readonly added = new Map<string, KeyEntry>();
	private readonly monotonic: () => number;
	private lastCheck = Number.NEGATIVE_INFINITY;
	private fileStamp = '';
	private reloading: Promise<void> | undefined;

	constructor(private readonly options: KeyStoreOptions) {
		this.env = options.env;
		this.monotonic = options.monotonic ?? (() => performance.now());
		if (options.acceptSampleCredentials) {
			for (const record of sampleKeyRecords) this.samples.set(record.keyId, makeEntry(record, 'sample'));
		}
	}

	/** Loads the keys file now; resolves with its problem, if any (a missing file is not one). */
	async load(): Promise<string | undefined> {
		return this.reload(true);
	}

	add(record: KeyRecord): void {
		this.added.set(record.keyId, makeEntry(record, 'added'));
	}

	/** The key with this ID, from any environment (the caller refuses other environments' keys). */
	async lookup(keyId: string): Promise<KeyEntry | undefined> {
		const found = this.find(keyId);
		if (found === undefined || this.monotonic() - this.lastCheck >= recheckIntervalMs) {
			await this.reload(found === undefined);
			return this.find(keyId);
		}

		return found;
	}

	/** Key IDs accepted by this instance's environment, in a stable order. */
	acceptedKeyIds(): string[] {
		const ids = new Set<string>();
		for (const map of [this.samples, this.fileKeys, this.added]) {
			for (const entry of map.values()) if (entry.record.env === this.env) ids.add(entry.record.keyId);
		}

		return [...ids];
	}

	private find(keyId: string): KeyEntry | undefined {
		return this.added.get(keyId) ?? this.fileKeys.get(keyId) ?? this.samples.get(keyId);
	}

	private async reload(force: boolean): Promise<string | undefined> {
		const file = this.options.keysFile;
		if (file === undefined) return undefined;
		if (!force && this.monotonic() - this.lastCheck < recheckIntervalMs) return undefined;
		if (this.reloading) {
			await this.reloading;
			return undefined;
		}

		let problem: string | undefined;
		this.reloading = (async () => {
			this.lastCheck = this.monotonic();
			const stamp = await fileStamp(file);
			if (stamp === this.fileStamp) return;
			const result = await readKeysFile(file);
			if (result.ok) {
				this.fileKeys = new Map(result.keys.map((record) => [record.keyId, makeEntry(record, 'keys-file')]));
				this.fileStamp = stamp;
			} else if (result.missing) {
				this.fileKeys = new Map();
				this.fileStamp = stamp;
			} else {
				problem = result.message;
				this.fileStamp = stamp;
				this.options.warn?.(`keys file not reloaded (the previous keys stay): ${result.message}`);
			}
		})();
		try {
			await this.reloading;
		} finally {
			this.reloading = undefined;
		}

		return problem;
	}
}

async function fileStamp(file: string): Promise<string> {
	try {
		const info = await stat(file, {bigint: true});
		return `${info.ino}:${info.size}:${info.mtimeNs}`;
	} catch {
		return 'missing';
	}
}
