import {Box, Text} from 'ink';
import {Screen} from '../components/screen.js';
import {ChoiceList, type Choice} from '../components/choice-list.js';
import {useIdView, type IdView} from '../components/ids.js';
import type {KeyHint} from '../components/footer.js';
import type {NamedProfile} from '../profiles/profile.js';
import {modeOfProfile, type Mode} from '../wizard/state.js';

const modeChoices: ReadonlyArray<Choice<Mode>> = [
	{value: 'test', letter: 't', label: 'Test', description: 'sandbox Business Center; no real money moves'},
	{value: 'production', letter: 'p', label: 'Production', description: 'your live account; a no-charge check (a real charge only if you confirm)'},
	{value: 'practice', letter: 'o', label: 'Practice offline', description: 'built-in simulator; no account or network needed'},
];

/** Profiles get the digits 1-9 as their letters. */
export const maximumProfilesOffered = 9;

const environmentNames: Record<Mode, string> = {test: 'Test', production: 'Production', practice: 'Practice'};

/** "[1] shop · Test · acme_shop · secret stored" */
export function profileChoiceLabel({name, profile}: NamedProfile, ids: IdView): string {
	const mode = modeOfProfile(profile.environment);
	const where = mode === undefined ? profile.environment : environmentNames[mode];
	// The name is often the organization ID itself: masked like it under --redact-ids.
	return `${ids.text(name)} · ${where} · ${ids.id(profile.orgId)} · ${profile.secret === undefined ? 'asks for the secret' : 'secret stored'}`;
}

export type WelcomeProps = {
	/** The environment chosen earlier (the cursor starts there); Test by default. */
	readonly mode: Mode;
	/** Saved profiles the wizard can use (Test, Production, simulator). */
	readonly profiles: readonly NamedProfile[];
	/** The profile store's notices, e.g. a corrupt config file that was moved aside. */
	readonly notices: readonly string[];
	readonly onSubmit: (mode: Mode) => void;
	readonly onProfile: (profile: NamedProfile) => void;
};

/** Step 1: what the wizard does, what you need, the two phases; choose the environment or a saved profile. */
export function Welcome({mode, profiles, notices, onSubmit, onProfile}: WelcomeProps) {
	const ids = useIdView();
	const offered = profiles.filter((item) => modeOfProfile(item.profile.environment) !== undefined).slice(0, maximumProfilesOffered);
	// With profiles listed, the environments go without their descriptions so the screen still fits 24 rows.
	const choices: ReadonlyArray<Choice<string>> = [
		...(offered.length === 0 ? modeChoices : modeChoices.map(({value, letter, label}) => ({value, letter, label}))),
		...offered.map((item, index) => ({value: `profile:${item.name}`, letter: String(index + 1), label: profileChoiceLabel(item, ids)})),
	];
	const hints: KeyHint[] = [
		{key: '↑↓', action: 'move'},
		{key: 'Enter', action: 'choose'},
		{key: offered.length === 0 ? 't/p/o' : `t/p/o/${offered.length === 1 ? '1' : `1-${offered.length}`}`, action: 'pick'},
	];
	const select = (value: string) => {
		const profile = offered.find((item) => `profile:${item.name}` === value);
		if (profile) {
			onProfile(profile);
			return;
		}

		const chosen = modeChoices.find((choice) => choice.value === value);
		if (chosen) onSubmit(chosen.value);
	};

	return (
		<Screen step="welcome" hints={hints} idToggle={offered.length > 0}>
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
			{notices.map((notice) => (
				<Text key={notice} color="yellow">
					⚠ {notice}
				</Text>
			))}
			<Box flexDirection="column">
				<Text bold>{offered.length === 0 ? 'Where do you want to work?' : 'Where do you want to work? Or test a saved profile again:'}</Text>
				<ChoiceList choices={choices} initial={mode} onSelect={select} />
			</Box>
		</Screen>
	);
}
