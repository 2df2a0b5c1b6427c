import {useState} from 'react';
import {Box, Text} from 'ink';
import {Screen} from '../components/screen.js';
import {Busy} from '../components/busy.js';
import {ChoiceList, type Choice} from '../components/choice-list.js';
import {TextField} from '../components/text-field.js';
import {Notes} from '../components/notes.js';
import {useIdView, type IdView} from '../components/ids.js';
import {backHint, type KeyHint} from '../components/footer.js';
import {useBackKey} from '../hooks/use-keys.js';
import {
	checkCredentials,
	checkKeyId,
	checkOrgId,
	checkSecret,
	looksSwapped,
	maskSecret,
	type CredentialNote,
	type FieldCheck,
} from '../cybersource/credential-checks.js';
import {mayBeSecret} from '../cybersource/secret-like.js';
import type {AccountKind, CredentialsInput, CredentialValues, KeyFileImport, Mode} from '../wizard/state.js';

export const credentialFields = ['orgId', 'keyId', 'secret'] as const;
export type CredentialFieldId = (typeof credentialFields)[number];

type How = 'file' | 'typed';
type Phase = {kind: 'how'} | {kind: 'path'} | {kind: 'field'; field: CredentialFieldId} | {kind: 'swap'};
type Accepted = {readonly value: string; readonly notes: readonly CredentialNote[]};

const howChoices: ReadonlyArray<Choice<How>> = [
	{value: 'file', letter: 'f', label: 'Import the downloaded key file', description: 'give its path; the values are read from it'},
	{value: 'typed', letter: 't', label: 'Type or paste the values', description: 'organization ID, key ID and shared secret'},
];

export const fieldLabels: Record<CredentialFieldId, string> = {
	orgId: 'Organization ID',
	keyId: 'Key ID',
	secret: 'Shared secret',
};

function fieldHelp(field: CredentialFieldId, accountKind: AccountKind): string {
	switch (field) {
		case 'orgId': {
			return accountKind === 'meta'
				? 'The transacting merchant ID: the merchant the payment is for.'
				: 'The merchant ID you log in to Business Center with (6-30 letters, digits or _).';
		}

		case 'keyId': {
			return 'The "Key" value of your REST – Shared Secret key: a UUID like 1b0c2f7e-3c1d-4b8e-9f51-6a2d1e0c9b77.';
		}

		case 'secret': {
			return 'The "Shared Secret" value: 44 characters ending in "=". Hidden as you type.';
		}
	}
}

const checks: Record<CredentialFieldId, (raw: string) => FieldCheck> = {
	orgId: checkOrgId,
	keyId: checkKeyId,
	secret: checkSecret,
};

/** How an accepted value is shown: the secret masked always, the IDs masked under --redact-ids. */
function shown(field: CredentialFieldId, value: string, ids: IdView): string {
	return field === 'secret' ? maskSecret(value) : ids.id(value);
}

export type CredentialsProps = {
	readonly mode: Mode;
	readonly accountKind: AccountKind;
	/** Values accepted earlier (typed, or read from a key file): Enter keeps them. */
	readonly values: CredentialValues;
	/** Findings for those values (e.g. from the last import). */
	readonly notes: readonly CredentialNote[];
	/** How the values were given last time; picks where the cursor starts. */
	readonly source: How;
	/** Path offered for import (the practice download, or the last file read). */
	readonly defaultPath?: string;
	readonly keyFile?: KeyFileImport;
	/** Start at the fields (after a key file that lacked a value or had a wrong one). */
	readonly startAtFields?: boolean;
	readonly onImportFile: (path: string) => void;
	readonly onSubmit: (input: CredentialsInput) => void;
	readonly onBack: () => void;
};

function acceptedFrom(values: CredentialValues, notes: readonly CredentialNote[]): Partial<Record<CredentialFieldId, Accepted>> {
	const result: Partial<Record<CredentialFieldId, Accepted>> = {};
	for (const field of credentialFields) {
		const value = values[field];
		if (value !== undefined && value !== '') result[field] = {value, notes: notes.filter((note) => note.field === field)};
	}

	return result;
}

/** The first field that is missing or has an error in `notes`. */
function firstFieldToFix(values: CredentialValues, notes: readonly CredentialNote[]): CredentialFieldId {
	return (
		credentialFields.find(
			(field) => values[field] === undefined || notes.some((note) => note.field === field && note.severity === 'error'),
		) ?? 'orgId'
	);
}

/**
 * Step 4: import the key file, or type the organization ID, key ID and shared secret. Each field is
 * checked as it is submitted; a swapped key ID and secret are offered to be swapped back.
 */
