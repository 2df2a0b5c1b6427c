import {Box, Text} from 'ink';
import {Screen} from '../components/screen.js';
import {RequestIdBanner} from '../components/request-id-banner.js';
import {Link} from '../components/link.js';
import type {KeyHint} from '../components/footer.js';
import {useBackKey, useKeys} from '../hooks/use-keys.js';
import {useIdView} from '../components/ids.js';
import {useTranscriptLine, useTranscriptLines} from '../components/transcript.js';
import {transactionDetailsUrl, type Environment} from '../cybersource/environments.js';
import {authLabel} from '../cybersource/types.js';
import type {KeyTestAttempt, KeyTestReport} from '../cybersource/key-test-types.js';
import type {AccountKind, Mode, SendFailure} from '../wizard/state.js';
import {DiagnosisSummary, LookupSummary, MayHaveGoneThrough, ReversalNotice} from '../components/result-findings.js';
import {compactBelowColumns, useColumns, useRows} from '../hooks/use-columns.js';
import {itemsOfKind, rankedCauses, reversalLine} from '../wizard/diagnosis-text.js';

export type ResultProps = {
	readonly mode: Mode;
	readonly environment: Environment;
	readonly accountKind: AccountKind;
	readonly orgId: string;
	readonly report?: KeyTestReport;
	/** The test could not run at all (an unexpected error). */
	readonly failure?: SendFailure;
	readonly canOpenBrowser: boolean;
	readonly browserNotice?: string;
	readonly onOpen: (url: string) => void;
	readonly onBack: () => void;
	readonly onFinish: () => void;
	/** Extra keys offered here (save a profile, export, support report), each with its letter. */
	readonly actions?: readonly ResultAction[];
	/** Lines about what happened since (files saved or written). */
	readonly notices?: readonly string[];
	/** A sentence offering the actions (e.g. after a successful test: save a profile, export). */
	readonly offer?: string;
	/** --debug: where the HTTP exchanges were recorded. */
	readonly debugLogLine?: string;
};

/** A key the result screen offers, e.g. {key: 'r', action: 'support report', run}. */
export type ResultAction = {readonly key: string; readonly action: string; readonly run: () => void};

function shortLabel(attempt: KeyTestAttempt): string {
	return attempt.auth === 'jwt' ? 'JWT' : authLabel(attempt.auth);
}

type Verdict = {readonly mark: string; readonly color: string; readonly text: string};

function methodsText(attempts: readonly KeyTestAttempt[]): string {
	return attempts.map((attempt) => shortLabel(attempt)).join(' and ');
}

export function verdictOf(report: KeyTestReport | undefined, failure: SendFailure | undefined): Verdict {
	if (report === undefined) {
		return {mark: '?', color: 'yellow', text: `No verdict: ${failure?.message ?? 'the test did not run.'}`};
	}

	const {attempts} = report;
	const works = attempts.filter((attempt) => attempt.outcome === 'works');
	const rejected = attempts.filter((attempt) => attempt.outcome === 'rejected');
	const authenticated = attempts.filter((attempt) => attempt.outcome === 'authenticated');
	if (report.ok) {
		return {
			mark: '✔',
			color: 'green',
			text: `Your key pair works (${methodsText(attempts)}${report.mode === 'probe' ? ', no-charge check' : ''}).`,
		};
	}

	if (report.reversal?.status === 'failed') {
		return {mark: '✖', color: 'red', text: 'Your key pair works, but the automatic reversal FAILED: void the authorization (below).'};
	}

	if (report.paymentMayHaveGoneThrough !== undefined) {
		return {mark: '⚠', color: 'yellow', text: 'No verdict: the payment got no answer, and it may have gone through.'};
	}
	if (works.length > 0 && rejected.length > 0) {
		return {mark: '⚠', color: 'yellow', text: `Your key pair works with ${methodsText(works)} but was rejected with ${methodsText(rejected)}.`};
	}

	if (rejected.length > 0) {
		const status = rejected[0]?.httpStatus;
		return {mark: '✖', color: 'red', text: `CyberSource rejected the key pair${status === undefined ? '' : ` (HTTP ${status})`}.`};
	}

	if (authenticated.length > 0 || works.length > 0) {
		return {mark: '⚠', color: 'yellow', text: 'Your keys authenticate, but the test payment was not authorized.'};
	}

	return {mark: '?', color: 'yellow', text: 'No verdict: CyberSource could not be reached or did not answer clearly.'};
}

