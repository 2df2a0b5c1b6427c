/** `cybs.properties`: the properties the Java SDK's MerchantConfig reads. */
import {commentBlock} from './comment.js';
import {headerLines, sdkSettings, secretEnvironmentVariable, type SdkExportInput} from './sdk-config.js';

export const javaPropertiesFileName = 'cybs.properties';

/** A java.util.Properties value: backslash escapes, leading blanks kept, non-ASCII as \uXXXX (ISO-8859-1 safe). */
export function propertiesValue(text: string): string {
	let result = '';
	for (const [index, char] of [...text].entries()) {
		const code = char.codePointAt(0) ?? 0;
		if (char === '\\') {
			result += '\\\\';
		} else if (char === '\n') {
			result += String.raw`\n`;
		} else if (char === '\r') {
			result += String.raw`\r`;
		} else if (char === '\t') {
			result += String.raw`\t`;
		} else if (char === ' ' && index === 0) {
			result += '\\ ';
		} else if (code < 0x20 || code > 0x7e) {
			// java.util.Properties reads \uXXXX as one UTF-16 unit: astral characters become a surrogate pair.
			for (let unit = 0; unit < char.length; unit++) {
				result += `\\u${char.charCodeAt(unit).toString(16).padStart(4, '0')}`;
			}
		} else {
			result += char;
		}
	}

	return result;
}

export function renderJavaProperties(input: SdkExportInput): string {
	const settings = sdkSettings(input);
	const property = (key: string, value: string) => `${key}=${propertiesValue(value)}`;
	const header = commentBlock('#', [
		...headerLines(input, settings),
		'',
		'Use it:',
		'  Properties props = new Properties();',
		`  try (InputStream in = new FileInputStream("${javaPropertiesFileName}")) { props.load(in); }`,
		`  props.setProperty("merchantsecretKey", System.getenv("${secretEnvironmentVariable}"));`,
		'  ApiClient apiClient = new ApiClient();',
		'  apiClient.merchantConfig = new MerchantConfig(props);',
		'  PaymentsApi payments = new PaymentsApi(apiClient);',
	]);
	const secretNote = commentBlock('#', [
		'java.util.Properties and the SDK do NOT expand ${...}: loaded as is, this placeholder text would be',
		`used as the secret and authentication would fail. Replace it after loading, from the environment:`,
		`  props.setProperty("merchantsecretKey", System.getenv("${secretEnvironmentVariable}"));`,
		'Never write the secret itself into this file.',
	]);
	return [
		header,
		property('authenticationType', settings.authenticationType),
		...(settings.jwtKeyType === undefined ? [] : [property('jwtKeyType', settings.jwtKeyType)]),
		property('merchantID', settings.merchantID),
		property('runEnvironment', settings.runEnvironment),
		property('merchantKeyId', settings.merchantKeyId),
		secretNote,
		`merchantsecretKey=\${${secretEnvironmentVariable}}`,
		property('useMetaKey', String(settings.useMetaKey)),
		property('portfolioID', settings.portfolioID),
		'',
	].join('\n');
}
