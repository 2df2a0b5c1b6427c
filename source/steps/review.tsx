import {useState, type ReactNode} from 'react';
import {Box, Text} from 'ink';
import {Screen} from '../components/screen.js';
import {ChoiceList, type Choice} from '../components/choice-list.js';
import {TextField} from '../components/text-field.js';
import {Notes} from '../components/notes.js';
import {useIdView} from '../components/ids.js';
import {useTranscriptLines} from '../components/transcript.js';
import {maskSecret} from '../cybersource/mask.js';
import {backHint, type KeyHint} from '../components/footer.js';
import {useBackKey} from '../hooks/use-keys.js';
import type {CredentialNote} from '../cybersource/credential-checks.js';
import {MaskedSecret} from '../components/masked-secret.js';
import {cleanInput} from '../cybersource/clean-input.js';
import {sampleCardNumber, samplePaymentAmount} from '../cybersource/sample-payment.js';
import {defaultChargeCurrency, productionChargeAmount} from '../cybersource/production-charge.js';
import {useKeys} from '../hooks/use-keys.js';
import {compactBelowColumns, useColumns} from '../hooks/use-columns.js';
import type {Environment} from '../cybersource/environments.js';
import type {AuthChoice} from '../cybersource/types.js';
import type {AccountKind, Mode, SendKind} from '../wizard/state.js';
import type {PaymentCard} from '../cybersource/key-test-types.js';
import {cardEnding, expiryText, lastFour} from '../cybersource/card-checks.js';
import {ChargeCard, type CardDraft, type CardField} from './charge-card.js';

const authChoices: ReadonlyArray<Choice<AuthChoice>> = [
	{value: 'both', letter: 'b', label: 'Both, one request each (recommended)'},
	{value: 'http-signature', letter: 'h', label: "HTTP Signature (what the guide's Developer Center test uses)"},
	{value: 'jwt', letter: 'j', label: "JWT (HTTP Signature's successor; same key)"},
];

/** The same choices in one line each below 80 columns, so the review still fits 24 rows. */
const narrowAuthChoices: ReadonlyArray<Choice<AuthChoice>> = [
	{value: 'both', letter: 'b', label: 'Both (recommended)'},
	{value: 'http-signature', letter: 'h', label: 'HTTP Signature (the guide\'s test)'},
	{value: 'jwt', letter: 'j', label: 'JWT (its successor; same key)'},
];

/** "4111 1111 1111 1111" */
export function groupedCard(number: string): string {
	return number.replaceAll(/(\d{4})(?=\d)/g, '$1 ');
}

export type ReviewProps = {
	readonly mode: Mode;
	readonly environment: Environment;
	readonly accountKind: AccountKind;
	readonly portfolioId?: string;
	readonly orgId: string;
	readonly keyId: string;
	readonly secret: string;
	readonly notes: readonly CredentialNote[];
	/** Where the credentials came from, e.g. "key file /home/me/key.pem" or "typed in". */
	readonly sourceLabel: string;
	readonly auth: AuthChoice;
	/** e.g. after a cancelled send. */
	readonly notice?: string;
	/** The clock (the card's expiry check). */
	readonly now: () => number;
	readonly onAuthChange: (auth: AuthChoice) => void;
	/**
	 * payment: the test authorization (Production: after the card and the typed confirmation, with `card`);
	 * probe: Production's no-charge check.
	 */
	readonly onSend: (auth: AuthChoice, kind: SendKind, card?: PaymentCard) => void;
	readonly onBack: () => void;
};

function Row({label, children}: {readonly label: string; readonly children: ReactNode}) {
	return (
		<Box>
			<Box width={16} flexShrink={0}>
				<Text dimColor>{label}</Text>
			</Box>
			<Box flexShrink={1}>{children}</Box>
		</Box>
	);
}

/** " on card ending 4242 (expires 04/2028)": the only way the confirmation names the card. */
function chargedCard(card: PaymentCard | undefined): string {
	if (card === undefined) return '';
	return ` on ${cardEnding(lastFour(card.number))} (expires ${expiryText({month: card.expirationMonth, year: card.expirationYear})})`;
}

/** The one line that says what Production's default test is. */
export const noChargeLine =
	'In production the test is a no-charge check: a signed lookup of a transaction that cannot exist; 404 proves the keys authenticate.';

/** The explicit choice of a real authorization in Production. */
export const realChargeChoice = `send a real ${productionChargeAmount} authorization, reversed automatically`;

/**
 * Step 5: everything that will be used, the authentication method, and what will be sent.
 * Production sends the no-charge check; a real authorization only after `c`, a real card, and the
 * organization ID typed again to confirm.
 */
