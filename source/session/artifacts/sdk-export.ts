/**
 * The SDK configuration a key test proved (the wizard's `e`, check --export DIR): the files the official
 * CyberSource SDKs expect, for the method to export. Pure; write-sdk-export.ts writes them.
 */
import type {Environment} from '../../cybersource/environments.js';
import type {KeyTestReport} from '../../cybersource/key-test-types.js';
import type {AuthMethod} from '../../cybersource/types.js';
import {renderSdkExports, type ExportFile} from '../../export/render-exports.js';
import type {TestedKey} from './profile.js';
import {methodToExport} from './proof.js';

export type SdkExport = {readonly auth: AuthMethod; readonly files: readonly ExportFile[]};

/** The SDK configuration files for the method to export; undefined when no method proved the key pair. */
export function sdkExportFor(input: {
	readonly report: KeyTestReport;
	/** Where the test ran: its API host is the SDK's runEnvironment. */
	readonly environment: Environment;
	readonly key: TestedKey;
	readonly toolVersion: string;
}): SdkExport | undefined {
	const auth = methodToExport(input.report);
	if (auth === undefined) return undefined;
	const {orgId, keyId, portfolioId} = input.key;
	const credentials = {orgId, keyId, ...(portfolioId === undefined ? {} : {portfolioId})};
	return {auth, files: renderSdkExports({environment: input.environment, credentials, auth, toolVersion: input.toolVersion})};
}
