import {Box, Text} from 'ink';
import {useDisplay} from './display.js';

export type RequestIdEntry = {readonly requestId: string; readonly caption?: string; readonly correlationId?: string};

/** The request ID(s), large and unmistakable: the value a user searches for in Business Center (boxed unless compact or plain; compact leaves the correlation IDs to the details). */
export function RequestIdBanner({entries, compact = false}: {readonly entries: readonly RequestIdEntry[]; readonly compact?: boolean}) {
	const {plain} = useDisplay();
	if (entries.length === 0) return null;
	// Compact (narrow terminals): no border, so each ID keeps its line and the screen stays within 24 rows.
	const boxed = !plain && !compact;
	return (
		<Box
			flexDirection="column"
			borderStyle={boxed ? 'double' : undefined}
			borderColor="green"
			paddingX={boxed ? 1 : 0}
			alignSelf="flex-start"
		>
			{entries.map((entry) => (
				<Text key={entry.requestId}>
					<Text bold>REQUEST ID </Text>
					<Text bold color="green">
						{entry.requestId}
					</Text>
					{entry.caption ? <Text dimColor> · {entry.caption}</Text> : null}
					{entry.correlationId && !compact ? <Text dimColor>{`\n  Correlation ID ${entry.correlationId}`}</Text> : null}
				</Text>
			))}
		</Box>
	);
}
