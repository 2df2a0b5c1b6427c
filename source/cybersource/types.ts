/** Vocabulary shared by the signer, the client, the simulator and every front end. */

export const authMethods = ['http-signature', 'jwt'] as const;
export type AuthMethod = (typeof authMethods)[number];

/** What the user chose on the review screen or with `--auth`. */
export type AuthChoice = AuthMethod | 'both';

export function authMethodsFor(choice: AuthChoice): AuthMethod[] {
	return choice === 'both' ? ['http-signature', 'jwt'] : [choice];
}

export function authLabel(method: AuthMethod): string {
	return method === 'http-signature' ? 'HTTP Signature' : 'JWT (shared secret)';
}

/** A REST – Shared Secret key pair and the merchant it acts for. */
export type Credentials = {
	/** Organization ID = transacting merchant ID (`v-c-merchant-id` header). */
	readonly orgId: string;
	readonly keyId: string;
	/** base64 shared secret. Never printed, logged or stored unless the user asks. */
	readonly secret: string;
	/** Meta key: the portfolio (or account) ID that owns the key. */
	readonly portfolioId?: string;
};
