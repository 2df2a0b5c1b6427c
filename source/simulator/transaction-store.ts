/** Payments and reversals the simulator has answered, scoped by merchant. */
import type {PaymentOutcome} from './triggers.js';
import type {TransactionView} from './types.js';

/** What payments and reversals both record. */
type StoredCommon = {
	readonly id: string;
	readonly merchantId: string;
	readonly createdAtMs: number;
	readonly submitTimeUtc: string;
	readonly clientReferenceCode?: string;
	readonly amount: string;
	readonly currency: string;
	readonly reconciliationId: string;
	readonly processorTransactionId: string;
};

export type StoredPayment = StoredCommon & {
	readonly kind: 'payment';
	readonly cardSuffix: string;
	readonly cardType: string;
	readonly expirationMonth: string;
	readonly expirationYear: string;
	readonly billTo: Readonly<Record<string, string>>;
	readonly status: string;
	readonly outcome: PaymentOutcome;
	readonly approvalCode?: string;
	reversalId?: string;
};

export type StoredReversal = StoredCommon & {
	readonly kind: 'reversal';
	readonly paymentId: string;
};

export type StoredTransaction = StoredPayment | StoredReversal;

/** The same clientReferenceInformation.code within this window is a DUPLICATE_REQUEST (DIAGNOSTICS §3.1). */
export const duplicateWindowMs = 15 * 60 * 1000;

export class TransactionStore {
	private readonly byId = new Map<string, StoredTransaction>();
	private readonly codes = new Map<string, number>();

	has(id: string): boolean {
		return this.byId.has(id);
	}

	/** The transaction, only when it belongs to `merchantId` (another merchant's is "not found"). */
	get(id: string, merchantId: string): StoredTransaction | undefined {
		const found = this.byId.get(id);
		return found?.merchantId === merchantId ? found : undefined;
	}

	isDuplicate(merchantId: string, code: string, nowMs: number): boolean {
		const at = this.codes.get(`${merchantId}\u0000${code}`);
		return at !== undefined && nowMs - at < duplicateWindowMs && nowMs >= at;
	}

	add(transaction: StoredTransaction): void {
		this.byId.set(transaction.id, transaction);
		if (transaction.kind === 'payment' && transaction.clientReferenceCode !== undefined) {
			this.codes.set(`${transaction.merchantId}\u0000${transaction.clientReferenceCode}`, transaction.createdAtMs);
		}
	}

	views(): TransactionView[] {
		return [...this.byId.values()].map((t) => ({
			id: t.id,
			kind: t.kind,
			status: t.kind === 'payment' ? t.status : 'REVERSED',
			merchantId: t.merchantId,
			...(t.clientReferenceCode === undefined ? {} : {clientReferenceCode: t.clientReferenceCode}),
			amount: t.amount,
			currency: t.currency,
			submitTimeUtc: t.submitTimeUtc,
			...(t.kind === 'payment'
				? t.reversalId === undefined
					? {}
					: {relatedId: t.reversalId}
				: {relatedId: t.paymentId}),
		}));
	}
}
