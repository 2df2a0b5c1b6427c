import {Box, Text} from 'ink';
import {Spinner} from '@inkjs/ui';
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

function MethodLine({method, attempt, current}: {readonly method: AuthMethod; readonly attempt?: KeyTestAttempt; readonly current: boolean}) {
	const label = authLabel(method);
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

	if (current) return <Spinner label={`${label}: sending…`} />;
	return (
		<Text dimColor>
			{'  '}
			{label}: waiting
		</Text>
	);
}

/** Step 6 (Step 2B of the guide): one signed request per chosen method, with progress; Esc cancels. */
export function Send({mode, environment, methods, send, now, onCancel}: SendProps) {
	const elapsed = useElapsed(send.startedAt, now);
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
					/>
				))}
			</Box>
			<Text dimColor>Elapsed {formatSeconds(elapsed)}</Text>
		</Screen>
	);
}
