/** Strict parsing of the HTTP Signature `Signature` header (PROTOCOL §1.6). Never throws. */

export type SignatureParameters = {
	readonly keyId: string;
	readonly algorithm: string;
	readonly headers: string;
	readonly signature: string;
};

export type SignatureHeaderResult =
	| {readonly ok: true; readonly value: SignatureParameters}
	| {readonly ok: false; readonly reason: string};

const strictPattern = /^keyid="([^"]*)", algorithm="([^"]*)", headers="([^"]*)", signature="([^"]*)"$/;
// The look-behind anchors each match at the start of a name, keeping the scan linear on long letter runs.
const parameterPattern = /(?<![A-Za-z-])([A-Za-z-]+)\s*[=:]\s*"?/g;
const expectedOrder = 'keyid, algorithm, headers, signature';

/** Parses `keyid="…", algorithm="HmacSHA256", headers="…", signature="…"`: that order, `", "` between. */
export function parseSignatureHeader(text: string): SignatureHeaderResult {
	const match = strictPattern.exec(text);
	if (match) {
		const [, keyId = '', algorithm = '', headers = '', signature = ''] = match;
		return {ok: true, value: {keyId, algorithm, headers, signature}};
	}

	return {ok: false, reason: describeMalformed(text)};
}

function describeMalformed(text: string): string {
	const names = [...text.matchAll(parameterPattern)].map((m) => (m[1] ?? '').toLowerCase());
	if (names.includes('kid')) {
		return `the Signature header names the key with kid=; CyberSource expects keyid="<key ID>" (expected parameters: ${expectedOrder})`;
	}

	if (/keyid\s*:/i.test(text)) {
		return `the Signature header uses keyid: instead of keyid="…" (expected: keyid="…", algorithm="HmacSHA256", headers="…", signature="…")`;
	}

	const known = names.filter((name) => ['keyid', 'algorithm', 'headers', 'signature'].includes(name));
	if (known.length === 4 && known.join(', ') !== expectedOrder) {
		return `the Signature header parameters are in the order ${known.join(', ')}; CyberSource expects ${expectedOrder}`;
	}

	if (known.length === 4) {
		return `the Signature header is not in the exact form keyid="…", algorithm="…", headers="…", signature="…" (every value in double quotes, ", " between parameters)`;
	}

	const missing = ['keyid', 'algorithm', 'headers', 'signature'].filter((name) => !names.includes(name));
	return `the Signature header lacks ${missing.join(', ')} (expected: keyid="…", algorithm="HmacSHA256", headers="…", signature="…")`;
}

/** The first 8 characters of a signature and an ellipsis: enough to compare, never the whole value. */
export function truncateSignature(signature: string): string {
	return signature.length <= 8 ? signature : `${signature.slice(0, 8)}…`;
}
