import {Box, Text} from 'ink';
import {stepCount, stepNumber, stepTitle, type StepId} from '../wizard/steps.js';
import type {Mode} from '../wizard/state.js';
import {useDisplay} from './display.js';

const modeBadges: Record<Mode, {text: string; color: string}> = {
	test: {text: 'TEST', color: 'green'},
	production: {text: 'PRODUCTION', color: 'red'},
	practice: {text: 'PRACTICE (offline)', color: 'magenta'},
};

/** "Step 3 of 7 · Create the key" (plus a sub-title such as "Save a profile"), without the environment. */
export function headerTitle(step: StepId, subtitle?: string): string {
	return `Step ${stepNumber(step)} of ${stepCount} · ${stepTitle(step)}${subtitle ? ` › ${subtitle}` : ''}`;
}

/** "Step 3 of 7 · Create the key", with the environment on the right once it is chosen. Plain: one line, no rule. */
export function Header({step, mode, subtitle}: {readonly step: StepId; readonly mode?: Mode; readonly subtitle?: string}) {
	const {plain} = useDisplay();
	const badge = mode ? modeBadges[mode] : undefined;
	if (plain) {
		return <Text bold>{`${headerTitle(step, subtitle)}${badge ? ` · ${badge.text}` : ''}`}</Text>;
	}

	return (
		<Box justifyContent="space-between" flexWrap="wrap" borderStyle="single" borderTop={false} borderLeft={false} borderRight={false}>
			<Text bold>{headerTitle(step, subtitle)}</Text>
			{badge ? (
				<Text bold color={badge.color}>
					{badge.text}
				</Text>
			) : null}
		</Box>
	);
}