function statusText(attempt: KeyTestAttempt): string {
	return [attempt.httpStatus === undefined ? attempt.code : `HTTP ${attempt.httpStatus}`, attempt.paymentStatus]
		.filter((part) => part !== undefined)
		.join(' ');
}

/** Production's no-charge check, when it proved the keys. */
export const noChargeResultLine =
	'No-charge check: no payment was sent; CyberSource answered 404 for a transaction that cannot exist, which proves the keys authenticate.';

/** A method that did not work: what happened, in CyberSource's words too (`brief`: the diagnosis below explains). */
/** Failed attempts that tell the same story (same code, message and CyberSource text) are shown once. */
export function groupAttempts(attempts: readonly KeyTestAttempt[]): KeyTestAttempt[][] {
	const groups: KeyTestAttempt[][] = [];
	for (const attempt of attempts) {
		const group = groups.find(
			([first]) =>
				first !== undefined &&
				first.code === attempt.code &&
				first.message === attempt.message &&
				first.cybersourceMessage === attempt.cybersourceMessage,
		);
		if (group) group.push(attempt);
		else groups.push([attempt]);
	}

	return groups;
}

function AttemptFacts({group, brief = false}: {readonly group: readonly KeyTestAttempt[]; readonly brief?: boolean}) {
	const ids = useIdView();
	const [attempt] = group;
	if (attempt === undefined) return null;
	const label = group.map((each) => shortLabel(each)).join(' and ');
	if (brief) {
		return (
			<Text>
				<Text bold>{label}</Text>: {statusText(attempt)}
				{attempt.cybersourceMessage ? ` · CyberSource said: "${ids.text(attempt.cybersourceMessage)}"` : ''}
			</Text>
		);
	}

	const correlationIds = group.flatMap((each) => (each.correlationId ? [each.correlationId] : []));
	return (
		<Box flexDirection="column">
			<Text>
				<Text bold>{label}</Text>: {statusText(attempt)}
			</Text>
			<Box flexDirection="column" paddingLeft={2}>
				<Text>{ids.text(attempt.message)}</Text>
				{attempt.cybersourceMessage ? <Text>CyberSource said: &quot;{ids.text(attempt.cybersourceMessage)}&quot;</Text> : null}
				{correlationIds.length > 0 ? (
					<Text dimColor>
						correlation ID{correlationIds.length > 1 ? 's' : ''} {correlationIds.join(', ')}
					</Text>
				) : null}
			</Box>
		</Box>
	);
}

