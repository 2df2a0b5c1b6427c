import {Box, Text} from 'ink';
import {Screen} from '../components/screen.js';
import {ChoiceList, type Choice} from '../components/choice-list.js';
import {Link} from '../components/link.js';
import {backHint, type KeyHint} from '../components/footer.js';
import {useBackKey, useKeys} from '../hooks/use-keys.js';
import {useTranscriptLines} from '../components/transcript.js';
import type {Environment} from '../cybersource/environments.js';
import type {AccountKind, Mode} from '../wizard/state.js';

type Next = 'downloaded' | 'have-key';

const choices: ReadonlyArray<Choice<Next>> = [
	{value: 'downloaded', letter: 'd', label: 'I downloaded the key file: continue'},
	{value: 'have-key', letter: 'a', label: 'I already have a key: skip ahead'},
];

/** The click path of Step 2A (DIAGNOSTICS §5.1), ending at the download. */
export function clickPath(accountKind: AccountKind): string[] {
	return [
		'Payment Configuration',
		'Key Management',
		'+ Generate key',
		accountKind === 'meta' ? 'REST – Shared Secret (tick "Create as a Meta-Key")' : 'REST – Shared Secret',
		'Generate key',
		'Download key',
	];
}

export type CreateKeyProps = {
	readonly mode: Exclude<Mode, 'practice'>;
	readonly environment: Environment;
	readonly accountKind: AccountKind;
	/** A browser can be opened from here (`o`). */
	readonly canOpenBrowser: boolean;
	/** What happened after `o`, e.g. "Opened … in your browser." */
	readonly browserNotice?: string;
	readonly onOpen: (url: string) => void;
	readonly onContinue: (how: Next) => void;
	readonly onBack: () => void;
};

/** Step 3 (Step 2A of the guide): create a REST – Shared Secret key in Business Center. */
export function CreateKey({mode, environment, accountKind, canOpenBrowser, browserNotice, onOpen, onContinue, onBack}: CreateKeyProps) {
	const url = environment.businessCenter.url;
	useBackKey(onBack);
	useKeys((input, key) => {
		if (input === 'o' && !key.ctrl && !key.meta) onOpen(url);
	}, canOpenBrowser);

	const hints: KeyHint[] = [
		{key: 'Enter', action: 'choose'},
		{key: 'd/a', action: 'pick'},
		...(canOpenBrowser ? [{key: 'o', action: 'open Business Center'}] : []),
		backHint,
	];
	const steps = clickPath(accountKind);
	useTranscriptLines([`Log in to Business Center: ${url}`, `Click: ${steps.join(' › ')}`]);
	return (
		<Screen step="create-key" mode={mode} hints={hints}>
			<Box flexDirection="column">
				<Text>
					{`1. Log in to the ${mode === 'production' ? 'production' : 'test'} Business Center${accountKind === 'meta' ? ' as the portfolio (or account) user' : ''}:`}
				</Text>
				<Box paddingLeft={3}>
					<Link url={url} />
				</Box>
				<Text>2. Click, in order:</Text>
				<Box paddingLeft={3}>
					<Text bold>{steps.join(' › ')}</Text>
				</Box>
				<Text>3. Note the file name and where it was saved (a .pem file, usually in Downloads).</Text>
			</Box>
			<Text color="yellow">
				⚠ The key file holds your shared secret. Keep it somewhere only you can read; never email or commit it.
			</Text>
			{browserNotice ? <Text dimColor>{browserNotice}</Text> : null}
			<ChoiceList choices={choices} onSelect={onContinue} />
		</Screen>
	);
}
