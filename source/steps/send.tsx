import {Box, Text} from 'ink';
import {Spinner} from '@inkjs/ui';
import {useDisplay} from '../components/display.js';
import {useTranscriptLine} from '../components/transcript.js';
import {Screen} from '../components/screen.js';
import {useBackKey} from '../hooks/use-keys.js';
import {formatSeconds, useElapsed} from '../hooks/use-elapsed.js';
import {authLabel, type AuthMethod} from '../cybersource/types.js';
import type {KeyTestAttempt} from '../cybersource/key-test-types.js';
import type {Environment} from '../cybersource/environments.js';
import type {Mode, SendState} from '../wizard/state.js';

export type SendProps = {
	readonly mode: Mode;
	readonly environment: Environment;
	readonly methods: readonly AuthMethod[];
	readonly send: SendState;
	readonly now: () => number;
	/** Esc: abort the request in flight and go back to the review. */
	readonly onCancel: () => void;
};

const outcomeMarks: Record<KeyTestAttempt['outcome'], {mark: string; color: string}> = {
	works: {mark: '✔', color: 'green'},
	authenticated: {mark: '✔', color: 'yellow'},
	rejected: {mark: '✖', color: 'red'},
	'no-verdict': {mark: '?', color: 'yellow'},
};

/** "HTTP Signature: HTTP 201 AUTHORIZED (0.3 s)" for a finished attempt. */
export function attemptLine(attempt: KeyTestAttempt): string {
	const status = attempt.httpStatus === undefined ? attempt.code : `HTTP ${attempt.httpStatus}`;
	return `${authLabel(attempt.auth)}: ${status}${attempt.paymentStatus ? ` ${attempt.paymentStatus}` : ''} (${formatSeconds(attempt.durationMs)})`;
}

function MethodLine({
	method,
	attempt,
	current,
	elapsed,
}: {
	readonly method: AuthMethod;
	readonly attempt?: KeyTestAttempt;
	readonly current: boolean;
	readonly elapsed: number;
}) {
	const {plain} = useDisplay();
	const label = authLabel(method);
	useTranscriptLine(attempt ? `${outcomeMarks[attempt.outcome].mark} ${attemptLine(attempt)}` : current ? `${label}: sending…` : undefined);
	if (attempt) {
		const {mark, color} = outcomeMarks[attempt.outcome];
		return (
			<Text>
				<Text color={color}>{mark} </Text>
				{label}: {attempt.httpStatus === undefined ? attempt.code : `HTTP ${attempt.httpStatus}`}
				{attempt.paymentStatus ? ` ${attempt.paymentStatus}` : ''} <Text dimColor>({formatSeconds(attempt.durationMs)})</Text>
			</Text>
		);
	}

	if (current) {
		return plain ? <Text>{`${label}: sending… ${Math.floor(elapsed / 1000)} s`}</Text> : <Spinner label={`${label}: sending…`} />;
	}

	return (
		<Text dimColor>
			{'  '}
			{label}: waiting
		</Text>
	);
}

/** Step 6 (Step 2B of the guide): one signed request per chosen method, with progress; Esc cancels. */
export function Send({mode, environment, methods, send, now, onCancel}: SendProps) {
	const {plain} = useDisplay();
	// Plain: a still line refreshed every few seconds, not a running clock (screen readers, logs).
	const elapsed = useElapsed(send.startedAt, now, plain ? 3000 : 100);
	useBackKey(onCancel);
	return (
		<Screen step="send" mode={mode} hints={[{key: 'Esc', action: 'cancel'}]}>
			<Text>
				Sending the test payment to <Text bold>{new URL(environment.baseUrl).host}</Text>
				{mode === 'practice' ? ' (the offline simulator)' : ''}: POST /pts/v2/payments
			</Text>
			<Box flexDirection="column">
				{methods.map((method) => (
					<MethodLine
						key={method}
						method={method}
						attempt={send.finished.find((attempt) => attempt.auth === method)}
						current={send.current === method}
						elapsed={elapsed}
					/>
				))}
			</Box>
			{plain ? null : <Text dimColor>Elapsed {formatSeconds(elapsed)}</Text>}
		</Screen>
	);
}