function FindInBusinessCenter({
	mode,
	environment,
	requestIds,
	orgId,
	brief = false,
	compact = false,
}: {
	readonly mode: Mode;
	readonly environment: Environment;
	readonly requestIds: readonly string[];
	readonly orgId: string;
	/** The lookup found it: the manual steps in two lines. */
	readonly brief?: boolean;
	/** Narrow terminal: the shortest wording. */
	readonly compact?: boolean;
}) {
	const {businessCenter} = environment;
	const first = requestIds[0];
	const ids = useIdView();
	if (brief && mode !== 'practice' && first !== undefined) {
		return (
			<Box flexDirection="column">
				<Text>
					By hand: log in to <Link url={businessCenter.url} />, open {businessCenter.transactionsPath.join(' › ')}, find the Request ID.
				</Text>
				{ids.redacting ? null : (
					<Text>
						Direct link: <Link url={transactionDetailsUrl(environment, first, orgId)} />
					</Text>
				)}
			</Box>
		);
	}

	if (mode === 'practice' || first === undefined) {
		return (
			<Text dimColor>
				{`For real: ${compact ? '' : 'Business Center › '}${businessCenter.transactionsPath.join(' › ')}.`}
			</Text>
		);
	}

	return (
		<Box flexDirection="column">
			<Text bold>Find it in Business Center (Steps 10–12 of the guide)</Text>
			<Text>
				1. Log in: <Link url={businessCenter.url} />
			</Text>
			<Text>
				2. Open <Text bold>{businessCenter.transactionsPath.join(' › ')}</Text>
			</Text>
			<Text>
				3. Find <Text bold>{requestIds.join(' and ')}</Text> in the <Text bold>Request ID</Text> column; the{' '}
				<Text bold>Applications</Text> column shows the authorization&apos;s success message.
			</Text>
			{ids.redacting ? (
				<Text dimColor>A new transaction can take a few minutes to appear. (The direct link names the organization ID: press i to show it.)</Text>
			) : (
				<>
					<Text dimColor>A new transaction can take a few minutes to appear. Direct link:</Text>
					<Link url={transactionDetailsUrl(environment, first, orgId)} />
				</>
			)}
		</Box>
	);
}

/** With the probes' diagnosis the full checklist is behind `d`; one line says what it covers. */
function ChecklistPointer() {
	return (
		<Text>
			<Text bold>What to check next</Text>: press <Text bold>d</Text> (key active, REST – Shared Secret, not expired).
		</Text>
	);
}

function RejectedChecklist({environment, accountKind, orgId}: {readonly environment: Environment; readonly accountKind: AccountKind; readonly orgId: string}) {
	const {businessCenter, kind, apiHost} = environment;
	const other = kind === 'test' ? 'production' : 'test';
	const ids = useIdView();
	return (
		<Box flexDirection="column">
			<Text bold>What to check next, in {businessCenter.keyManagementPath.join(' › ')}:</Text>
			<Text>• the key is listed, active, of type REST – Shared Secret, and not expired</Text>
			<Text>• the key ID and shared secret come from the same key (the secret is shown only once)</Text>
			<Text>
				• it was made in the {kind} Business Center: {other} keys do not work on {apiHost}
			</Text>
			<Text>
				• {ids.id(orgId)} is the merchant ID the key belongs to
				{accountKind === 'meta' ? ' and the meta key is assigned to it' : ' (a portfolio key is a meta key: go back to Step 2)'}
			</Text>
			<Text>• this computer&apos;s clock is right (every signature includes the time)</Text>
		</Box>
	);
}

