/** The simulator's public vocabulary: options, keys, faults and the running instance. */

/** A simulator instance stands for one CyberSource environment. */
export type SimulatorEnv = 'test' | 'production';

/** A REST – Shared Secret key pair as Business Center would hold it. */
export type KeyRecord = {
	readonly keyId: string;
	/** base64 shared secret (32 bytes). Never printed. */
	readonly secret: string;
	/** Owner: the merchant, or the portfolio for a meta key. */
	readonly orgId: string;
	readonly env: SimulatorEnv;
	readonly metaKey?: {
		readonly portfolioId: string;
		/** Transacting merchants the meta key may act for; absent = any. */
		readonly merchants?: readonly string[];
	};
	/** ISO 8601 creation time. */
	readonly createdAt: string;
};

/** Faults for testing a client's diagnosis. Several may be set; `hang` wins, then `html`, `502`, `reset`. */
export type Faults = {
	/** Wait this long before answering. */
	readonly delayMs?: number;
	/** Answer 502 SERVER_ERROR / SYSTEM_ERROR (CyberSource's own 502 shape, with a correlation id). */
	readonly status502?: boolean;
	/** Answer an HTML 502 page with no v-c-correlation-id, like a proxy or firewall. */
	readonly html?: boolean;
	/** Process the request, send the status line, headers and half the body, then reset the connection. */
	readonly reset?: boolean;
	/** Read the request and never answer. */
	readonly hang?: boolean;
};

export type SimulatorOptions = {
	/** 0 (default): any free port. */
	readonly port?: number;
	/** Bind address; default 127.0.0.1. */
	readonly host?: string;
	readonly env?: SimulatorEnv;
	/** JSON keys file ({"version":1,"keys":[…]}); reloaded when it changes. */
	readonly keysFile?: string;
	/** How long after a payment it becomes searchable in /tss/v2/transactions (default 3000). */
	readonly searchDelayMs?: number;
	/** Refuse a Date or iat further than this from the clock (default 300). */
	readonly maxSkewSeconds?: number;
	/** The simulator's clock in epoch ms (default Date.now); a skewed clock is an offset here. */
	readonly clock?: () => number;
	/** Receives one line per request saying what happened and, for a refusal, exactly why. */
	readonly explain?: (line: string) => void;
	readonly faults?: Faults;
	/** Accept the published sample credentials (default: true for test, false for production). */
	readonly acceptSampleCredentials?: boolean;
};

export type TransactionKind = 'payment' | 'reversal';

/** What the simulator recorded, for tests and the load test (no card numbers). */
export type TransactionView = {
	readonly id: string;
	readonly kind: TransactionKind;
	readonly status: string;
	readonly merchantId: string;
	readonly clientReferenceCode?: string;
	readonly amount: string;
	readonly currency: string;
	readonly submitTimeUtc: string;
	/** For a payment: the id of its reversal. For a reversal: the payment it reversed. */
	readonly relatedId?: string;
};

export type Simulator = {
	/** http://127.0.0.1:PORT */
	readonly url: string;
	readonly port: number;
	readonly env: SimulatorEnv;
	close(): Promise<void>;
	/** Creates a key pair (as Business Center would) and accepts it at once; persisted to keysFile when set. */
	generateKey(input: {readonly orgId: string; readonly portfolioId?: string; readonly merchants?: readonly string[]}): KeyRecord;
	/** Accepts an existing key pair (in memory only). */
	addKey(record: KeyRecord): void;
	setFaults(faults: Faults): void;
	/** Key IDs this instance accepts now (no secrets). */
	acceptedKeyIds(): readonly string[];
	transactions(): readonly TransactionView[];
};
