/** Identifiers in CyberSource's shapes: 22-digit request IDs, UUID correlation IDs, processor IDs. */
import {randomInt, randomUUID} from 'node:crypto';

export type IdSource = {
	/** 22 digits, time-ordered like CyberSource's (e.g. 6750124114786780104953). */
	requestId(nowMs: number): string;
	correlationId(): string;
	/** 16 upper-case letters and digits. */
	reconciliationId(): string;
	/** 15 digits (processor transactionId / networkTransactionId). */
	processorTransactionId(): string;
};

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function digits(count: number, random: (max: number) => number): string {
	let text = '';
	for (let index = 0; index < count; index++) text += String(random(10));
	return text;
}

export function createIdSource(random: (max: number) => number = randomInt, uuid: () => string = randomUUID): IdSource {
	let sequence = 0;
	return {
		requestId(nowMs) {
			sequence = (sequence + 1) % 10_000;
			// As CyberSource's: deciseconds since the epoch without the leading digit (10 digits),
			// then a sequence and random digits.
			const time = String(Math.floor(Math.max(0, nowMs) / 100)).padStart(11, '0').slice(-10);
			return `${time}${String(sequence).padStart(4, '0')}${digits(8, random)}`;
		},
		correlationId: uuid,
		reconciliationId() {
			let text = '';
			for (let index = 0; index < 16; index++) text += alphabet[random(alphabet.length)] ?? 'X';
			return text;
		},
		processorTransactionId() {
			return digits(15, random);
		},
	};
}