/** Step 7: the request ID, the statuses, and where to find the payment in Business Center; or what went wrong. */
export function Result(props: ResultProps) {
	const {mode, environment, accountKind, orgId, report, failure, canOpenBrowser, browserNotice, onOpen, onBack, onFinish} = props;
	const {actions = [], notices = [], offer, debugLogLine} = props;
	const ids = useIdView();
	const practice = mode === 'practice';
	const columns = useColumns();
	const rows = useRows();
	// The boxed banner takes two rows more: only where the screen has room (Practice fits 80x24).
	const compact = columns < compactBelowColumns || rows < (practice ? 24 : 28);
	const attempts = report?.attempts ?? [];
	const requestIds = attempts.flatMap((attempt) => (attempt.requestId === undefined ? [] : [attempt.requestId]));
	const firstRequestId = requestIds[0];
	const linkUrl =
		firstRequestId !== undefined && !practice ? transactionDetailsUrl(environment, firstRequestId, orgId) : environment.businessCenter.url;
	// The direct link names the organization ID: not opened while IDs are hidden.
	const canOpen = canOpenBrowser && !practice && !ids.redacting;
	useBackKey(onBack);
	useKeys((input, key) => {
		if (key.return || (input === 'q' && !key.ctrl)) onFinish();
		else if (input === 'o' && canOpen) onOpen(linkUrl);
		else if (!key.ctrl && !key.meta) actions.find((action) => action.key === input)?.run();
	});

	const verdict = verdictOf(report, failure);
	const causes = rankedCauses(report);
	const probes = report?.probes ?? [];
	const checklist = itemsOfKind(report, 'checklist');
	const shownMessages = new Set(attempts.map((attempt) => attempt.message));
	// Shown in their own blocks (reversal, may have gone through) or behind `d` (causes, checklist, information).
	const ownBlocks = new Set(['REVERSAL_FAILED', 'PAYMENT_MAY_HAVE_GONE_THROUGH']);
	const failureItems = (report?.diagnosis ?? []).filter(
		(item) => (item.kind === undefined || item.kind === 'failure') && !ownBlocks.has(item.code) && !shownMessages.has(item.message),
	);
	const failureSteps = (report?.diagnosis ?? []).filter(
		(item) => item.kind === 'failure' && !ownBlocks.has(item.code) && item.steps !== undefined && item.steps.length > 0,
	);
	const noChargeWorks = report?.mode === 'probe' && attempts.some((attempt) => attempt.outcome === 'works');
	const hints: KeyHint[] = [
		{key: 'Enter', action: 'finish'},
		...actions.map(({key, action}) => ({key, action})),
		...(canOpen ? [{key: 'o', action: 'open in Business Center'}] : []),
		{key: 'Esc', action: 'back to review (try again)'},
	];
	const bannerEntries = attempts.flatMap((attempt) =>
		attempt.requestId === undefined
			? []
			: [
					{
						requestId: attempt.requestId,
						caption: `${shortLabel(attempt)} · ${statusText(attempt).replace(/^HTTP /, '')}`,
						...(attempt.correlationId === undefined ? {} : {correlationId: attempt.correlationId}),
					},
				],
	);
	// --plain: the key facts once each, in reading order (lookup waits and probes were printed while sending).
	useTranscriptLines([
		`${verdict.mark} ${verdict.text}`,
		...(noChargeWorks ? [noChargeResultLine] : []),
		...bannerEntries.map((entry) => `REQUEST ID ${entry.requestId} · ${entry.caption}`),
		...attempts.flatMap((attempt) => (attempt.correlationId ? [`Correlation ID (${shortLabel(attempt)}) ${attempt.correlationId}`] : [])),
		...attempts.flatMap((attempt) =>
			attempt.outcome === 'works' ? [] : [`${shortLabel(attempt)}: ${statusText(attempt)}: ${ids.text(attempt.message)}`],
		),
		...(failure ? [`✖ ${failure.code}: ${failure.message}`] : []),
		...(report?.reversal === undefined ? [] : [ids.text(reversalLine(report.reversal)), ...(report.reversal.voidSteps ?? []).map((step, index) => `  ${index + 1}. ${ids.text(step)}`)]),
		...(report?.paymentMayHaveGoneThrough === undefined
			? []
			: [`⚠ ${report.paymentMayHaveGoneThrough.message}`, ...report.paymentMayHaveGoneThrough.steps.map((step, index) => `  ${index + 1}. ${step}`)]),
		...(report?.lookup === undefined || practice ? [] : report.lookup.manualSteps.map((step, index) => `  ${index + 1}. ${ids.text(step)}`)),
		...failureItems.map((item) => `• ${ids.text(item.message)} [${item.code}]`),
		...failureSteps.flatMap((item) => (item.steps ?? []).map((step) => `  → ${ids.text(step)}`)),
		...causes.map((cause) => `Likely cause ${cause.rank ?? ''}: ${ids.text(cause.message)} [${cause.code}]`),
		...checklist.map((item) => `Check in Business Center: ${ids.text(item.message)}`),
		...itemsOfKind(report, 'info').map((item) => `ℹ ${ids.text(item.message)}`),
	]);
	useTranscriptLine(debugLogLine);
	useTranscriptLine(offer);
	const diagnosed = probes.length > 0 || causes.length > 0;
	const retiring = itemsOfKind(report, 'info').some((item) => item.code === 'HTTP_SIGNATURE_RETIRING');
	return (
		<Screen idToggle step="result" mode={mode} hints={hints}>
			<Text bold color={verdict.color}>
				{verdict.mark} {verdict.text}
			</Text>
			{report?.reversal?.status === 'failed' ? <ReversalNotice reversal={report.reversal} /> : null}
			{report?.paymentMayHaveGoneThrough === undefined ? null : <MayHaveGoneThrough warning={report.paymentMayHaveGoneThrough} />}
			{noChargeWorks ? <Text>{noChargeResultLine}</Text> : null}
			<RequestIdBanner entries={bannerEntries} compact={compact} />
			{report?.reversal !== undefined && report.reversal.status !== 'failed' ? <ReversalNotice reversal={report.reversal} /> : null}
			{groupAttempts(attempts.filter((attempt) => attempt.outcome !== 'works')).map((group) => (
				<AttemptFacts key={group.map((attempt) => attempt.auth).join('+')} group={group} brief={diagnosed} />
			))}
			{failure ? (
				<Text color="red">
					✖ {failure.code}: {failure.message}
				</Text>
			) : null}
			{failureItems.length > 0 && !diagnosed ? (
				<Box flexDirection="column">
					{failureItems.map((item) => (
						<Text key={item.code}>• {ids.text(item.message)}</Text>
					))}
				</Box>
			) : null}
			{failureSteps.length > 0 && !diagnosed && report?.paymentMayHaveGoneThrough === undefined ? (
				<Box flexDirection="column">
					<Text bold>What to do</Text>
					{failureSteps.flatMap((item) => item.steps ?? []).map((step) => (
						<Text key={step}>→ {ids.text(step)}</Text>
					))}
				</Box>
			) : null}
			{diagnosed ? <DiagnosisSummary causes={causes} probes={probes} shownCauses={compact ? 1 : 2} practice={practice} /> : null}
			{report?.lookup === undefined ? (
				requestIds.length > 0 ? (
					<FindInBusinessCenter mode={mode} environment={environment} requestIds={requestIds} orgId={orgId} compact={compact} />
				) : null
			) : (
				// The lookup and the manual steps together: what was found, and how to find it yourself.
				<Box flexDirection="column">
					<LookupSummary lookup={report.lookup} practice={practice} compact={compact} />
					<FindInBusinessCenter
						mode={mode}
						environment={environment}
						requestIds={requestIds}
						orgId={orgId}
						brief={report.lookup.code === 'LOOKUP_FOUND'}
						compact={compact}
					/>
				</Box>
			)}
			{attempts.some((attempt) => attempt.outcome === 'rejected') ? (
				checklist.length > 0 ? (
					<ChecklistPointer />
				) : diagnosed ? null : (
					<RejectedChecklist environment={environment} accountKind={accountKind} orgId={orgId} />
				)
			) : null}
			{diagnosed && !compact && retiring ? <Text dimColor>ℹ HTTP Signature is being retired; JWT uses the same key (press d).</Text> : null}
			{browserNotice ? <Text dimColor>{browserNotice}</Text> : null}
			{debugLogLine ? <Text dimColor>{debugLogLine}</Text> : null}
			{offer && !(compact && diagnosed) ? <Text bold>{offer}</Text> : null}
			{notices.length > 0 ? (
				<Box flexDirection="column">
					{notices.map((notice) => (
						<Text key={notice}>{ids.text(notice)}</Text>
					))}
				</Box>
			) : null}
		</Screen>
	);
}
