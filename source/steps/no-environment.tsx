import {Text} from 'ink';
import {Screen} from '../components/screen.js';
import {backHint} from '../components/footer.js';
import {useBackKey} from '../hooks/use-keys.js';
import {Busy} from '../components/busy.js';
import type {PracticeState} from '../wizard/state.js';

/** Practice mode without a running simulator: nothing can be sent; say why and offer the way back. */
export function NoEnvironment({practice, onBack}: {readonly practice: PracticeState; readonly onBack: () => void}) {
	useBackKey(onBack);
	if (practice.status === 'starting') {
		// E.g. a saved practice profile went straight to the review: the simulator is still starting.
		return (
			<Screen step="review" mode="practice" hints={[backHint]}>
				<Busy label="Starting the offline simulator…" />
			</Screen>
		);
	}

	return (
		<Screen step="review" mode="practice" hints={[backHint]}>
			<Text color="red">
				✖ {practice.status === 'failed' ? practice.message : 'The offline simulator is not running yet.'} Nothing can be
				sent in Practice mode without it.
			</Text>
			<Text>Go back (Esc) to the welcome screen and choose Test, or start the wizard again.</Text>
		</Screen>
	);
}
