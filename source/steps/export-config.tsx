import {useRef, useState} from 'react';
import path from 'node:path';
import {Box, Text} from 'ink';
import {Screen} from '../components/screen.js';
import {ChoiceList} from '../components/choice-list.js';
import {TextField} from '../components/text-field.js';
import {Busy} from '../components/busy.js';
import type {KeyHint} from '../components/footer.js';
import {useIdView} from '../components/ids.js';
import {useTranscriptLines} from '../components/transcript.js';
import {useBackKey, useKeys} from '../hooks/use-keys.js';
import {outputPathMayBeSecret} from '../cybersource/secret-like.js';
import {authLabel, type AuthMethod} from '../cybersource/types.js';
import type {ExportFile} from '../export/render-exports.js';
import {secretEnvironmentVariable} from '../export/sdk-config.js';
import {expandHome} from '../wizard/services.js';
import type {SdkExportResult as WizardExportResult} from '../session/artifacts/write-sdk-export.js';
import type {Mode} from '../wizard/state.js';

export type ExportConfigProps = {
	readonly mode: Mode;
	/** The method that worked (JWT when it did). */
	readonly auth: AuthMethod;
	readonly files: readonly ExportFile[];
	/** The current directory: Enter keeps it. */
	readonly defaultDir: string;
	readonly onWrite: (dir: string, overwrite: (file: string) => Promise<boolean>) => Promise<WizardExportResult>;
	readonly onDone: (notice?: string) => void;
};

type Phase =
	| {readonly kind: 'dir'}
	| {readonly kind: 'writing'; readonly dir: string}
	| {readonly kind: 'ask'; readonly dir: string; readonly file: string}
	| {readonly kind: 'done'; readonly result: WizardExportResult};

/** One line for the result screen after the export. */
export function exportSummary(result: WizardExportResult): string {
	if (!result.ok) return `✖ ${result.message} [${result.code}]`;
	const parts = [
		`${result.written.length} written`,
		...(result.skipped.length > 0 ? [`${result.skipped.length} kept as they were`] : []),
		...(result.failed.length > 0 ? [`${result.failed.length} failed`] : []),
	];
	return `${result.failed.length > 0 ? '⚠' : '✔'} SDK configuration in ${result.dir}: ${parts.join(', ')}.`;
}

/** The short line the result screen keeps. */
export function exportNotice(result: WizardExportResult): string {
	if (!result.ok) return `✖ SDK configuration not exported [${result.code}]`;
	const kept = result.skipped.length > 0 ? `, ${result.skipped.length} kept` : '';
	const failed = result.failed.length > 0 ? `, ${result.failed.length} failed` : '';
	return `${result.failed.length > 0 ? '⚠' : '✔'} SDK configuration: ${result.written.length} written${kept}${failed} in ${result.dir}`;
}

/** The lines of a finished export, for the screen and the plain transcript. */
export function exportLines(result: WizardExportResult): string[] {
	if (!result.ok) return [exportSummary(result)];
	return [
		exportSummary(result),
		...result.written.map((file) => `  written (mode 0600): ${file}`),
		...result.skipped.map((item) => `  kept, not overwritten: ${item.path}`),
		...result.failed.map((item) => `  ✖ ${item.message} [${item.code}]`),
	];
}

