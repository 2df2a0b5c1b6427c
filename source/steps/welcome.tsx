import {Box, Text} from 'ink';
import {Screen} from '../components/screen.js';
import {ChoiceList, type Choice} from '../components/choice-list.js';
import type {Mode} from '../wizard/state.js';

const choices: ReadonlyArray<Choice<Mode>> = [
	{value: 'test', letter: 't', label: 'Test', description: 'sandbox Business Center; no real money moves'},
	{value: 'production', letter: 'p', label: 'Production', description: 'your live account; asks before sending a payment'},
	{value: 'practice', letter: 'o', label: 'Practice offline', description: 'built-in simulator; no account or network needed'},
];

export type WelcomeProps = {
	/** The environment chosen earlier (the cursor starts there); Test by default. */
	readonly mode: Mode;
	readonly onSubmit: (mode: Mode) => void;
};

/** Step 1: what the wizard does, what you need, the two phases; choose the environment. */
export function Welcome({mode, onSubmit}: WelcomeProps) {
	return (
		<Screen
			step="welcome"
			hints={[
				{key: '↑↓', action: 'move'},
				{key: 'Enter', action: 'choose'},
				{key: 't/p/o', action: 'pick'},
			]}
		>
			<Text>
				This wizard creates a CyberSource REST API key pair (REST – Shared Secret) and proves it works with a signed
				test payment.
			</Text>
			<Box flexDirection="column">
				<Text>
					{'You need: a Business Center login allowed to manage keys. No login yet? Choose Practice offline.'}
				</Text>
				<Text>
					{'Two phases, about 5 minutes: 1. create the key in Business Center; 2. test it with a payment and find that payment in Business Center.'}
				</Text>
			</Box>
			<Box flexDirection="column">
				<Text bold>Where do you want to work?</Text>
				<ChoiceList choices={choices} initial={mode} onSelect={onSubmit} />
			</Box>
		</Screen>
	);
}
