/** Reads a small file (key file, secret file) with its failures named, never its contents. */
import {open} from 'node:fs/promises';

export type SmallFileFailure = 'not-found' | 'unreadable' | 'is-directory' | 'too-large';

export type SmallFileResult =
	| {readonly ok: true; readonly bytes: Uint8Array}
	| {readonly ok: false; readonly failure: SmallFileFailure; readonly detail: string};

function errorCode(error: unknown): string | undefined {
	if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
	return typeof error.code === 'string' ? error.code : undefined;
}

/** Reads at most `maxBytes` (a larger file is refused, whatever `stat` claimed). */
export async function readSmallFile(path: string, maxBytes: number): Promise<SmallFileResult> {
	let handle;
	try {
		handle = await open(path, 'r');
	} catch (error: unknown) {
		const code = errorCode(error);
		if (code === 'ENOENT' || code === 'ENOTDIR') return {ok: false, failure: 'not-found', detail: 'no such file'};
		if (code === 'EISDIR') return {ok: false, failure: 'is-directory', detail: 'it is a directory'};
		return {ok: false, failure: 'unreadable', detail: code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? 'read error')};
	}

	try {
		const stats = await handle.stat();
		if (stats.isDirectory()) return {ok: false, failure: 'is-directory', detail: 'it is a directory'};
		if (stats.size > maxBytes) return {ok: false, failure: 'too-large', detail: `${stats.size} bytes`};
		const buffer = Buffer.alloc(maxBytes + 1);
		let length = 0;
		for (;;) {
			const {bytesRead} = await handle.read(buffer, length, buffer.length - length, null);
			if (bytesRead === 0) break;
			length += bytesRead;
			if (length > maxBytes) return {ok: false, failure: 'too-large', detail: `more than ${maxBytes} bytes`};
		}

		return {ok: true, bytes: new Uint8Array(buffer.subarray(0, length))};
	} catch (error: unknown) {
		const code = errorCode(error);
		if (code === 'EISDIR') return {ok: false, failure: 'is-directory', detail: 'it is a directory'};
		return {ok: false, failure: 'unreadable', detail: code ?? 'read error'};
	} finally {
		await handle.close();
	}
}

/** Text of a small file: UTF-8 (BOM dropped), or UTF-16 when it starts with a UTF-16 byte order mark. */
export function decodeText(bytes: Uint8Array): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
	return new TextDecoder('utf-8', {ignoreBOM: false}).decode(bytes);
}
