import {Box, Text} from 'ink';
import {stepCount, stepNumber, stepTitle, type StepId} from '../wizard/steps.js';
import type {Mode} from '../wizard/state.js';

const modeBadges: Record<Mode, {text: string; color: string}> = {
	test: {text: 'TEST', color: 'green'},
	production: {text: 'PRODUCTION', color: 'red'},
	practice: {text: 'PRACTICE (offline)', color: 'magenta'},
};

/** "Step 3 of 7 · Create the key", with the environment on the right once it is chosen. */
export function Header({step, mode}: {readonly step: StepId; readonly mode?: Mode}) {
	const badge = mode ? modeBadges[mode] : undefined;
	return (
		<Box justifyContent="space-between" flexWrap="wrap" borderStyle="single" borderTop={false} borderLeft={false} borderRight={false}>
			<Text bold>
				Step {stepNumber(step)} of {stepCount} · {stepTitle(step)}
			</Text>
			{badge ? (
				<Text bold color={badge.color}>
					{badge.text}
				</Text>
			) : null}
		</Box>
	);
}
