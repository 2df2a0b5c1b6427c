/** The key file a user downloads from Business Center, as the simulator writes it (mode 0600). */
import {writeFileSync} from 'node:fs';
import type {KeyRecord} from './types.js';

/** The file's text: a comment line, then Organization ID, Key and Shared Secret lines. */
export function keyFileText(record: KeyRecord): string {
	return [
		'# CyberSource REST – Shared Secret key (simulated by cybs-key-wizard; not a real key)',
		`Organization ID: ${record.metaKey?.portfolioId ?? record.orgId}`,
		`Key: ${record.keyId}`,
		`Shared Secret: ${record.secret}`,
		'',
	].join('\n');
}

/** Writes the key file, mode 0600; never overwrites an existing file (throws EEXIST). */
export function writeKeyFile(file: string, record: KeyRecord): void {
	writeFileSync(file, keyFileText(record), {mode: 0o600, flag: 'wx'});
}