export function Review(props: ReviewProps) {
	const {mode, environment, accountKind, portfolioId, orgId, keyId, secret, notes, sourceLabel, auth, notice} = props;
	const {now, onAuthChange, onSend, onBack} = props;
	const [phase, setPhase] = useState<'choose' | 'card' | 'confirm'>('choose');
	const [chosen, setChosen] = useState<AuthChoice>(auth);
	const [mismatch, setMismatch] = useState(false);
	// The card number and expiry are kept while on this screen; the security code only until Esc.
	const [draft, setDraft] = useState<CardDraft>({});
	const [cardStart, setCardStart] = useState<CardField>('number');
	const [card, setCard] = useState<PaymentCard | undefined>();
	const ids = useIdView();
	useTranscriptLines([
		`Environment: ${environment.label}`,
		`Organization ID: ${ids.id(orgId)}`,
		`Key ID: ${ids.id(keyId)}`,
		`Shared secret: ${maskSecret(secret)}`,
		...(mode === 'production' ? [noChargeLine, `Press c to ${realChargeChoice}.`] : []),
	]);

	// On the card fields, Esc is the card step's own (back a field).
	useBackKey(() => {
		if (phase === 'confirm') {
			// Back to the security code: it is typed again, the number and expiry are kept.
			if (card !== undefined) setDraft({number: card.number, expiry: {month: card.expirationMonth, year: card.expirationYear}});
			setCard(undefined);
			setMismatch(false);
			setCardStart('security-code');
			setPhase('card');
		} else {
			onBack();
		}
	}, phase !== 'card');

	const production = mode === 'production';
	const narrow = useColumns() < compactBelowColumns;
	useKeys((input, key) => {
		if (input === 'c' && !key.ctrl && !key.meta) {
			setCardStart('number');
			setPhase('card');
		}
	}, production && phase === 'choose');

	const hints: KeyHint[] =
		phase === 'choose'
			? [
					{key: '↑↓', action: 'method'},
					{key: 'b/h/j', action: 'pick'},
					{key: 'Enter', action: production ? 'send the no-charge check' : 'send'},
					...(production ? [{key: 'c', action: `real ${productionChargeAmount} authorization`}] : []),
					backHint,
				]
			: phase === 'card'
				? [{key: 'Enter', action: 'next'}, {key: 'Esc', action: 'back a field'}]
				: [{key: 'Enter', action: 'confirm and send'}, backHint];

	return (
		<Screen idToggle={phase === 'choose'} step="review" mode={mode} hints={hints}>
			<Box flexDirection="column">
				<Row label="Environment">
					<Text>{environment.label}</Text>
				</Row>
				<Row label="Organization ID">
					<Text bold>{ids.id(orgId)}</Text>
				</Row>
				{accountKind === 'meta' ? (
					<Row label="Meta key">
						<Text>
							portfolio <Text bold>{portfolioId === undefined ? '?' : ids.id(portfolioId)}</Text> signs for {ids.id(orgId)}
						</Text>
					</Row>
				) : null}
				<Row label="Key ID">
					<Text bold>{ids.id(keyId)}</Text>
				</Row>
				<Row label="Shared secret">
					<MaskedSecret secret={secret} />
				</Row>
				<Row label="Given as">
					<Text>{ids.text(sourceLabel)}</Text>
				</Row>
				{production ? (
					<Row label="Test">
						<Text>{phase === 'choose' ? noChargeLine : `A real ${defaultChargeCurrency} ${productionChargeAmount} authorization, reversed automatically.`}</Text>
					</Row>
				) : (
					<Row label="Test payment">
						<Text>
							{narrow ? '' : 'POST /pts/v2/payments: '}USD {samplePaymentAmount} authorization{narrow ? '' : ' (not captured)'}, card{' '}
							{groupedCard(sampleCardNumber)}
						</Text>
					</Row>
				)}
			</Box>
			<Notes notes={notes.filter((note) => note.severity !== 'error')} />
			{notice ? <Text color="yellow">{notice}</Text> : null}
			{phase === 'choose' ? (
				<Box flexDirection="column">
					<Text bold>Sign with</Text>
					<ChoiceList
						choices={narrow ? narrowAuthChoices : authChoices}
						initial={chosen}
						highlightOnly
						onHighlight={(value) => {
							setChosen(value);
							onAuthChange(value);
						}}
						onSelect={(value) => {
							setChosen(value);
							onAuthChange(value);
							onSend(value, production ? 'probe' : 'payment');
						}}
					/>
					{production ? (
						<Text>
							<Text bold>c</Text>: {realChargeChoice} (you give a real card and type the organization ID to confirm).
						</Text>
					) : null}
				</Box>
			) : phase === 'card' ? (
				<ChargeCard
					draft={draft}
					startAt={cardStart}
					now={now}
					onSubmit={(typed) => {
						setCard(typed);
						setMismatch(false);
						setPhase('confirm');
					}}
					onBack={(kept) => {
						setDraft(kept);
						setPhase('choose');
					}}
				/>
			) : (
				<Box flexDirection="column">
					<Text color="red" bold>
						This sends a real {defaultChargeCurrency} {productionChargeAmount} authorization{chargedCard(card)} to your live account ({environment.apiHost}),
						reversed automatically right after.
					</Text>
					<TextField
						label={`Type the organization ID (${ids.id(orgId)}) to confirm`}
						idField
						onChange={() => setMismatch(false)}
						onSubmit={(raw) => {
							if (card !== undefined && cleanInput(raw).value === orgId) onSend(chosen, 'payment', card);
							else setMismatch(true);
						}}
					/>
					{mismatch ? <Text color="red">✖ That is not the organization ID. Nothing was sent.</Text> : null}
					<Text dimColor>Esc: back through the card fields to the review (where Enter sends the no-charge check instead).</Text>
				</Box>
			)}
		</Screen>
	);
}