/** After a successful test: the SDK configuration for the method that worked, into a folder the user confirms. */
export function ExportConfig({mode, auth, files, defaultDir, onWrite, onDone}: ExportConfigProps) {
	const [phase, setPhase] = useState<Phase>({kind: 'dir'});
	const [problem, setProblem] = useState<string | undefined>(undefined);
	const answer = useRef<((replace: boolean) => void) | undefined>(undefined);
	const ids = useIdView();

	const write = (dir: string) => {
		setPhase({kind: 'writing', dir});
		void onWrite(dir, async (file) =>
			new Promise<boolean>((resolve) => {
				answer.current = resolve;
				setPhase({kind: 'ask', dir, file});
			}),
		).then((result) => {
			setPhase({kind: 'done', result});
		});
	};

	const reply = (replace: boolean) => {
		const resolve = answer.current;
		answer.current = undefined;
		if (phase.kind === 'ask') setPhase({kind: 'writing', dir: phase.dir});
		resolve?.(replace);
	};

	useBackKey(() => {
		if (phase.kind === 'dir') onDone();
		else if (phase.kind === 'ask') reply(false);
		else if (phase.kind === 'done') onDone(exportNotice(phase.result));
	}, phase.kind !== 'writing');
	useKeys((_input, key) => {
		if (key.return && phase.kind === 'done') onDone(exportNotice(phase.result));
	}, phase.kind === 'done');
	useTranscriptLines(phase.kind === 'done' ? exportLines(phase.result).map((line) => ids.text(line)) : []);

	const hints: KeyHint[] =
		phase.kind === 'dir'
			? [{key: 'Enter', action: 'write'}, {key: 'Ctrl+U', action: 'clear'}, {key: 'Esc', action: 'back to the result'}]
			: phase.kind === 'ask'
				? [{key: 'n', action: 'keep it'}, {key: 'y', action: 'replace it'}, {key: 'Esc', action: 'keep it'}]
				: phase.kind === 'done'
					? [{key: 'Enter', action: 'back to the result'}]
					: [];
	return (
		<Screen step="result" subtitle="Export the SDK configuration" mode={mode} hints={hints}>
			<Box flexDirection="column">
				<Text>
					For the method that worked, <Text bold>{authLabel(auth)}</Text>: {files.map((file) => file.name).join(', ')}.
				</Text>
				<Text dimColor>{`The shared secret is not written: the files read it from ${secretEnvironmentVariable}.`}</Text>
			</Box>
			{phase.kind === 'dir' ? (
				<Box flexDirection="column">
					<TextField
						label="Folder to write them to (created if missing)"
						keep={defaultDir}
						mask={outputPathMayBeSecret}
						onChange={() => setProblem(undefined)}
						onSubmit={(raw) => {
							const typed = raw.trim();
							if (typed !== '' && outputPathMayBeSecret(typed)) {
								setProblem('That looks like the shared secret itself, not a folder name: nothing was written. Type a folder name (Ctrl+U clears the field).');
								return;
							}

							write(typed === '' ? defaultDir : path.resolve(defaultDir, expandHome(typed)));
						}}
					/>
					{problem ? <Text color="red">✖ {problem}</Text> : null}
				</Box>
			) : null}
			{phase.kind === 'writing' ? <Busy label={`Writing to ${phase.dir}…`} /> : null}
			{phase.kind === 'ask' ? (
				<Box flexDirection="column">
					<Text color="yellow">⚠ {phase.file} already exists. Replace it?</Text>
					<ChoiceList
						key={phase.file}
						choices={[
							{value: 'no', letter: 'n', label: 'No, keep the existing file'},
							{value: 'yes', letter: 'y', label: 'Yes, replace it'},
						]}
						initial="no"
						onSelect={(value) => reply(value === 'yes')}
					/>
				</Box>
			) : null}
			{phase.kind === 'done' ? (
				<Box flexDirection="column">
					{exportLines(phase.result).map((line) => (
						<Text key={line}>{ids.text(line)}</Text>
					))}
				</Box>
			) : null}
			{phase.kind === 'done' && phase.result.ok && phase.result.written.length > 0 ? (
				<Box flexDirection="column">
					<Text bold>Before running your code, put the secret in the environment (never in the code):</Text>
					<Text>{`  export ${secretEnvironmentVariable}='<your shared secret>'`}</Text>
					<Text>{`  or fill in ${secretEnvironmentVariable}= in the .env file (mode 0600)`}</Text>
				</Box>
			) : null}
		</Screen>
	);
}
