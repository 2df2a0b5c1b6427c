/** Reads all of stdin (a pipe), with a size limit and the command's abort signal. */
import type {Readable} from 'node:stream';

export type StdinResult =
	| {readonly ok: true; readonly bytes: Uint8Array}
	| {readonly ok: false; readonly reason: 'too-large' | 'aborted' | 'error'};

export async function readStdin(stream: Readable, maxBytes: number, signal?: AbortSignal): Promise<StdinResult> {
	const chunks: Uint8Array[] = [];
	let length = 0;
	const onAbort = () => {
		stream.destroy();
	};

	if (signal?.aborted) return {ok: false, reason: 'aborted'};
	signal?.addEventListener('abort', onAbort, {once: true});
	try {
		for await (const chunk of stream) {
			const bytes: Uint8Array = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk instanceof Uint8Array ? chunk : Buffer.from(String(chunk));
			length += bytes.length;
			if (length > maxBytes) return {ok: false, reason: 'too-large'};
			chunks.push(bytes);
		}
	} catch {
		return {ok: false, reason: signal?.aborted ? 'aborted' : 'error'};
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}

	if (signal?.aborted) return {ok: false, reason: 'aborted'};
	return {ok: true, bytes: new Uint8Array(Buffer.concat(chunks))};
}
