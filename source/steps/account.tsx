import {useState} from 'react';
import {Box, Text} from 'ink';
import {Screen} from '../components/screen.js';
import {ChoiceList, type Choice} from '../components/choice-list.js';
import {TextField} from '../components/text-field.js';
import {Notes} from '../components/notes.js';
import {useIdView} from '../components/ids.js';
import {backHint} from '../components/footer.js';
import {useBackKey} from '../hooks/use-keys.js';
import {checkOrgId, checkPortfolioId, type CredentialNote} from '../cybersource/credential-checks.js';
import type {AccountKind, Mode} from '../wizard/state.js';

const choices: ReadonlyArray<Choice<AccountKind>> = [
	{value: 'merchant', letter: 'm', label: 'A key for one merchant', description: 'the usual case: you log in as the transacting merchant'},
	{value: 'meta', letter: 'k', label: 'A meta key from a portfolio or account', description: 'one key that signs for many merchants'},
];

export type AccountSubmit = {
	readonly kind: AccountKind;
	readonly portfolioId?: string;
	readonly merchantId?: string;
	readonly notes: readonly CredentialNote[];
};

export type AccountProps = {
	readonly mode: Mode;
	readonly accountKind: AccountKind;
	readonly portfolioId?: string;
	readonly merchantId?: string;
	readonly onSubmit: (account: AccountSubmit) => void;
	readonly onBack: () => void;
};

type Phase = 'kind' | 'portfolio' | 'merchant';

/** Step 2: a transacting merchant, or a meta key (portfolio ID + transacting merchant ID). */
export function Account({mode, accountKind, portfolioId, merchantId, onSubmit, onBack}: AccountProps) {
	const [phase, setPhase] = useState<Phase>('kind');
	const [portfolio, setPortfolio] = useState<{value: string; notes: readonly CredentialNote[]} | undefined>(
		portfolioId === undefined ? undefined : {value: portfolioId, notes: []},
	);
	const [errors, setErrors] = useState<readonly CredentialNote[]>([]);
	const ids = useIdView();

	const back = () => {
		setErrors([]);
		if (phase === 'merchant') setPhase('portfolio');
		else if (phase === 'portfolio') setPhase('kind');
		else onBack();
	};

	useBackKey(back);

	const submitPortfolio = (raw: string) => {
		const check = checkPortfolioId(raw === '' && portfolio ? portfolio.value : raw);
		if (!check.ok) {
			setErrors(check.notes);
			return;
		}

		setErrors([]);
		setPortfolio({value: check.value, notes: check.notes});
		setPhase('merchant');
	};

	const submitMerchant = (raw: string) => {
		const check = checkOrgId(raw === '' && merchantId !== undefined ? merchantId : raw);
		if (!check.ok) {
			setErrors(check.notes);
			return;
		}

		onSubmit({kind: 'meta', portfolioId: portfolio?.value, merchantId: check.value, notes: [...(portfolio?.notes ?? []), ...check.notes]});
	};

	const inField = phase !== 'kind';
	return (
		<Screen
			step="account"
			mode={mode}
			hints={
				inField
					? [{key: 'Enter', action: 'next'}, backHint]
					: [{key: '↑↓', action: 'move'}, {key: 'Enter', action: 'choose'}, {key: 'm/k', action: 'pick'}, backHint]
			}
		>
			<Box flexDirection="column">
				<Text>
					{
						'A meta key is created by a portfolio or account user (tick "Create as a Meta-Key") and signs requests for the merchants it is assigned to. Requests still name the transacting merchant; the signature names the portfolio. Most merchants use an ordinary key.'
					}
				</Text>
			</Box>
			{phase === 'kind' ? (
				<Box flexDirection="column">
					<Text bold>Which key will you use?</Text>
					<ChoiceList
						choices={choices}
						initial={accountKind}
						onSelect={(kind) => {
							if (kind === 'merchant') onSubmit({kind, notes: []});
							else setPhase('portfolio');
						}}
					/>
				</Box>
			) : null}
			{phase === 'portfolio' ? (
				<TextField
					key="portfolio"
					label="Portfolio ID (the portfolio or account that owns the meta key)"
					placeholder="e.g. demo_portfolio"
					idField
					keep={portfolio?.value}
					onSubmit={submitPortfolio}
				/>
			) : null}
			{phase === 'merchant' ? (
				<Box flexDirection="column">
					<Text>
						<Text color="green">✔ </Text>Portfolio ID {ids.id(portfolio?.value ?? '')}
					</Text>
					<TextField
						key="merchant"
						label="Transacting merchant ID (the merchant the payment is for)"
						placeholder="e.g. demo_merchant"
						idField
						keep={merchantId}
						onSubmit={submitMerchant}
					/>
				</Box>
			) : null}
			<Notes notes={errors} />
		</Screen>
	);
}
