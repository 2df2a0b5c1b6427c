/**
 * The leak test's search: every textual form of a shared secret (as given, base64 with and without
 * padding, base64url with and without padding, hex in any letter case, URL-encoded, JSON-escaped, the
 * raw 32 bytes), and any 16-character piece of its base64 / base64url form or 24-character piece of
 * its hex form, in three views of the text: as written, with terminal escape codes removed, and with
 * escape codes, whitespace and box-drawing characters removed (a secret wrapped across screen lines).
 *
 * Independent of the source's own redaction code on purpose: it must find what that code misses.
 * A hit never carries the secret: it names the form and shows the context with the match replaced.
 */

export type SecretForm = {readonly name: string; readonly text: string; readonly caseInsensitive: boolean};

export type LeakHit = {
	/** Where the text came from (a file path, "stdout", "frame 12", …). */
	readonly where: string;
	/** Which secret (index in the list given) and which form of it. */
	readonly secretIndex: number;
	readonly form: string;
	/** Which view of the text it was found in. */
	readonly view: 'raw' | 'no-escapes' | 'no-escapes-no-whitespace' | 'bytes';
	readonly offset: number;
	/** Up to 40 characters either side, the match replaced by <SECRET:form>. */
	readonly context: string;
};

/** Shortest piece of the base64 / base64url form that counts as a leak. */
export const base64PieceLength = 16;
/** Shortest piece of the hex form that counts as a leak. */
export const hexPieceLength = 24;

/** Every whole form of the secret that must not appear anywhere. */
export function secretForms(secret: string): SecretForm[] {
	const bytes = Buffer.from(secret, 'base64');
	const base64 = bytes.toString('base64');
	const base64Url = bytes.toString('base64url');
	const hex = bytes.toString('hex');
	const candidates: SecretForm[] = [
		{name: 'as given', text: secret, caseInsensitive: false},
		{name: 'base64', text: base64, caseInsensitive: false},
		{name: 'base64 unpadded', text: base64.replace(/=+$/, ''), caseInsensitive: false},
		{name: 'base64url', text: base64Url, caseInsensitive: false},
		{name: 'base64url padded', text: base64Url + '='.repeat((4 - (base64Url.length % 4)) % 4), caseInsensitive: false},
		{name: 'hex lower', text: hex.toLowerCase(), caseInsensitive: false},
		{name: 'hex upper', text: hex.toUpperCase(), caseInsensitive: false},
		{name: 'hex any case', text: hex, caseInsensitive: true},
		{name: 'URL-encoded', text: encodeURIComponent(base64), caseInsensitive: true},
		{name: 'JSON-escaped slashes', text: base64.replaceAll('/', String.raw`\/`), caseInsensitive: false},
	];
	const seen = new Set<string>();
	return candidates.filter((form) => {
		const key = `${form.caseInsensitive ? 'i' : 's'}:${form.caseInsensitive ? form.text.toLowerCase() : form.text}`;
		if (seen.has(key) || form.text.length === 0) return false;
		seen.add(key);
		return true;
	});
}

const piecesCache = new Map<string, SecretForm[]>();

/** Every contiguous piece of the secret long enough to count (sliding windows). */
export function secretPieces(secret: string): SecretForm[] {
	const cached = piecesCache.get(secret);
	if (cached !== undefined) return cached;
	const bytes = Buffer.from(secret, 'base64');
	const pieces: SecretForm[] = [];
	const windows = (name: string, text: string, length: number, caseInsensitive: boolean) => {
		for (let start = 0; start + length <= text.length; start++) {
			pieces.push({name: `${name} piece @${start}`, text: text.slice(start, start + length), caseInsensitive});
		}
	};

	windows('base64', bytes.toString('base64').replace(/=+$/, ''), base64PieceLength, false);
	windows('base64url', bytes.toString('base64url'), base64PieceLength, false);
	windows('hex', bytes.toString('hex'), hexPieceLength, true);
	piecesCache.set(secret, pieces);
	return pieces;
}

