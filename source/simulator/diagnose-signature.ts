/**
 * When an HTTP Signature does not match, try the well-known client mistakes (DIAGNOSTICS §2.3)
 * with the key's own secret and name the one that reproduces the received signature.
 * Runs only on a failure, so its cost does not matter.
 */
import {timingSafeEqual} from 'node:crypto';
import {hmacSha256Base64, joinSigningLines, type SigningLine} from '../cybersource/http-signature.js';
import {sha256Base64} from '../cybersource/digest.js';
import {pathOf} from './received-request.js';

export type SignatureDiagnosisInput = {
	readonly lines: readonly SigningLine[];
	readonly method: string;
	readonly target: string;
	readonly body: Uint8Array;
	readonly keyBytes: Buffer;
	readonly secretText: string;
	readonly apiHost: string;
	readonly headerMerchant: string;
	readonly portfolioId?: string;
	readonly presented: Buffer;
};

type Candidate = {readonly mistake: string; readonly text: string; readonly key: Uint8Array};

function replaceLine(lines: readonly SigningLine[], name: string, value: string, newName = name): SigningLine[] {
	return lines.map((line) => (line.name === name ? {name: newName, value} : line));
}

function candidates(input: SignatureDiagnosisInput): Candidate[] {
	const {lines, keyBytes} = input;
	const join = (l: readonly SigningLine[]) => joinSigningLines(l);
	const correct = join(lines);
	const host = lines.find((line) => line.name === 'host')?.value ?? '';
	const list: Candidate[] = [
		{
			mistake: 'the shared secret used as text (its UTF-8 bytes) instead of its base64-decoded bytes',
			text: correct,
			key: Buffer.from(input.secretText, 'utf8'),
		},
		{mistake: 'a trailing newline after the last line of the signing string', text: `${correct}\n`, key: keyBytes},
		{mistake: 'lines separated by \\r\\n instead of \\n', text: lines.map((l) => `${l.name}: ${l.value}`).join('\r\n'), key: keyBytes},
		{
			mistake: 'the method in upper case in the request-target line (CyberSource signs it in lower case)',
			text: join(replaceLine(lines, 'request-target', `${input.method.toUpperCase()} ${input.target}`)),
			key: keyBytes,
		},
		{
			mistake: 'the old "(request-target)" line name (CyberSource dropped the parentheses in 2024)',
			text: join(replaceLine(lines, 'request-target', `${input.method.toLowerCase()} ${input.target}`, '(request-target)')),
			key: keyBytes,
		},
	];
	if (input.target !== pathOf(input.target)) {
		list.push({
			mistake: 'the path without its query string in the request-target line (sign the path exactly as sent, query included)',
			text: join(replaceLine(lines, 'request-target', `${input.method.toLowerCase()} ${pathOf(input.target)}`)),
			key: keyBytes,
		});
	}

	const toggled = input.target.endsWith('/') ? input.target.slice(0, -1) : `${pathOf(input.target)}/${input.target.slice(pathOf(input.target).length)}`;
	list.push({
		mistake: `the path ${toggled} signed while ${input.target} was sent (a trailing slash matters)`,
		text: join(replaceLine(lines, 'request-target', `${input.method.toLowerCase()} ${toggled}`)),
		key: keyBytes,
	});
	const bareHost = host.replace(/:\d+$/, '');
	for (const signedHost of new Set([bareHost, input.apiHost])) {
		if (signedHost !== host) {
			list.push({
				mistake: `host "${signedHost}" signed while the Host header received was "${host}" (sign the Host header exactly as sent; a proxy must keep it)`,
				text: join(replaceLine(lines, 'host', signedHost)),
				key: keyBytes,
			});
		}
	}

	if (lines.some((line) => line.name === 'digest')) {
		list.push({
			mistake: 'the digest line without its "SHA-256=" prefix',
			text: join(replaceLine(lines, 'digest', sha256Base64(input.body))),
			key: keyBytes,
		});
	}

	if (input.portfolioId === undefined) {
		list.push({
			mistake: 'no v-c-merchant-id line, or it is in another position',
			text: join(lines.filter((line) => line.name !== 'v-c-merchant-id')),
			key: keyBytes,
		});
	} else {
		list.push({
			mistake: `the transacting merchant "${input.headerMerchant}" in the signed v-c-merchant-id line; with a meta key that line carries the portfolio ID "${input.portfolioId}" while the header keeps the merchant`,
			text: join(replaceLine(lines, 'v-c-merchant-id', input.headerMerchant)),
			key: keyBytes,
		});
	}

	return list;
}

/** The mistake that reproduces the presented signature, if one does. */
export function diagnoseSignatureMismatch(input: SignatureDiagnosisInput): string | undefined {
	for (const candidate of candidates(input)) {
		const signature = Buffer.from(hmacSha256Base64(candidate.key, candidate.text), 'base64');
		if (signature.length === input.presented.length && timingSafeEqual(signature, input.presented)) {
			return candidate.mistake;
		}
	}

	return undefined;
}
