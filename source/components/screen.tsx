import type {ReactNode} from 'react';
import {Box} from 'ink';
import type {StepId} from '../wizard/steps.js';
import type {Mode} from '../wizard/state.js';
import {useKeys} from '../hooks/use-keys.js';
import {Header, headerTitle} from './header.js';
import {Footer, type KeyHint} from './footer.js';
import {useDisplay} from './display.js';
import {useIdsControl} from './ids.js';
import {useTranscriptHeading} from './transcript.js';

/** The `i` hint: hide or show the organization and key IDs (screen sharing). */
export function idToggleHint(redacting: boolean): KeyHint {
	return {key: 'i', action: redacting ? 'show IDs' : 'hide IDs'};
}

/**
 * The frame every step shares: header, body, footer with the keys that work right now.
 * `idToggle`: the screen shows IDs and has no text field, so `i` hides/shows them (and the footer says so).
 */
export function Screen({
	step,
	mode,
	subtitle,
	hints,
	idToggle = false,
	children,
}: {
	readonly step: StepId;
	readonly mode?: Mode;
	/** A part of the step, e.g. "Save a profile" on the result step. */
	readonly subtitle?: string;
	readonly hints: readonly KeyHint[];
	readonly idToggle?: boolean;
	readonly children: ReactNode;
}) {
	const {redactIds} = useDisplay();
	const {toggle} = useIdsControl();
	useKeys((input, key) => {
		if (input === 'i' && !key.ctrl && !key.meta) toggle();
	}, idToggle);
	useTranscriptHeading(headerTitle(step, subtitle));
	return (
		<Box flexDirection="column">
			<Header step={step} mode={mode} subtitle={subtitle} />
			<Box flexDirection="column" gap={1} marginY={1}>
				{children}
			</Box>
			<Footer hints={idToggle ? [...hints, idToggleHint(redactIds)] : hints} />
		</Box>
	);
}
