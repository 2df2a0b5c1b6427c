/** `.env`: the one variable every export reads, left EMPTY: the secret is never written by this tool. */
import {commentBlock} from './comment.js';
import {secretEnvironmentVariable, type SdkExportInput} from './sdk-config.js';

export const dotEnvFileName = '.env';

export function renderDotEnv(input: SdkExportInput): string {
	return [
		commentBlock('#', [
			`Shared secret of key ${input.credentials.keyId} (merchant ${input.credentials.orgId}, ${input.environment.label}).`,
			'Load it with: node --env-file=.env app.js | python-dotenv | your deployment\'s secret store.',
			'Add .env to .gitignore.',
			'paste your shared secret here (never commit this file)',
		]),
		`${secretEnvironmentVariable}=`,
		'',
	].join('\n');
}
