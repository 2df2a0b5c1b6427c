/**
 * Dedicated diagnosis items for every failure other than a 401 (DIAGNOSTICS §1 rows 4-8, 15-21, §3):
 * the attempt's own code and message, with what to do next. Plus the HTTP Signature retirement note
 * and the "it may have gone through" warning. Pure.
 */
import type {Environment} from '../environments.js';
import type {DiagnosisItem, KeyTestAttempt} from '../key-test-types.js';
import {issuerAdvice, type PresentedCertificate} from '../tls-issuer.js';

export type FailureContext = {
	readonly environment: Environment;
	readonly mode: 'payment' | 'probe';
	/** host[:port] of the API. */
	readonly host: string;
	/** The certificate the server presented, for a TLS failure (read by tls-issuer). */
	readonly certificate?: PresentedCertificate;
	/** Why the certificate was not read, when it was not. */
	readonly certificateNote?: string;
};

function lookUpSteps(environment: Environment): string[] {
	return [
		`Log in to Business Center: ${environment.businessCenter.url}`,
		`Open ${environment.businessCenter.transactionsPath.join(' › ')} and look for a payment at the time of the test (reference code starting "cybs-key-wizard-").`,
		'Only if it is not there, run the test again.',
	];
}

const proxyStep = 'On a corporate network, set HTTPS_PROXY=http://proxy-host:port (names often resolve only through the proxy).';
const firewallStep = 'Ask your network team to allow outbound HTTPS (port 443) to *.cybersource.com (CyberSource lists 66.185.176.0/20).';

/** Next steps for one failed attempt, by its code. */
function stepsFor(attempt: KeyTestAttempt, context: FailureContext): string[] | undefined {
	const {host} = context;
	switch (attempt.code) {
		case 'DNS_FAILURE': {
			return [`Check the host name (${host}) and that this machine is online: try "nslookup ${host.replace(/:\d+$/, '')}".`, proxyStep];
		}

		case 'CONNECTION_REFUSED':
		case 'NETWORK_UNREACHABLE': {
			return [firewallStep, proxyStep];
		}

		case 'TIMEOUT':
		case 'CONNECTION_RESET': {
			return attempt.mayHaveBeenProcessed === true ? lookUpSteps(context.environment) : [firewallStep, 'Try again; raise the timeout if it keeps happening.'];
		}

		case 'TLS_ERROR': {
			return [
				'If your company inspects HTTPS: get its root certificate (PEM) and start the tool with NODE_EXTRA_CA_CERTS=/path/to/root-ca.pem (Node reads it only at start).',
				'Otherwise update this machine\'s root certificates, or start with NODE_USE_SYSTEM_CA=1 to use the operating system\'s store.',
				'Never turn certificate verification off.',
			];
		}

		case 'PROXY_AUTH_REQUIRED': {
			return ['Put the proxy user name and password in the proxy URL: HTTPS_PROXY=http://user:password@proxy-host:port (URL-encode special characters).'];
		}

		case 'PROXY_ERROR': {
			return [firewallStep, 'Set NO_PROXY for hosts that must not go through the proxy.'];
		}

		case 'NOT_CYBERSOURCE': {
			return [
				'Something between you and CyberSource answered (no v-c-correlation-id): a proxy, firewall or captive portal.',
				'Open the raw answer (--debug) to see who it was; check HTTPS_PROXY and ask your network team to allow *.cybersource.com.',
			];
		}

		case 'INVALID_REQUEST':
		case 'DUPLICATE_REQUEST': {
			return ['The keys work. CyberSource names the field above; the key test\'s own payment is fixed, so this points at the account set-up (open a MID Configuration Request in Business Center › Support if it persists).'];
		}

		case 'FORBIDDEN': {
			return ['The keys work, but this organization is not enabled for the API: ask your account manager, or open a case in Business Center › Support › Support Center.'];
		}

		case 'NOT_FOUND': {
			return ['Check the base URL (use https://apitest.cybersource.com or https://api.cybersource.com, nothing after the host).', 'If it is right, the payments service may not be enabled for this organization: ask your account manager.'];
		}

		case 'SERVER_ERROR': {
			return context.mode === 'payment'
				? [...lookUpSteps(context.environment), `Keep the correlation ID ${attempt.correlationId ?? '(none)'} for support.`]
				: ['Try again in a few minutes.', `Keep the correlation ID ${attempt.correlationId ?? '(none)'} for support.`];
		}

		case 'PAYMENT_DECLINED':
		case 'PAYMENT_PENDING_REVIEW':
		case 'PAYMENT_NOT_AUTHORIZED': {
			return [
				'Your keys work: CyberSource authenticated the request and answered 201.',
				context.environment.kind === 'test'
					? 'In the test environment the processor simulator declines on purpose for some amounts and cards; the sample payment (4111 1111 1111 1111, 102.21 USD) is normally authorized.'
					: 'In production a real processor decided: a test card number is always declined there.',
			];
		}

		default: {
			return undefined;
		}
	}
}

/** The TLS message with the presented certificate's issuer, when it could be read. */
function tlsMessage(attempt: KeyTestAttempt, context: FailureContext): string {
	if (context.certificate !== undefined) return `${attempt.message} ${issuerAdvice(context.certificate)}`;
	return context.certificateNote === undefined ? attempt.message : `${attempt.message} (${context.certificateNote})`;
}

/** One dedicated item per failed attempt (same code; repeated code+message pairs once). 401s are left to the ranking. */
export function failureItems(attempts: readonly KeyTestAttempt[], context: FailureContext): DiagnosisItem[] {
	const items: DiagnosisItem[] = [];
	for (const attempt of attempts) {
		if (attempt.outcome === 'works') continue;
		const message = attempt.code === 'TLS_ERROR' ? tlsMessage(attempt, context) : attempt.message;
		if (items.some((item) => item.code === attempt.code && item.message === message)) continue;
		const steps = stepsFor(attempt, context);
		items.push({
			code: attempt.code,
			message,
			kind: 'failure',
			severity: attempt.outcome === 'authenticated' ? 'warning' : 'error',
			...(steps === undefined ? {} : {steps}),
		});
	}

	return items;
}

/** PROTOCOL §0 / DIAGNOSTICS §0: shown whenever HTTP Signature was used. */
export function httpSignatureRetirement(): DiagnosisItem {
	return {
		code: 'HTTP_SIGNATURE_RETIRING',
		kind: 'info',
		severity: 'info',
		message:
			'HTTP Signature is being retired: CyberSource asks merchants to move to JWT (the latest release notes say by March 2027; earlier notes said September 2026). JWT uses the same key ID and shared secret, so no new key is needed.',
		steps: ['Test JWT too (choose "both", or --auth jwt), then switch your integration to JWT with the shared secret (authenticationType "jwt", JwtKeyType "SHARED_SECRET" in the SDKs).'],
	};
}

/** The prominent warning after a payment request that got no complete answer. */
export function paymentMayHaveGoneThrough(attempt: KeyTestAttempt, environment: Environment): {code: string; message: string; steps: string[]} {
	return {
		code: 'PAYMENT_MAY_HAVE_GONE_THROUGH',
		message: `The payment request got no complete answer (${attempt.code}) and was not retried: it may have gone through. Look up the request in Business Center before trying again.`,
		steps: lookUpSteps(environment),
	};
}
