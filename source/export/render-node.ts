/** `cybersource-config.cjs`: the configuration object `cybersource-rest-client` (Node) takes. */
import {commentBlock} from './comment.js';
import {headerLines, sdkSettings, secretEnvironmentVariable, type SdkExportInput} from './sdk-config.js';

export const nodeConfigFileName = 'cybersource-config.cjs';

/** A JavaScript string literal (JSON's escaping is valid JavaScript, including U+2028/2029 since ES2019). */
function js(text: string): string {
	return JSON.stringify(text);
}

export function renderNodeConfig(input: SdkExportInput): string {
	const settings = sdkSettings(input);
	const entries: string[] = [
		`\t'authenticationType': ${js(settings.authenticationType)},`,
		...(settings.jwtKeyType === undefined ? [] : [`\t'jwtKeyType': ${js(settings.jwtKeyType)},`]),
		`\t'runEnvironment': ${js(settings.runEnvironment)},`,
		`\t'merchantID': ${js(settings.merchantID)},`,
		`\t'merchantKeyId': ${js(settings.merchantKeyId)},`,
		`\t'merchantsecretKey': sharedSecret,`,
		`\t'useMetaKey': ${String(settings.useMetaKey)},`,
		`\t'portfolioID': ${js(settings.portfolioID)},`,
	];
	const header = commentBlock('//', [
		...headerLines(input, settings),
		'',
		'Use it (CommonJS or ESM):',
		"  const cybersourceRestApi = require('cybersource-rest-client');",
		`  const configuration = require('./${nodeConfigFileName}');`,
		'  const apiClient = new cybersourceRestApi.ApiClient();',
		'  const payments = new cybersourceRestApi.PaymentsApi(configuration, apiClient);',
		`Run with the secret in the environment, e.g. node --env-file=.env app.js (never commit .env).`,
	]);
	return [
		header,
		"'use strict';",
		'',
		`const sharedSecret = process.env.${secretEnvironmentVariable};`,
		'if (!sharedSecret) {',
		`\tthrow new Error(${js(`${secretEnvironmentVariable} is not set: put your shared secret key in it (Business Center > Payment Configuration > Key Management).`)});`,
		'}',
		'',
		'module.exports = {',
		...entries,
		'};',
		'',
	].join('\n');
}