/** CSI (colours, cursor moves) and OSC (hyperlinks, titles) sequences. */
const escapeCodes = /\u001B\[[\d;?]*[ -/]*[@-~]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[@-_]/g;
/** Whitespace and the characters a box or a border puts between two halves of a wrapped line. */
const layoutCharacters = /[\s\u2500-\u257F]+/g;

function views(text: string): Array<{view: LeakHit['view']; text: string}> {
	const noEscapes = text.replaceAll(escapeCodes, '');
	return [
		{view: 'raw', text},
		{view: 'no-escapes', text: noEscapes},
		{view: 'no-escapes-no-whitespace', text: noEscapes.replaceAll(layoutCharacters, '')},
	];
}

function indexOfForm(haystack: string, lowered: string, form: SecretForm): number {
	return form.caseInsensitive ? lowered.indexOf(form.text.toLowerCase()) : haystack.indexOf(form.text);
}

function contextOf(text: string, offset: number, length: number, form: string): string {
	const before = text.slice(Math.max(0, offset - 40), offset);
	const after = text.slice(offset + length, offset + length + 40);
	return `${before}<SECRET:${form}>${after}`.replaceAll(/[\u0000-\u001F]/g, ' ');
}

/**
 * Every leak of any of `secrets` in `text`. One hit per secret, form and view at most (the first
 * place); pieces are reported only when no whole form was found in that view (the whole form says more).
 */
export function findLeaks(text: string, secrets: readonly string[], where: string): LeakHit[] {
	const hits: LeakHit[] = [];
	for (const {view, text: viewed} of views(text)) {
		const lowered = viewed.toLowerCase();
		for (const [secretIndex, secret] of secrets.entries()) {
			let whole = false;
			for (const form of secretForms(secret)) {
				const offset = indexOfForm(viewed, lowered, form);
				if (offset === -1) continue;
				whole = true;
				hits.push({where, secretIndex, form: form.name, view, offset, context: contextOf(viewed, offset, form.text.length, form.name)});
			}

			if (whole) continue;
			const piece = secretPieces(secret).find((form) => indexOfForm(viewed, lowered, form) !== -1);
			if (piece !== undefined) {
				const offset = indexOfForm(viewed, lowered, piece);
				hits.push({where, secretIndex, form: piece.name, view, offset, context: contextOf(viewed, offset, piece.text.length, piece.name)});
			}
		}
	}

	// The same leak seen in several views is one leak: keep the first view that showed each form
	// (and one piece per secret: the views can line up a piece one character apart).
	const seen = new Set<string>();
	return hits.filter((hit) => {
		const key = `${hit.secretIndex}:${hit.form.includes(' piece @') ? 'piece' : hit.form}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Leaks in a file's bytes: the decoded text (UTF-8 and Latin-1) and the secret's raw 32 bytes. */
export function findLeaksInBytes(bytes: Buffer, secrets: readonly string[], where: string): LeakHit[] {
	const hits = findLeaks(bytes.toString('utf8'), secrets, where);
	const latin1 = findLeaks(bytes.toString('latin1'), secrets, where).filter(
		(hit) => !hits.some((known) => known.secretIndex === hit.secretIndex && known.form === hit.form),
	);
	hits.push(...latin1);
	for (const [secretIndex, secret] of secrets.entries()) {
		const raw = Buffer.from(secret, 'base64');
		const offset = bytes.indexOf(raw);
		if (offset !== -1) hits.push({where, secretIndex, form: 'raw bytes', view: 'bytes', offset, context: `<SECRET:raw bytes> at byte ${offset}`});
	}

	return hits;
}

/** A readable list of hits for an assertion message (no secret in it). */
export function describeHits(hits: readonly LeakHit[]): string {
	return hits.map((hit) => `${hit.where}: secret #${hit.secretIndex} as ${hit.form} (${hit.view} @${hit.offset}): …${hit.context}…`).join('\n');
}
