import {useEffect, useState} from 'react';
import path from 'node:path';
import {Box, Text} from 'ink';
import {Screen} from '../components/screen.js';
import {Busy} from '../components/busy.js';
import {Link} from '../components/link.js';
import {useIdView} from '../components/ids.js';
import {useTranscriptLines} from '../components/transcript.js';
import {useKeys} from '../hooks/use-keys.js';
import {isLoopbackHost} from '../cybersource/environments.js';
import type {ReportWriteResult as WizardReportResult} from '../session/artifacts/write-report.js';
import type {Mode} from '../wizard/state.js';

export type SupportReportProps = {
	readonly mode: Mode;
	readonly write: () => Promise<WizardReportResult>;
	readonly onDone: (notice?: string) => void;
};

/** The short line the result screen keeps. */
export function reportNotice(result: WizardReportResult): string {
	return result.ok
		? `✔ Support report ${path.basename(result.paths.markdown)} (+ .json) in ${path.dirname(result.paths.markdown)}`
		: `✖ Support report not written [${result.code}]`;
}

/** One line for the transcript after the report. */
export function reportSummary(result: WizardReportResult): string {
	return result.ok
		? `✔ Support report: ${result.paths.markdown} and ${result.paths.json} (mode 0600, no secret).`
		: `✖ The support report was not written: ${result.message} [${result.code}]`;
}

/** What to give CyberSource support, one line each: the IDs of every request. */
export function supportIds(result: WizardReportResult): string[] {
	if (!result.ok) return [];
	return result.data.attempts.flatMap((attempt) => {
		const ids = [
			attempt.correlationId === undefined ? undefined : `correlation ID ${attempt.correlationId}`,
			attempt.requestId === undefined ? undefined : `request ID ${attempt.requestId}`,
		].filter((id) => id !== undefined);
		return ids.length === 0 ? [] : [`${attempt.authLabel}: ${ids.join(', ')}`];
	});
}

/** `r` on the result screen: writes the support report and says what to attach to a Business Center support case. */
export function SupportReport({mode, write, onDone}: SupportReportProps) {
	const [result, setResult] = useState<WizardReportResult | undefined>();
	const ids = useIdView();
	useEffect(() => {
		let live = true;
		void write().then((written) => {
			if (live) setResult(written);
		});
		return () => {
			live = false;
		};
		// Written once per visit to this screen.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);
	useKeys((_input, key) => {
		if ((key.return || key.escape) && result) onDone(reportNotice(result));
	}, result !== undefined);

	const guide = result?.ok ? result.data.supportCase : undefined;
	const local = result?.ok ? isLoopbackHost(new URL(result.data.environment.baseUrl).hostname) : false;
	const idLines = result ? supportIds(result) : [];
	useTranscriptLines(result ? [reportSummary(result), ...idLines].map((line) => ids.text(line)) : []);
	return (
		<Screen step="result" subtitle="Support report" mode={mode} hints={result ? [{key: 'Enter', action: 'back to the result'}] : []}>
			{result === undefined ? <Busy label="Writing the support report…" /> : null}
			{result && !result.ok ? <Text color="red">{reportSummary(result)}</Text> : null}
			{result?.ok ? (
				<Box flexDirection="column">
					<Text color="green">✔ Support report written (mode 0600; no shared secret, no signature or token):</Text>
					<Text>{`  to read:   ${result.paths.markdown}`}</Text>
					<Text>{`  for tools: ${result.paths.json}`}</Text>
				</Box>
			) : null}
			{guide && local ? (
				<Text color="yellow">
					These requests went to the offline simulator, not CyberSource: support cannot look them up. For a case,
					test against CyberSource (Test).
				</Text>
			) : null}
			{guide ? (
				<Box flexDirection="column">
					<Text bold>To open a Business Center support case:</Text>
					<Text>
						1. Log in: <Link url={guide.businessCenterUrl} />
					</Text>
					<Text>
						2. Open <Text bold>{guide.route.join(' › ')}</Text>, choose <Text bold>{guide.environmentChoice}</Text>
					</Text>
					<Text>3. Attach both files, and quote the correlation ID and request ID:</Text>
					{idLines.length === 0 ? (
						<Text>{`   no ID was received; give the time of the test (${result?.ok ? result.data.generatedAt : ''} UTC)`}</Text>
					) : (
						idLines.map((line) => <Text key={line}>{`   ${line}`}</Text>)
					)}
				</Box>
			) : null}
		</Screen>
	);
}
