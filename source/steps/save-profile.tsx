import {useState} from 'react';
import {Box, Text} from 'ink';
import {Screen} from '../components/screen.js';
import {ChoiceList, type Choice} from '../components/choice-list.js';
import {TextField} from '../components/text-field.js';
import {Busy} from '../components/busy.js';
import {backHint, type KeyHint} from '../components/footer.js';
import {useIdView} from '../components/ids.js';
import {useTranscriptLine} from '../components/transcript.js';
import {useBackKey, useKeys} from '../hooks/use-keys.js';
import {mayBeSecret} from '../cybersource/secret-like.js';
import {profileNameProblem} from '../profiles/profile.js';
import type {SavedProfile} from '../wizard/profile-service.js';
import type {Mode} from '../wizard/state.js';

type StoreSecret = 'no' | 'yes';

export type SaveProfileProps = {
	readonly mode: Mode;
	/** Offered as the name (Enter keeps it): the profile used, or one made from the organization ID. */
	readonly defaultName: string;
	readonly existingNames: readonly string[];
	/** The config file profiles go to. */
	readonly configFile: string;
	readonly onSave: (name: string, storeSecret: boolean) => Promise<SavedProfile>;
	/** Back to the result, with a line saying what happened (undefined: nothing was saved). */
	readonly onDone: (notice?: string) => void;
};

type Phase =
	| {readonly kind: 'name'}
	| {readonly kind: 'secret'; readonly name: string}
	| {readonly kind: 'saving'; readonly name: string}
	| {readonly kind: 'saved'; readonly name: string; readonly storeSecret: boolean; readonly saved: SavedProfile};

function savedLine(name: string, storeSecret: boolean, saved: SavedProfile): string {
	if (!saved.ok) return `✖ The profile was not saved: ${saved.message} [${saved.code}]`;
	return storeSecret
		? `✔ Profile ${name} saved with the shared secret in ${saved.file} (mode 0600, in a 0700 directory).`
		: `✔ Profile ${name} saved in ${saved.file} (without the shared secret).`;
}

/** The short line the result screen keeps. */
export function savedNotice(name: string, storeSecret: boolean, saved: SavedProfile): string {
	if (!saved.ok) return `✖ Profile not saved [${saved.code}]`;
	return `✔ Profile ${name} saved${storeSecret ? ' (with the secret, file mode 0600)' : ''}`;
}

/** After a successful test: save a profile (name, then whether to store the secret: default No). */
export function SaveProfile({mode, defaultName, existingNames, configFile, onSave, onDone}: SaveProfileProps) {
	const [phase, setPhase] = useState<Phase>({kind: 'name'});
	const [error, setError] = useState<string | undefined>();
	const ids = useIdView();

	const save = (name: string, storeSecret: boolean) => {
		setPhase({kind: 'saving', name});
		void onSave(name, storeSecret).then((saved) => {
			setPhase({kind: 'saved', name, storeSecret, saved});
		});
	};

	useBackKey(() => {
		if (phase.kind === 'secret') setPhase({kind: 'name'});
		else if (phase.kind === 'name') onDone();
		else if (phase.kind === 'saved') onDone(savedNotice(phase.name, phase.storeSecret, phase.saved));
	}, phase.kind !== 'saving');
	useKeys((_input, key) => {
		if (key.return && phase.kind === 'saved') onDone(savedNotice(phase.name, phase.storeSecret, phase.saved));
	}, phase.kind === 'saved');
	useTranscriptLine(phase.kind === 'saved' ? ids.text(savedLine(phase.name, phase.storeSecret, phase.saved)) : undefined);

	const secretChoices: ReadonlyArray<Choice<StoreSecret>> = [
		{value: 'no', letter: 'n', label: 'No (recommended): the next run asks for it'},
		{value: 'yes', letter: 'y', label: 'Yes, store it', description: `in ${configFile}, mode 0600 (only you can read it) in a 0700 directory`},
	];
	const hints: KeyHint[] =
		phase.kind === 'name'
			? [{key: 'Enter', action: 'next'}, {key: 'Ctrl+U', action: 'clear'}, {key: 'Esc', action: 'back to the result'}]
			: phase.kind === 'secret'
				? [{key: '↑↓', action: 'move'}, {key: 'Enter', action: 'save'}, {key: 'n/y', action: 'pick'}, backHint]
				: phase.kind === 'saved'
					? [{key: 'Enter', action: 'back to the result'}]
					: [];
	const existing = (name: string) => existingNames.includes(name);
	return (
		<Screen step="result" subtitle="Save a profile" mode={mode} hints={hints}>
			<Text>A profile keeps the organization ID, key ID, environment and method for next time.</Text>
			{phase.kind === 'name' ? (
				<Box flexDirection="column">
					<TextField
						label="Profile name"
						keep={ids.text(defaultName)}
						mask={mayBeSecret}
						onChange={() => setError(undefined)}
						onSubmit={(raw) => {
							const name = raw.trim() === '' ? defaultName : raw.trim();
							const problem = profileNameProblem(name);
							if (problem) {
								setError(problem);
								return;
							}

							setPhase({kind: 'secret', name});
						}}
					/>
					{error ? <Text color="red">✖ {error}</Text> : null}
				</Box>
			) : null}
			{phase.kind === 'secret' ? (
				<Box flexDirection="column">
					<Text>
						<Text color="green">✔ </Text>Name {ids.text(phase.name)}
						{existing(phase.name) ? <Text color="yellow"> (replaces the saved profile of that name)</Text> : null}
					</Text>
					<Text bold>Also store the shared secret in the profile?</Text>
					<ChoiceList choices={secretChoices} initial="no" onSelect={(answer) => save(phase.name, answer === 'yes')} />
				</Box>
			) : null}
			{phase.kind === 'saving' ? <Busy label="Saving the profile…" /> : null}
			{phase.kind === 'saved' ? (
				<Box flexDirection="column">
					<Text color={phase.saved.ok ? 'green' : 'red'}>{ids.text(savedLine(phase.name, phase.storeSecret, phase.saved))}</Text>
					{phase.saved.ok && phase.storeSecret ? (
						<Text>
							Only your user can read that file. Remove the secret again with: cybs-key-wizard profiles delete{' '}
							{ids.text(phase.name)}, then save without it.
						</Text>
					) : null}
					{phase.saved.ok && !phase.storeSecret ? <Text>Next time choose it on the welcome screen; the wizard asks only for the secret.</Text> : null}
					{phase.saved.ok
						? phase.saved.notices.map((notice) => (
								<Text key={notice} color="yellow">
									⚠ {notice}
								</Text>
							))
						: null}
				</Box>
			) : null}
		</Screen>
	);
}
