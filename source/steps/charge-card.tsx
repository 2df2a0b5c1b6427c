import {useState} from 'react';
import {Box, Text} from 'ink';
import {TextField} from '../components/text-field.js';
import {useBackKey} from '../hooks/use-keys.js';
import {useTranscriptLine} from '../components/transcript.js';
import {
	cardDigits,
	cardEnding,
	checkCardNumber,
	checkExpiry,
	checkSecurityCode,
	expiryText,
	isAmex,
	lastFour,
	type CardExpiry,
} from '../cybersource/card-checks.js';
import type {PaymentCard} from '../cybersource/key-test-types.js';

export type CardField = 'number' | 'expiry' | 'security-code';

/** What is kept when the user goes back: never the security code. */
export type CardDraft = {
	readonly number?: string;
	readonly expiry?: CardExpiry;
};

export type ChargeCardProps = {
	/** Values typed earlier (Enter on an empty field keeps them). */
	readonly draft: CardDraft;
	/** The field to start at (the security code when coming back from the confirmation). */
	readonly startAt?: CardField;
	/** For the expiry check. */
	readonly now: () => number;
	readonly onSubmit: (card: PaymentCard) => void;
	/** Esc on the card number: back to the review, with what to keep. */
	readonly onBack: (draft: CardDraft) => void;
};

/** "•••• •••• •••• 4242": how a card number is shown once typed. */
export function maskedCardNumber(number: string): string {
	const digits = cardDigits(number);
	const hidden = '•'.repeat(Math.max(0, digits.length - 4)).replaceAll(/(.{4})(?=.)/g, '$1 ');
	return `${hidden} ${lastFour(digits)}`.trim();
}

function Done({label, children}: {readonly label: string; readonly children: string}) {
	return (
		<Box>
			<Box width={16} flexShrink={0}>
				<Text dimColor>{label}</Text>
			</Box>
			<Text>{children}</Text>
		</Box>
	);
}

/**
 * The real card for Production's 1.00 authorization, one field at a time: number (hidden as typed,
 * only its last 4 digits shown), expiry, security code (hidden). UI only: the values go out through
 * onSubmit. Esc goes back a field (keeping the number and expiry, never the security code).
 */
export function ChargeCard({draft, startAt = 'number', now, onSubmit, onBack}: ChargeCardProps) {
	const [field, setField] = useState<CardField>(startAt);
	const [number, setNumber] = useState<string | undefined>(draft.number);
	const [expiry, setExpiry] = useState<CardExpiry | undefined>(draft.expiry);
	const [typed, setTyped] = useState('');
	const [error, setError] = useState<string | undefined>();

	const go = (next: CardField) => {
		setError(undefined);
		setTyped('');
		setField(next);
	};

	useBackKey(() => {
		if (field === 'security-code') go('expiry');
		else if (field === 'expiry') go('number');
		else onBack({...(number === undefined ? {} : {number}), ...(expiry === undefined ? {} : {expiry})});
	});

	const onChange = (raw: string) => {
		setTyped(raw);
		setError(undefined);
	};

	const submitNumber = (raw: string) => {
		if (raw.trim() === '' && number !== undefined) {
			go('expiry');
			return;
		}

		const checked = checkCardNumber(raw);
		if (!checked.ok) {
			setError(checked.message);
			return;
		}

		setNumber(checked.value);
		go('expiry');
	};

	const submitExpiry = (raw: string) => {
		if (raw.trim() === '' && expiry !== undefined) {
			go('security-code');
			return;
		}

		const checked = checkExpiry(raw, now());
		if (!checked.ok) {
			setError(checked.message);
			return;
		}

		setExpiry(checked.value);
		go('security-code');
	};

	const submitSecurityCode = (raw: string) => {
		if (number === undefined || expiry === undefined) return;
		const checked = checkSecurityCode(raw, number);
		if (!checked.ok) {
			setError(checked.message);
			return;
		}

		onSubmit({number, expirationMonth: expiry.month, expirationYear: expiry.year, securityCode: checked.value});
	};

	// --plain: a refusal is a line of its own (it holds the last 4 digits at most).
	useTranscriptLine(error === undefined ? undefined : `✖ ${error} Nothing was sent.`);
	const typedDigits = cardDigits(typed);
	return (
		<Box flexDirection="column">
			<Text bold>Card to authorize (a real card: test cards are declined in production)</Text>
			{field !== 'number' && number !== undefined ? <Done label="Card number">{maskedCardNumber(number)}</Done> : null}
			{field === 'security-code' && expiry !== undefined ? <Done label="Expires">{expiryText(expiry)}</Done> : null}
			{field === 'number' ? (
				<TextField
					key="number"
					label="Card number"
					mask
					keep={number === undefined ? undefined : cardEnding(lastFour(number))}
					onChange={onChange}
					onSubmit={submitNumber}
				/>
			) : null}
			{field === 'number' && typedDigits.length >= 4 ? <Text dimColor>Ending {lastFour(typedDigits)}</Text> : null}
			{field === 'expiry' ? (
				<TextField
					key="expiry"
					label="Expiry date (MM/YY or MM/YYYY)"
					placeholder="04/28"
					keep={expiry === undefined ? undefined : expiryText(expiry)}
					onChange={onChange}
					onSubmit={submitExpiry}
				/>
			) : null}
			{field === 'security-code' ? (
				<TextField
					key="security-code"
					label={number !== undefined && isAmex(number) ? 'Security code (4 digits, front of the card)' : 'Security code (CVV, 3 digits on the back)'}
					mask
					onChange={onChange}
					onSubmit={submitSecurityCode}
				/>
			) : null}
			{error ? <Text color="red">✖ {error} Nothing was sent.</Text> : null}
		</Box>
	);
}
