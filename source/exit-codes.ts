/** Exit codes, documented in the README. */
export const exitCodes = {
	/** The key pair works (or the command did what was asked). */
	ok: 0,
	/** The key pair does not work: 401, or the payment was refused. */
	failed: 1,
	/** Usage or input error, found before any request is sent. */
	usage: 2,
	/** No verdict: network, TLS, timeout, 5xx. */
	noVerdict: 3,
	/** Interrupted (Ctrl+C). */
	interrupted: 130,
} as const;

export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
