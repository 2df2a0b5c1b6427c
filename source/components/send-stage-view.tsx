import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import {useDisplay} from './display.js';
import {Busy} from './busy.js';
import {useIdView} from './ids.js';
import {useTranscriptLine} from './transcript.js';
import {useElapsed} from '../hooks/use-elapsed.js';
import {describeDuration} from '../cybersource/lookup.js';
import type {LookupResult} from '../cybersource/key-test-types.js';
import type {LookupProgress, SendStage} from '../wizard/send-stage.js';
import {lookupLines, probeColors, probeLine, probeMarks, reversalLine} from '../wizard/diagnosis-text.js';

/** Seconds left in a wait, counted down by the wizard's clock (whole seconds, rounded up). */
export function secondsLeft(nextInMs: number, waitedMs: number): number {
	return Math.max(0, Math.ceil((nextInMs - waitedMs) / 1000));
}

function LookupWait({lookup, now}: {readonly lookup: Extract<LookupProgress, {phase: 'waiting'}>; readonly now: () => number}) {
	const {plain} = useDisplay();
	const waited = useElapsed(lookup.since, now, plain ? 3000 : 1000);
	useTranscriptLine(lookup.message);
	return (
		<Text>
			Asking {lookup.attempt > 1 ? 'again ' : ''}in <Text bold>{secondsLeft(lookup.nextInMs, waited)} s</Text>{' '}
			<Text dimColor>
				(try {lookup.attempt}; gives up after {describeDuration(lookup.limitMs)})
			</Text>
		</Text>
	);
}

function LookupView({lookup, now, skipRequested}: {readonly lookup: LookupProgress; readonly now: () => number; readonly skipRequested: boolean}) {
	return (
		<Box flexDirection="column">
			<Text bold>Step 12: finding request ID {lookup.requestId} in the transaction search</Text>
			<Box flexDirection="column" paddingLeft={2}>
				<Text>CyberSource takes a little while to make a transaction searchable.</Text>
				{skipRequested ? <Text>Skipping the lookup…</Text> : null}
				{!skipRequested && lookup.phase === 'waiting' ? <LookupWait lookup={lookup} now={now} /> : null}
				{!skipRequested && lookup.phase === 'asking' ? <Busy label={`Asking the transaction search (try ${lookup.attempt})…`} /> : null}
			</Box>
		</Box>
	);
}

function LookupDone({result, practice}: {readonly result: LookupResult; readonly practice: boolean}) {
	const ids = useIdView();
	const lines = lookupLines(result, practice);
	useTranscriptLine(ids.text(lines.join('\n')));
	return (
		<Text color={result.code === 'LOOKUP_FOUND' ? 'green' : undefined}>
			{ids.text(result.code === 'LOOKUP_FOUND' ? `✔ Found request ID ${result.requestId}: ${lines[2] ?? 'in the transaction search'}` : (lines[0] ?? ''))}
		</Text>
	);
}

/** After the requests: the reversal, the lookup countdown and the diagnosis probes, as they happen. */
export function SendStageView({stage, practice, now}: {readonly stage: SendStage; readonly practice: boolean; readonly now: () => number}) {
	const {reversal, lookup, diagnosing, probes, probing} = stage;
	const ids = useIdView();
	useTranscriptLine(reversal?.phase === 'done' ? ids.text(reversalLine(reversal.result)) : undefined);
	return (
		<>
			{reversal === undefined ? null : reversal.phase === 'sending' ? (
				<Busy label={`Reversing the authorization ${reversal.paymentRequestId} automatically…`} />
			) : (
				<Text color={reversal.result.status === 'failed' ? 'red' : reversal.result.status === 'reversed' ? 'green' : undefined}>
					{ids.text(reversalLine(reversal.result))}
				</Text>
			)}
			{stage.lookupsDone.map((result) => (
				<LookupDone key={result.requestId} result={result} practice={practice} />
			))}
			{lookup === undefined ? null : <LookupView lookup={lookup} now={now} skipRequested={stage.skipRequested} />}
			{diagnosing ? (
				<Box flexDirection="column">
					<Text bold>Finding out why: no-charge probes (none moves money)</Text>
					<Box flexDirection="column" paddingLeft={2}>
						{probes.map((probe) => (
							<ProbeDone key={probe.name} line={ids.text(probeLine(probe, practice))}>
								<Text>
									<Text color={probeColors[probe.outcome]}>{probeMarks[probe.outcome]}</Text> {probe.label}: {probe.outcome}
								</Text>
							</ProbeDone>
						))}
						{probing === undefined ? null : <Busy label={`${probing}…`} />}
					</Box>
				</Box>
			) : null}
		</>
	);
}

function ProbeDone({line, children}: {readonly line: string; readonly children: ReactNode}) {
	useTranscriptLine(line);
	return <>{children}</>;
}
