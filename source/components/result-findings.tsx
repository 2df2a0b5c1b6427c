/**
 * The issue-6 parts of the result screen: the automatic lookup (what Business Center shows), the
 * reversal of a production charge (a failure prominently), the "may have gone through" warning, and
 * the diagnosis of a 401 (ranked causes and every probe's outcome).
 */
import {Box, Text} from 'ink';
import {useDisplay} from './display.js';
import {useIdView} from './ids.js';
import type {DiagnosisItem, KeyTestReport, LookupResult, ProbeResult, ReversalResult} from '../cybersource/key-test-types.js';
import {causeCodes} from '../cybersource/diagnosis/codes.js';
import {lookupHeadline, probeColors, probeMarks, reversalLine, transactionLines} from '../wizard/diagnosis-text.js';

export function LookupSummary({lookup, practice, compact = false}: {readonly lookup: LookupResult; readonly practice: boolean; readonly compact?: boolean}) {
	const ids = useIdView();
	const found = lookup.transaction;
	return (
		<Box flexDirection="column">
			<Text bold={found !== undefined} color={found === undefined ? 'yellow' : 'green'}>
				{ids.text(lookupHeadline(lookup, practice))}
			</Text>
			{found === undefined ? null : (
				<Box flexDirection="column" paddingLeft={2}>
					{transactionLines(found, !compact).map((line, index) => (
						<Text key={`${index} ${line}`} bold={index > 0}>
							{line}
						</Text>
					))}
				</Box>
			)}
		</Box>
	);
}

/** The reversal's outcome; a failed reversal as a block that cannot be missed, with the void steps. */
export function ReversalNotice({reversal}: {readonly reversal: ReversalResult}) {
	const {plain} = useDisplay();
	const ids = useIdView();
	if (reversal.status !== 'failed') {
		return <Text color={reversal.status === 'reversed' ? 'green' : undefined}>{ids.text(reversalLine(reversal))}</Text>;
	}

	return (
		<Box flexDirection="column" borderStyle={plain ? undefined : 'double'} borderColor="red" paddingX={plain ? 0 : 1}>
			<Text bold color="red">
				✖ THE AUTOMATIC REVERSAL FAILED: void the authorization now
			</Text>
			<Text>{ids.text(reversal.message.replace(/^THE AUTOMATIC REVERSAL FAILED /, 'Reversal failed '))}</Text>
			{reversal.paymentRequestId === undefined ? null : (
				<Text>
					Request ID to void: <Text bold>{reversal.paymentRequestId}</Text>
				</Text>
			)}
			{(reversal.voidSteps ?? []).map((step, index) => (
				<Text key={step}>
					{index + 1}. {ids.text(step)}
				</Text>
			))}
		</Box>
	);
}

/** A payment that got no complete answer: not retried; it may have gone through. */
export function MayHaveGoneThrough({warning}: {readonly warning: NonNullable<KeyTestReport['paymentMayHaveGoneThrough']>}) {
	const {plain} = useDisplay();
	return (
		<Box flexDirection="column" borderStyle={plain ? undefined : 'round'} borderColor="yellow" paddingX={plain ? 0 : 1}>
			<Text bold color="yellow">
				⚠ The payment may have gone through
			</Text>
			<Text>{warning.message}</Text>
			{warning.steps.map((step, index) => (
				<Text key={step}>
					{index + 1}. {step}
				</Text>
			))}
		</Box>
	);
}

const causeMeanings: Readonly<Record<string, string>> = causeCodes;

/** A cause in one sentence: its code's meaning (the full message, naming the key and organization, is behind `d`). */
export function causeSummary(cause: DiagnosisItem): string {
	return causeMeanings[cause.code] ?? cause.message;
}

/** The top causes (rank order) and every probe with its outcome; the rest is behind `d`. */
export function DiagnosisSummary({
	causes,
	probes,
	shownCauses,
	practice,
}: {
	readonly causes: readonly DiagnosisItem[];
	readonly probes: readonly ProbeResult[];
	readonly shownCauses: number;
	readonly practice: boolean;
}) {
	const ids = useIdView();
	const top = causes.slice(0, shownCauses);
	const more = causes.length - top.length;
	return (
		<Box flexDirection="column">
			{top.length > 0 ? (
				<>
					<Text bold>Likely causes, most likely first{more > 0 ? ` (${more} more: press d)` : ' (details: press d)'}:</Text>
					{top.map((cause) => (
						<Box key={cause.code} paddingLeft={1}>
							<Box flexShrink={0} width={3}>
								<Text bold color={cause.severity === 'error' ? 'red' : 'yellow'}>
									{cause.rank ?? '•'}.
								</Text>
							</Box>
							<Text>{ids.text(causeSummary(cause))}</Text>
						</Box>
					))}
				</>
			) : null}
			{probes.length > 0 ? (
				<Box flexDirection="column">
					<Box flexWrap="wrap" columnGap={2}>
						<Text bold>Probes{practice ? '' : ' (no charge)'}:</Text>
						{probes.map((probe) => (
							<Text key={probe.name}>
								<Text color={probeColors[probe.outcome]}>{probeMarks[probe.outcome]}</Text> {probe.label.replace(/ \(.*\)$/, '')}{' '}
								<Text dimColor>{probe.outcome}</Text>
							</Text>
						))}
					</Box>
				</Box>
			) : null}
		</Box>
	);
}
