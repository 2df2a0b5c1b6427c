import {Box, Text} from 'ink';
import {useDisplay} from './display.js';

export type RequestIdEntry = {readonly requestId: string; readonly caption?: string};

/** The request ID(s), large and unmistakable: the value a user searches for in Business Center. */
export function RequestIdBanner({entries}: {readonly entries: readonly RequestIdEntry[]}) {
	const {plain} = useDisplay();
	if (entries.length === 0) return null;
	return (
		<Box
			flexDirection="column"
			borderStyle={plain ? undefined : 'double'}
			borderColor="green"
			paddingX={plain ? 0 : 1}
			alignSelf="flex-start"
		>
			{entries.map((entry) => (
				<Text key={entry.requestId}>
					<Text bold>REQUEST ID </Text>
					<Text bold color="green">
						{entry.requestId}
					</Text>
					{entry.caption ? <Text dimColor> · {entry.caption}</Text> : null}
				</Text>
			))}
		</Box>
	);
}
