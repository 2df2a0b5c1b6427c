import type {ReactNode} from 'react';
import {Box} from 'ink';
import type {StepId} from '../wizard/steps.js';
import type {Mode} from '../wizard/state.js';
import {Header} from './header.js';
import {Footer, type KeyHint} from './footer.js';

/** The frame every step shares: header, body, footer with the keys that work right now. */
export function Screen({
	step,
	mode,
	hints,
	children,
}: {
	readonly step: StepId;
	readonly mode?: Mode;
	readonly hints: readonly KeyHint[];
	readonly children: ReactNode;
}) {
	return (
		<Box flexDirection="column">
			<Header step={step} mode={mode} />
			<Box flexDirection="column" gap={1} marginY={1}>
				{children}
			</Box>
			<Footer hints={hints} />
		</Box>
	);
}
