import {Box, Text} from 'ink';
import {Busy} from '../components/busy.js';
import {useDisplay} from '../components/display.js';
import {useIdView} from '../components/ids.js';
import {useTranscriptLine} from '../components/transcript.js';
import {Screen} from '../components/screen.js';
import {backHint, type KeyHint} from '../components/footer.js';
import {useBackKey, useKeys} from '../hooks/use-keys.js';
import type {AccountKind, PracticeKey, PracticeState} from '../wizard/state.js';
import {clickPath} from './create-key.js';

export type PracticeKeyProps = {
	/** The organization the practice key is made for. */
	readonly orgId: string;
	readonly accountKind: AccountKind;
	readonly practice: PracticeState;
	readonly practiceKey?: PracticeKey;
	readonly onGenerate: () => void;
	readonly onContinue: () => void;
	readonly onBack: () => void;
};

/**
 * Step 3 in Practice mode: a simulated Business Center Key Management page. Generate key makes a real
 * key pair in the offline simulator and "downloads" its key file (the path is shown).
 */
export function PracticeKeyPage({orgId, accountKind, practice, practiceKey, onGenerate, onContinue, onBack}: PracticeKeyProps) {
	const {plain} = useDisplay();
	const ids = useIdView();
	useTranscriptLine(
		practiceKey ? `REST – Shared Secret key ${ids.id(practiceKey.keyId)} generated; key file downloaded to ${practiceKey.path}` : undefined,
	);
	const busy = practice.status === 'starting' || practice.status === 'generating';
	useBackKey(onBack);
	useKeys((input, key) => {
		if (key.ctrl || key.meta) return;
		if (input === 'g' && !busy) onGenerate();
		else if ((key.return || input === 'c') && practiceKey) onContinue();
		else if (input === 'a') onContinue();
	});

	const hints: KeyHint[] = [
		...(busy ? [] : [{key: 'g', action: practiceKey ? 'generate another key' : '+ Generate key'}]),
		...(practiceKey ? [{key: 'Enter', action: 'continue'}] : []),
		{key: 'a', action: 'I already have a key'},
		backHint,
	];
	return (
		<Screen idToggle step="create-key" mode="practice" hints={hints}>
			<Box flexDirection="column">
				<Text>In Business Center you would click:</Text>
				<Box paddingLeft={2}>
					<Text bold>{clickPath(accountKind).join(' › ')}</Text>
				</Box>
				<Text>Here it is simulated, with a real key pair in the offline simulator:</Text>
			</Box>
			<Box flexDirection="column" borderStyle={plain ? undefined : 'round'} borderColor="magenta" paddingX={plain ? 0 : 1}>
				<Text bold color="magenta">
					Key Management (simulated) · {ids.id(orgId)}
				</Text>
				{practiceKey ? (
					<Box flexDirection="column">
						<Text>
							<Text color="green">✔ </Text>REST – Shared Secret key generated
						</Text>
						<Text>
							Key <Text bold>{ids.id(practiceKey.keyId)}</Text>
						</Text>
					</Box>
				) : null}
				{practice.status === 'starting' ? <Busy label="Starting the offline simulator…" /> : null}
				{practice.status === 'generating' ? <Busy label="Generating key…" /> : null}
				{practice.status === 'failed' ? <Text color="red">✖ {practice.message}</Text> : null}
				{!practiceKey && practice.status === 'ready' ? (
					<Text>
						No REST keys yet. Press <Text bold>g</Text> to <Text bold>+ Generate key</Text>.
					</Text>
				) : null}
			</Box>
			{practiceKey ? (
				<Box flexDirection="column">
					<Text>Key file downloaded to:</Text>
					<Text color="cyan">{practiceKey.path}</Text>
					<Text color="yellow">⚠ A real key file holds your shared secret: keep it where only you can read it.</Text>
				</Box>
			) : null}
		</Screen>
	);
}
