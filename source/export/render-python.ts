/** `cybersource_config.py`: the configuration dict `cybersource-rest-client-python` takes. */
import {commentBlock} from './comment.js';
import {headerLines, sdkSettings, secretEnvironmentVariable, type SdkExportInput} from './sdk-config.js';

export const pythonConfigFileName = 'cybersource_config.py';

/** A Python string literal: JSON's escapes (\", \\, \n, \uXXXX) mean the same in Python. */
function py(text: string): string {
	return JSON.stringify(text);
}

export function renderPythonConfig(input: SdkExportInput): string {
	const settings = sdkSettings(input);
	// The Python SDK spells the same settings in snake_case (samples data/JwtSharedSecretConfiguration.py).
	const entries: string[] = [
		`    "authentication_type": ${py(settings.authenticationType)},`,
		...(settings.jwtKeyType === undefined ? [] : [`    "jwt_key_type": ${py(settings.jwtKeyType)},`]),
		`    "merchantid": ${py(settings.merchantID)},`,
		`    "run_environment": ${py(settings.runEnvironment)},`,
		`    "merchant_keyid": ${py(settings.merchantKeyId)},`,
		`    "merchant_secretkey": os.environ[${py(secretEnvironmentVariable)}],`,
		`    "use_metakey": ${settings.useMetaKey ? 'True' : 'False'},`,
		`    "portfolio_id": ${py(settings.portfolioID)},`,
	];
	const header = commentBlock('#', [
		...headerLines(input, settings),
		'The Python SDK names these settings in snake_case (authentication_type, merchantid, merchant_keyid, …).',
		'',
		'Use it:',
		`  from cybersource_config import merchant_config`,
		'  from CyberSource import PaymentsApi',
		'  payments = PaymentsApi(merchant_config)',
		`Importing this module raises KeyError if ${secretEnvironmentVariable} is not set.`,
	]);
	return [header, 'import os', '', 'merchant_config = {', ...entries, '}', ''].join('\n');
}
