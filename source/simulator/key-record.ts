/** Key records: creating one as Business Center would, and validating one read from a file. */
import {randomBytes, randomUUID} from 'node:crypto';
import {isCanonicalBase64} from '../cybersource/secret-key.js';
import type {KeyRecord, SimulatorEnv} from './types.js';
import {isRecord} from '../is-record.js';

export type KeygenInput = {
	/** The merchant, or the portfolio for a meta key. */
	readonly orgId: string;
	readonly env: SimulatorEnv;
	/** Makes a meta key owned by this portfolio (orgId is then the portfolio too). */
	readonly portfolioId?: string;
	/** Meta key: the transacting merchants it may act for (default: orgId when it differs from the portfolio, else any). */
	readonly merchants?: readonly string[];
};

export type KeygenDeps = {
	readonly now?: () => number;
	readonly uuid?: () => string;
	readonly secretBytes?: () => Uint8Array;
};

/** A new REST – Shared Secret key pair: UUID key ID, 32 random bytes as base64. */
export function generateKeyRecord(input: KeygenInput, deps: KeygenDeps = {}): KeyRecord {
	const now = deps.now ?? Date.now;
	const uuid = deps.uuid ?? randomUUID;
	const secretBytes = deps.secretBytes ?? (() => randomBytes(32));
	const owner = input.portfolioId ?? input.orgId;
	const merchants = input.merchants ?? (input.portfolioId !== undefined && input.orgId !== input.portfolioId ? [input.orgId] : undefined);
	return {
		keyId: uuid(),
		secret: Buffer.from(secretBytes()).toString('base64'),
		orgId: owner,
		env: input.env,
		...(input.portfolioId === undefined
			? {}
			: {metaKey: {portfolioId: input.portfolioId, ...(merchants ? {merchants: [...merchants]} : {})}}),
		createdAt: new Date(now()).toISOString(),
	};
}

function isNonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.trim() !== '';
}

function isEnv(value: unknown): value is SimulatorEnv {
	return value === 'test' || value === 'production';
}

/** Why `value` is not a KeyRecord, or undefined when it is one. */
export function keyRecordProblem(value: unknown): string | undefined {
	if (!isRecord(value)) return 'not an object';
	if (!isNonEmptyString(value['keyId'])) return 'keyId is missing';
	if (typeof value['secret'] !== 'string' || !isCanonicalBase64(value['secret'])) {
		return `the secret of key ${value['keyId']} is not canonical base64`;
	}

	if (!isNonEmptyString(value['orgId'])) return `orgId of key ${value['keyId']} is missing`;
	if (!isEnv(value['env'])) return `env of key ${value['keyId']} must be "test" or "production"`;
	if (typeof value['createdAt'] !== 'string') return `createdAt of key ${value['keyId']} is missing`;
	const meta = value['metaKey'];
	if (meta !== undefined) {
		if (!isRecord(meta) || !isNonEmptyString(meta['portfolioId'])) {
			return `metaKey.portfolioId of key ${value['keyId']} is missing`;
		}

		const merchants = meta['merchants'];
		if (merchants !== undefined && !(Array.isArray(merchants) && merchants.every((m) => isNonEmptyString(m)))) {
			return `metaKey.merchants of key ${value['keyId']} must be a list of merchant IDs`;
		}
	}

	return undefined;
}

export function isKeyRecord(value: unknown): value is KeyRecord {
	return keyRecordProblem(value) === undefined;
}

/** A copy holding only the KeyRecord fields (drops anything else a file carried). */
export function cleanKeyRecord(record: KeyRecord): KeyRecord {
	return {
		keyId: record.keyId,
		secret: record.secret,
		orgId: record.orgId,
		env: record.env,
		...(record.metaKey
			? {
					metaKey: {
						portfolioId: record.metaKey.portfolioId,
						...(record.metaKey.merchants ? {merchants: [...record.metaKey.merchants]} : {}),
					},
				}
			: {}),
		createdAt: record.createdAt,
	};
}

/** The published sandbox credentials (PROTOCOL §5.2); the test instance accepts them. */
export const sampleKeyRecords: readonly KeyRecord[] = [
	{
		keyId: '08c94330-f618-42a3-b09d-e1e43be5efda',
		secret: 'yBJxy6LjM2TmcPGu+GaJrHtkke25fPpUX+UY6/L/1tE=',
		orgId: 'testrest',
		env: 'test',
		createdAt: '2019-01-01T00:00:00.000Z',
	},
	{
		keyId: '964f2ecc-96f0-4432-a742-db0b44e6a73a',
		secret: 'zXKpCqMQPmOR/JRldSlkQUtvvIzOewUVqsUP0sBHpxQ=',
		orgId: 'testrest_cpctv',
		env: 'test',
		createdAt: '2019-01-01T00:00:00.000Z',
	},
];
