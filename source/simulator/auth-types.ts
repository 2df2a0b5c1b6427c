/** What authentication needs from the instance and what it answers. */
import type {KeyEntry} from './key-store.js';
import type {SimulatorEnv} from './types.js';

export type AuthContext = {
	readonly env: SimulatorEnv;
	/** The real API host of the simulated environment (apitest.cybersource.com / api.cybersource.com). */
	readonly apiHost: string;
	/** The simulator clock, epoch ms. */
	readonly nowMs: number;
	readonly maxSkewSeconds: number;
	lookup(keyId: string): Promise<KeyEntry | undefined>;
};

export type AuthSuccess = {
	readonly ok: true;
	readonly scheme: 'http-signature' | 'jwt';
	readonly keyId: string;
	/** The transacting merchant: transactions are scoped to it. */
	readonly merchantId: string;
	/** Set for a meta key. */
	readonly portfolioId?: string;
};

export type AuthFailure = {readonly ok: false; readonly reason: string};

export type AuthResult = AuthSuccess | AuthFailure;

export function refuse(reason: string): AuthFailure {
	return {ok: false, reason};
}
