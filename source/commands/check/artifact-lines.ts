/** What check says on stderr about the files it wrote: where they are and what to do with them. Pure. */
import {basename} from 'node:path';
import {authLabel} from '../../cybersource/types.js';
import {secretEnvironmentVariable} from '../../export/sdk-config.js';
import type {ReportPaths} from '../../report/report-paths.js';
import type {SupportReport} from '../../report/support-report.js';
import type {DebugLogOutcome} from '../../session/artifacts/debug-log.js';
import type {SdkExportResult} from '../../session/artifacts/write-sdk-export.js';

/** After the report was written: where it is and what to attach to a Business Center support case. */
export function reportWrittenLines(result: {readonly paths: ReportPaths; readonly data: SupportReport}): string[] {
	const {paths, data} = result;
	const guide = data.supportCase;
	const lines = [`Support report written (mode 0600, no shared secret in it): ${paths.markdown} (to read) and ${paths.json} (the same, for tools).`];
	const {host} = new URL(data.environment.baseUrl);
	if (data.simulatorRun) {
		lines.push(
			`  The requests went to ${host} on this machine (e.g. the simulator), not directly to CyberSource, so CyberSource support cannot look them up. For a report to attach to a support case, run check against ${data.environment.apiHost}.`,
		);
		return lines;
	}

	lines.push(
		`For a support case: log in to Business Center (${guide.businessCenterUrl}), open ${guide.route.join(' > ')}, choose ${guide.environmentChoice}, attach both files, and quote:`,
	);
	const quoted = data.attempts
		.map(attempt => {
			const ids = [
				attempt.correlationId === undefined ? undefined : `v-c-correlation-id ${attempt.correlationId}`,
				attempt.requestId === undefined ? undefined : `request ID ${attempt.requestId}`,
			].filter(id => id !== undefined);
			return ids.length === 0 ? undefined : `  ${attempt.authLabel}: ${ids.join(', ')}`;
		})
		.filter(line => line !== undefined);
	lines.push(...(quoted.length === 0 ? [`  the time of the test (${data.generatedAt}): no correlation ID or request ID was received.`] : quoted));
	return lines;
}

/** What --export did: what was written where, what was kept, what failed. */
export function exportLines(result: SdkExportResult): string[] {
	if (!result.ok) return [`${result.message} [${result.code}]`];
	const lines: string[] = [];
	if (result.written.length > 0) {
		lines.push(
			`Exported the ${authLabel(result.auth)} configuration for the CyberSource SDKs to ${result.dir} (mode 0600): ${result.written.map(path => basename(path)).join(', ')}.`,
			`  The shared secret is not in these files: set ${secretEnvironmentVariable} where your code runs.`,
		);
	}

	for (const item of result.skipped) lines.push(`  Kept the existing ${item.path} (not overwritten); move it away and run again to get a fresh one. [${item.code}]`);
	for (const item of result.failed) lines.push(`  ${item.message} [${item.code}]`);
	return lines;
}

/** Where the --debug log went. */
export function debugLogLine(outcome: DebugLogOutcome): string {
	if (!outcome.ok) return `${outcome.message} [${outcome.code}]`;
	const count = outcome.exchanges === 1 ? '1 HTTP exchange' : `${outcome.exchanges} HTTP exchanges`;
	return `Debug log: ${count} appended to ${outcome.path} (mode 0600; Signature, Authorization and the shared secret redacted).`;
}
