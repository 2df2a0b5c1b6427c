/**
 * After a TLS failure: who issued the certificate the server presented? A second, separate TLS
 * handshake with verification turned off, used ONLY to read the peer certificate for the message
 * (DIAGNOSTICS §1 row 7: DigiCert = this machine's trust store; a corporate CA name = HTTPS
 * inspection). Nothing is ever written to this connection; it is closed right after the handshake.
 */
import type {PeerCertificate, TLSSocket, ConnectionOptions} from 'node:tls';

export type PresentedCertificate = {
	/** "CN=Example Inspection CA, O=Example Corp" */
	readonly issuer: string;
	readonly subject: string;
	readonly validTo?: string;
	/** Issuer and subject are the same: a self-signed certificate. */
	readonly selfSigned: boolean;
};

export type TlsConnect = (options: ConnectionOptions, secureConnectListener?: () => void) => TLSSocket;

export type CertificateTarget = {
	readonly host: string;
	readonly port: number;
	/** SNI name; default the host (not for IP addresses). */
	readonly servername?: string;
};

/** Reads the presented certificate, or undefined when it cannot (refused, timeout, no certificate). */
export type CertificateReader = (target: CertificateTarget) => Promise<PresentedCertificate | undefined>;

const nameOrder = ['CN', 'OU', 'O', 'L', 'ST', 'C'];

function nameValue(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.filter((item) => typeof item === 'string').join('+');
	return undefined;
}

/** "CN=…, O=…" from a certificate name object, most specific first. Pure. */
export function distinguishedName(name: object | undefined): string {
	if (name === undefined) return '';
	const entries = Object.entries(name)
		.map(([key, value]): [string, string | undefined] => [key, nameValue(value)])
		.filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '');
	const position = (key: string) => {
		const index = nameOrder.indexOf(key);
		return index === -1 ? nameOrder.length : index;
	};
	return entries
		.sort((a, b) => position(a[0]) - position(b[0]))
		.map(([key, value]) => `${key}=${value}`)
		.join(', ');
}

/** The certificate facts the message needs. Pure. */
export function presentedCertificateOf(certificate: Pick<PeerCertificate, 'issuer' | 'subject' | 'valid_to'>): PresentedCertificate {
	const issuer = distinguishedName(certificate.issuer);
	const subject = distinguishedName(certificate.subject);
	return {issuer, subject, ...(certificate.valid_to ? {validTo: certificate.valid_to} : {}), selfSigned: issuer !== '' && issuer === subject};
}

/** What the issuer suggests, in one sentence. Pure. */
export function issuerAdvice(certificate: PresentedCertificate): string {
	if (/digicert|entrust/i.test(certificate.issuer)) {
		return `The certificate was issued by ${certificate.issuer}, CyberSource's own certificate authority: this machine's trusted root certificates are missing or out of date (CyberSource no longer sends the root in its chain); update the operating system's root certificates, or start with NODE_USE_SYSTEM_CA=1.`;
	}

	const what = certificate.selfSigned ? 'a self-signed certificate' : 'a certificate';
	return `The server presented ${what} issued by ${certificate.issuer}, not by CyberSource's certificate authority (DigiCert): something between you and CyberSource (a TLS-inspecting proxy or firewall) intercepts HTTPS. Ask your network team for that root certificate and start the tool with NODE_EXTRA_CA_CERTS=/path/to/that-root-ca.pem (read only when Node starts); never turn verification off.`;
}

function isIpAddress(host: string): boolean {
	return /^[\d.]+$/.test(host) || host.includes(':');
}

export type ReadCertificateOptions = {
	readonly timeoutMs?: number;
	/** Injected for tests; default node:tls connect. */
	readonly connect?: TlsConnect;
};

/** Opens a handshake-only TLS connection and reads the presented certificate. Never throws. */
export async function readPresentedCertificate(
	target: CertificateTarget,
	options: ReadCertificateOptions = {},
): Promise<PresentedCertificate | undefined> {
	const connect = options.connect ?? (await import('node:tls')).connect;
	const timeoutMs = options.timeoutMs ?? 5000;
	const host = target.host.replace(/^\[(.*)\]$/, '$1');
	const servername = target.servername ?? (isIpAddress(host) ? undefined : host);
	return new Promise((resolve) => {
		let settled = false;
		let socket: TLSSocket | undefined;
		const done = (value: PresentedCertificate | undefined) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			socket?.destroy();
			resolve(value);
		};

		const timer = setTimeout(() => done(undefined), timeoutMs);
		try {
			// rejectUnauthorized: false ONLY to read who issued the certificate; no data is sent.
			socket = connect({host, port: target.port, rejectUnauthorized: false, ...(servername === undefined ? {} : {servername})}, () => {
				const certificate = socket?.getPeerCertificate();
				done(certificate === undefined || Object.keys(certificate).length === 0 ? undefined : presentedCertificateOf(certificate));
			});
			socket.on('error', () => done(undefined));
		} catch {
			done(undefined);
		}
	});
}
