import {Box, Text} from 'ink';
import {memo} from 'react';
import {useDisplay} from '../components/display.js';
import {useTranscriptHeading, useTranscriptLine} from '../components/transcript.js';
import {Screen} from '../components/screen.js';
import {useBackKey} from '../hooks/use-keys.js';
import {formatSeconds, useElapsed} from '../hooks/use-elapsed.js';
import {authLabel, type AuthMethod} from '../cybersource/types.js';
import type {KeyTestAttempt} from '../cybersource/key-test-types.js';
import type {Environment} from '../cybersource/environments.js';
import type {Mode, SendKind, SendState} from '../wizard/state.js';
import {SendStageView} from '../components/send-stage-view.js';
import {Spinner} from '../components/spinner.js';
import {useKeys} from '../hooks/use-keys.js';
import {defaultChargeCurrency, productionChargeAmount} from '../cybersource/production-charge.js';

export type SendProps = {
	readonly mode: Mode;
	readonly environment: Environment;
	readonly methods: readonly AuthMethod[];
	readonly send: SendState;
	/** payment: the test authorization; probe: Production's no-charge check. */
	readonly kind: SendKind;
	readonly now: () => number;
	/** Esc: abort the request in flight and go back to the review. */
	readonly onCancel: () => void;
	/** s: stop waiting for the transaction search (the manual steps are shown instead). */
	readonly onSkipLookup: () => void;
};

/** What is being sent, and the request. */
export function sendingWhat(kind: SendKind, mode: Mode): {readonly what: string; readonly request: string} {
	if (kind === 'probe') return {what: 'the no-charge check', request: 'GET /tss/v2/transactions/<one that cannot exist>'};
	if (mode === 'production') {
		return {what: `a real ${defaultChargeCurrency} ${productionChargeAmount} authorization (reversed at once)`, request: 'POST /pts/v2/payments'};
	}

	return {what: 'the test payment', request: 'POST /pts/v2/payments'};
}

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

/** "Elapsed 3 s", refreshed once a second: only this line redraws while the requests run. */
const ElapsedLine = memo(function ElapsedLine({startedAt, now}: {readonly startedAt: number; readonly now: () => number}) {
	const elapsed = useElapsed(startedAt, now, 1000);
	return <Text dimColor>Elapsed {Math.floor(elapsed / 1000)} s</Text>;
});

/** Plain: a still line refreshed every few seconds, not a running clock (screen readers, logs). */
function PlainSending({label, startedAt, now}: {readonly label: string; readonly startedAt: number; readonly now: () => number}) {
	const elapsed = useElapsed(startedAt, now, 3000);
	return <Text>{`${label}: sending… ${Math.floor(elapsed / 1000)} s`}</Text>;
}

const MethodLine = memo(function MethodLine({
	method,
	attempt,
	current,
	startedAt,
	now,
}: {
	readonly method: AuthMethod;
	readonly attempt?: KeyTestAttempt;
	readonly current: boolean;
	readonly startedAt: number;
	readonly now: () => number;
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
		return plain ? <PlainSending label={label} startedAt={startedAt} now={now} /> : <Spinner label={`${label}: sending…`} />;
	}

	return (
		<Text dimColor>
			{'  '}
			{label}: waiting
		</Text>
	);
});

/** Step 6 (Step 2B of the guide): one signed request per chosen method, with progress; Esc cancels. */
export function Send({mode, environment, methods, send, kind, now, onCancel, onSkipLookup}: SendProps) {
	const {plain} = useDisplay();
	const {lookup, skipRequested} = send.stage;
	const canSkip = lookup !== undefined && !skipRequested;
	useBackKey(onCancel);
	useKeys((input, key) => {
		if (input === 's' && !key.ctrl && !key.meta) onSkipLookup();
	}, canSkip);
	const host = new URL(environment.baseUrl).host;
	// A layout effect: printed after the screen's title and before the first method's line.
	const {what, request} = sendingWhat(kind, mode);
	useTranscriptHeading(`Sending ${what} to ${host}: ${request}`);
	return (
		<Screen
			step="send"
			mode={mode}
			hints={[{key: 'Esc', action: 'cancel'}, ...(canSkip ? [{key: 's', action: 'skip the lookup (find it by hand)'}] : [])]}
		>
			<Text>
				Sending {what} to <Text bold>{host}</Text>
				{mode === 'practice' ? ' (the offline simulator)' : ''}: {request}
			</Text>
			<Box flexDirection="column">
				{methods.map((method) => (
					<MethodLine
						key={method}
						method={method}
						attempt={send.finished.find((attempt) => attempt.auth === method)}
						current={send.current === method}
						startedAt={send.startedAt}
						now={now}
					/>
				))}
			</Box>
			<SendStageView stage={send.stage} practice={mode === 'practice'} now={now} />
			{plain ? null : <ElapsedLine startedAt={send.startedAt} now={now} />}
		</Screen>
	);
}
