/**
 * HTTP Signature verification from the request as received (PROTOCOL §1, §2): the signing string is
 * rebuilt from the Host and Date headers, the request line and a digest of the received body bytes,
 * never from what the client says it signed.
 */
import {timingSafeEqual} from 'node:crypto';
import {digestHeader} from '../cybersource/digest.js';
import {hasDigest, parseHttpMethod} from '../cybersource/http-method.js';
import {hmacSha256Base64, joinSigningLines, requestTarget, signedHeaderNames, type SigningLine} from '../cybersource/http-signature.js';
import {isCanonicalBase64} from '../cybersource/secret-key.js';
import {refuse, type AuthContext, type AuthResult} from './auth-types.js';
import {diagnoseSignatureMismatch} from './diagnose-signature.js';
import {describeSeconds, parseImfFixdate} from './http-date.js';
import {keyEnvironmentProblem, merchantProblem, unknownKeyReason} from './key-checks.js';
import {headerValue, type ReceivedRequest} from './received-request.js';
import {parseSignatureHeader, truncateSignature} from './signature-header.js';

function headerListProblem(received: string, expected: string): string {
	const names = received.split(' ');
	if (names.includes('(request-target)')) {
		return `headers="${received}" uses the old "(request-target)" form; CyberSource requires "${expected}" (no parentheses since 2024)`;
	}

	if (names.includes('v-c-date')) {
		return `headers="${received}" signs v-c-date; the SDKs sign the Date header: expected "${expected}"`;
	}

	if (received !== received.toLowerCase()) {
		return `headers="${received}" must be lower case: expected "${expected}"`;
	}

	const sorted = (list: readonly string[]) => [...list].sort().join(' ');
	if (sorted(names) === sorted(expected.split(' '))) {
		return `headers="${received}" lists the right headers in the wrong order; expected "${expected}" (the signing string follows this order)`;
	}

	if (names.includes('digest') && !expected.includes('digest')) {
		return `headers="${received}" includes digest, but GET and DELETE requests carry no digest: expected "${expected}"`;
	}

	return `headers="${received}" is not the list CyberSource expects for this method: "${expected}"`;
}

/** Verifies a request carrying a `Signature` header. Never throws. */
export async function verifyHttpSignature(
	request: ReceivedRequest,
	signatureHeader: string,
	context: AuthContext,
): Promise<AuthResult> {
	const parsed = parseSignatureHeader(signatureHeader);
	if (!parsed.ok) return refuse(parsed.reason);
	const parameters = parsed.value;
	if (parameters.algorithm !== 'HmacSHA256') {
		return refuse(`algorithm="${parameters.algorithm}" in the Signature header; CyberSource expects algorithm="HmacSHA256"`);
	}

	const method = parseHttpMethod(request.method);
	if (method === undefined || method !== request.method) {
		return refuse(`method ${request.method} is not one CyberSource signs (GET, POST, PUT, PATCH, DELETE)`);
	}

	const expectedList = signedHeaderNames(method).join(' ');
	if (parameters.headers !== expectedList) return refuse(headerListProblem(parameters.headers, expectedList));

	const entry = await context.lookup(parameters.keyId);
	if (entry === undefined) return refuse(unknownKeyReason(parameters.keyId, context));
	const environmentProblem = keyEnvironmentProblem(entry, context);
	if (environmentProblem !== undefined) return refuse(environmentProblem);

	const host = headerValue(request, 'host');
	if (host === undefined || host === '') return refuse('the request has no Host header');
	const date = headerValue(request, 'date');
	if (date === undefined) return refuse('the request has no Date header (it is signed, so it must be sent)');
	const dateMs = parseImfFixdate(date);
	if (dateMs === undefined) {
		return refuse(`Date header "${date}" is not an RFC 7231 date like "${new Date(context.nowMs).toUTCString()}"`);
	}

	const skewSeconds = (dateMs - context.nowMs) / 1000;
	if (Math.abs(skewSeconds) > context.maxSkewSeconds) {
		return refuse(
			`Date header "${date}" is ${describeSeconds(skewSeconds)} ${skewSeconds < 0 ? 'behind' : 'ahead of'} the simulator clock (${new Date(context.nowMs).toUTCString()}); at most ${describeSeconds(context.maxSkewSeconds)} is accepted: check the system clock`,
		);
	}

	const lines: SigningLine[] = [
		{name: 'host', value: host},
		{name: 'date', value: date},
		{name: 'request-target', value: requestTarget(method, request.target)},
	];
	if (hasDigest(method)) {
		const sent = headerValue(request, 'digest');
		const computed = digestHeader(request.body);
		if (sent === undefined) return refuse(`${method} request without a Digest header (signing string line 4 must be "digest: ${computed}")`);
		if (sent !== computed) {
			return refuse(
				`signing string line 4 differs: digest of the received body (${request.body.length} bytes) is ${computed}, the Digest header and signed line say ${sent}: sign and send exactly the same body bytes`,
			);
		}

		lines.push({name: 'digest', value: computed});
	}

	const headerMerchant = headerValue(request, 'v-c-merchant-id');
	if (headerMerchant === undefined || headerMerchant === '') return refuse('the request has no v-c-merchant-id header');
	const ownershipProblem = merchantProblem(entry, headerMerchant);
	if (ownershipProblem !== undefined) return refuse(ownershipProblem);
	const portfolioId = entry.record.metaKey?.portfolioId;
	lines.push({name: 'v-c-merchant-id', value: portfolioId ?? headerMerchant});

	const presentedText = parameters.signature;
	const presented = Buffer.from(presentedText, 'base64');
	if (!isCanonicalBase64(presentedText) || presented.length !== 32) {
		return refuse(`signature="${truncateSignature(presentedText)}" is not base64 of a 32-byte HMAC-SHA256`);
	}

	const signingString = joinSigningLines(lines);
	const expected = Buffer.from(hmacSha256Base64(entry.keyBytes, signingString), 'base64');
	if (timingSafeEqual(expected, presented)) {
		return {
			ok: true,
			scheme: 'http-signature',
			keyId: entry.record.keyId,
			merchantId: headerMerchant,
			...(portfolioId === undefined ? {} : {portfolioId}),
		};
	}

	const mistake = diagnoseSignatureMismatch({
		lines,
		method,
		target: request.target,
		body: request.body,
		keyBytes: entry.keyBytes,
		secretText: entry.record.secret,
		apiHost: context.apiHost,
		headerMerchant,
		...(portfolioId === undefined ? {} : {portfolioId}),
		presented,
	});
	const rebuilt = lines.map((line, index) => `${index + 1}. ${line.name}: ${line.value}`).join(' | ');
	return refuse(
		mistake === undefined
			? `signature="${truncateSignature(presentedText)}" does not match the signing string rebuilt from the request [${rebuilt}]: either the secret is not the one of key ${entry.record.keyId}, or a signed value differs from what was sent`
			: `signature="${truncateSignature(presentedText)}" does not match the signing string rebuilt from the request [${rebuilt}]; it matches ${mistake}`,
	);
}