export function Credentials(props: CredentialsProps) {
	const {mode, accountKind, values, notes, source, defaultPath, keyFile, startAtFields, onImportFile, onSubmit, onBack} = props;
	const [phase, setPhase] = useState<Phase>(
		startAtFields ? {kind: 'field', field: firstFieldToFix(values, notes)} : {kind: 'how'},
	);
	const [accepted, setAccepted] = useState(() => acceptedFrom(values, notes));
	const [errors, setErrors] = useState<readonly CredentialNote[]>(() =>
		startAtFields ? notes.filter((note) => note.severity === 'error' && note.field === firstFieldToFix(values, notes)) : [],
	);
	/** The key ID field held something secret-like: kept (never shown) until the secret is in. */
	const [pendingKeyRaw, setPendingKeyRaw] = useState<string | undefined>();
	const [pendingSecretRaw, setPendingSecretRaw] = useState<string | undefined>();
	const [pathError, setPathError] = useState<string | undefined>();
	const ids = useIdView();

	const goTo = (next: Phase) => {
		setErrors([]);
		setPathError(undefined);
		setPhase(next);
	};

	const back = () => {
		if (phase.kind === 'how') {
			onBack();
		} else if (phase.kind === 'path') {
			goTo({kind: 'how'});
		} else if (phase.kind === 'swap') {
			goTo({kind: 'field', field: 'secret'});
		} else {
			const index = credentialFields.indexOf(phase.field);
			const previous = credentialFields[index - 1];
			goTo(previous ? {kind: 'field', field: previous} : {kind: 'how'});
		}
	};

	useBackKey(back);

	const finish = (all: Record<CredentialFieldId, Accepted>, extra: readonly CredentialNote[] = []) => {
		const whole = checkCredentials({orgId: all.orgId.value, keyId: all.keyId.value, secret: all.secret.value});
		if (!whole.ok) {
			const firstError = whole.notes.find((note) => note.severity === 'error');
			const field = credentialFields.find((id) => id === firstError?.field) ?? 'keyId';
			setPhase({kind: 'field', field});
			setErrors(whole.notes.filter((note) => note.severity === 'error'));
			return;
		}

		onSubmit({
			orgId: all.orgId.value,
			keyId: all.keyId.value,
			secret: all.secret.value,
			notes: [...extra, ...credentialFields.flatMap((field) => all[field].notes)],
		});
	};

	const advance = (field: CredentialFieldId, next: Partial<Record<CredentialFieldId, Accepted>>) => {
		const following = credentialFields[credentialFields.indexOf(field) + 1];
		if (following) {
			goTo({kind: 'field', field: following});
			return;
		}

		const {orgId, keyId, secret} = next;
		if (orgId && keyId && secret) finish({orgId, keyId, secret});
		else goTo({kind: 'field', field: firstFieldToFix({orgId: orgId?.value, keyId: keyId?.value, secret: secret?.value}, [])});
	};

	const submitField = (field: CredentialFieldId, typed: string) => {
		const earlier = accepted[field];
		const raw = typed === '' && earlier ? earlier.value : typed;
		if (field === 'secret' && pendingKeyRaw !== undefined && looksSwapped(pendingKeyRaw, raw)) {
			setPendingSecretRaw(raw);
			goTo({kind: 'swap'});
			return;
		}

		const check = checks[field](raw);
		if (!check.ok) {
			if (field === 'keyId' && mayBeSecret(raw)) {
				// Perhaps the two values are swapped: take the secret next, then offer to swap them back.
				setPendingKeyRaw(raw);
				const next = {...accepted};
				delete next.keyId;
				setAccepted(next);
				setPhase({kind: 'field', field: 'secret'});
				setErrors([
					...check.notes.filter((note) => note.severity === 'error'),
					{
						field: 'keyId',
						severity: 'info',
						code: 'KEY_ID_CHECK_AFTER_SECRET',
						message: 'Enter the shared secret next; if the two values are swapped you will be offered to swap them back.',
					},
				]);
				return;
			}

			setErrors(check.notes);
			return;
		}

		const next = {...accepted, [field]: {value: check.value, notes: check.notes}};
		setAccepted(next);
		if (field === 'keyId') setPendingKeyRaw(undefined);
		if (field === 'secret' && pendingKeyRaw !== undefined) {
			// The secret is fine, but the key ID was not a key ID: ask for it again.
			setPendingKeyRaw(undefined);
			goTo({kind: 'field', field: 'keyId'});
			setErrors(checkKeyId(pendingKeyRaw).notes.filter((note) => note.severity === 'error'));
			return;
		}

		advance(field, next);
	};

	const swapBack = (answer: 'yes' | 'no') => {
		if (answer === 'no' || pendingKeyRaw === undefined || pendingSecretRaw === undefined) {
			setPendingKeyRaw(undefined);
			setPendingSecretRaw(undefined);
			goTo({kind: 'field', field: 'keyId'});
			return;
		}

		const keyId = checkKeyId(pendingSecretRaw);
		const secret = checkSecret(pendingKeyRaw);
		setPendingKeyRaw(undefined);
		setPendingSecretRaw(undefined);
		const orgId = accepted.orgId;
		const next = {...accepted, keyId: {value: keyId.value, notes: keyId.notes}, secret: {value: secret.value, notes: secret.notes}};
		setAccepted(next);
		if (!keyId.ok || !secret.ok || !orgId) {
			goTo({kind: 'field', field: keyId.ok ? (secret.ok ? 'orgId' : 'secret') : 'keyId'});
			setErrors([...keyId.notes, ...secret.notes].filter((note) => note.severity === 'error'));
			return;
		}

		finish({orgId, keyId: next.keyId, secret: next.secret}, [
			{
				field: 'keyId',
				severity: 'info',
				code: 'KEY_ID_AND_SECRET_SWAPPED_BACK',
				message: 'The key ID and the shared secret were in each other\'s field; they were swapped back.',
			},
		]);
	};

	const submitPath = (typed: string) => {
		const path = typed.trim() === '' ? defaultPath : typed.trim();
		if (path === undefined || path === '') {
			setPathError('Enter the path of the key file you downloaded (e.g. ~/Downloads/….pem).');
			return;
		}

		setPathError(undefined);
		onImportFile(path);
	};

	const keptValue = (field: CredentialFieldId) => {
		const item = accepted[field];
		// The IDs go to the field unmasked: it masks them itself under --redact-ids.
		return item ? (field === 'secret' ? maskSecret(item.value) : item.value) : undefined;
	};

	const reading = keyFile?.status === 'reading';
	const hints = ((): KeyHint[] => {
		switch (phase.kind) {
			case 'how': {
				return [{key: '↑↓', action: 'move'}, {key: 'Enter', action: 'choose'}, {key: 'f/t', action: 'pick'}, backHint];
			}

			case 'path': {
				return [{key: 'Enter', action: 'import'}, {key: 'Ctrl+U', action: 'clear'}, backHint];
			}

			case 'swap': {
				return [{key: 'y', action: 'swap them back'}, {key: 'n', action: 'enter again'}, backHint];
			}

			case 'field': {
				return [{key: 'Enter', action: phase.field === 'secret' ? 'done' : 'next'}, {key: 'Ctrl+U', action: 'clear'}, backHint];
			}
		}
	})();

	const doneFields =
		phase.kind === 'field' ? credentialFields.slice(0, credentialFields.indexOf(phase.field)) : phase.kind === 'swap' ? ['orgId' as const] : [];

	return (
		<Screen step="credentials" mode={mode} hints={hints}>
			{phase.kind === 'how' ? (
				<Box flexDirection="column">
					<Text bold>How do you want to give the key?</Text>
					<ChoiceList choices={howChoices} initial={source} onSelect={(how) => goTo(how === 'file' ? {kind: 'path'} : {kind: 'field', field: 'orgId'})} />
				</Box>
			) : null}
			{phase.kind === 'path' ? (
				<Box flexDirection="column">
					<TextField
						label="Path of the key file"
						placeholder="e.g. ~/Downloads/key.pem"
						keep={defaultPath}
						isActive={!reading}
						mask={mayBeSecret}
						onSubmit={submitPath}
						onChange={() => setPathError(undefined)}
					/>
					{reading ? <Busy label="Reading the key file…" /> : null}
					{pathError ? <Text color="red">✖ {pathError}</Text> : null}
					{keyFile?.status === 'failed' && !pathError ? <Text color="red">✖ {keyFile.message}</Text> : null}
				</Box>
			) : null}
			{doneFields.length > 0 ? (
				<Box flexDirection="column">
					{doneFields.map((field) => {
						const item = accepted[field];
						return item ? (
							<Box key={field} flexDirection="column">
								<Text>
									<Text color="green">✔ </Text>
									{fieldLabels[field]} <Text bold>{shown(field, item.value, ids)}</Text>
								</Text>
								<Box paddingLeft={2}>
									<Notes notes={item.notes} />
								</Box>
							</Box>
						) : null;
					})}
				</Box>
			) : null}
			{phase.kind === 'field' ? (
				<Box flexDirection="column">
					<TextField
						key={phase.field}
						label={phase.field === 'orgId' && accountKind === 'meta' ? 'Organization ID (transacting merchant)' : fieldLabels[phase.field]}
						keep={keptValue(phase.field)}
						idField={phase.field !== 'secret'}
						mask={phase.field === 'secret' ? true : mayBeSecret}
						onSubmit={(raw) => {
							submitField(phase.field, raw);
						}}
						onChange={() => setErrors((current) => (current.length > 0 ? [] : current))}
					/>
					<Text dimColor>{fieldHelp(phase.field, accountKind)}</Text>
				</Box>
			) : null}
			{phase.kind === 'swap' ? (
				<Box flexDirection="column">
					<Text color="yellow">
						⚠ The key ID and the shared secret look swapped: the key ID field holds a base64 secret and the secret field
						holds a UUID.
					</Text>
					<ChoiceList
						choices={[
							{value: 'yes', letter: 'y', label: 'Swap them back'},
							{value: 'no', letter: 'n', label: 'No, enter the key ID again'},
						]}
						onSelect={swapBack}
					/>
				</Box>
			) : null}
			<Notes notes={errors} />
		</Screen>
	);
}
