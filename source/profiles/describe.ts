/** Text and JSON views of profiles for `profiles` and the wizard. Never includes the secret. */
import {maskId} from '../cybersource/credential-checks.js';
import {authLabel, authMethodsFor, type AuthChoice} from '../cybersource/types.js';
import {publicProfile, type NamedProfile, type Profile, type PublicProfile} from './profile.js';

export function authChoiceLabel(auth: AuthChoice): string {
	return authMethodsFor(auth).map(method => authLabel(method)).join(' + ');
}

function environmentText(profile: Profile): string {
	return profile.baseUrl === undefined ? profile.environment : `${profile.environment} via ${profile.baseUrl}`;
}

function pad(text: string, width: number): string {
	return text.padEnd(width, ' ');
}

/** A table: one profile per line, the key ID shortened, whether a secret is stored. */
export function profileListText(profiles: readonly NamedProfile[], configFile: string): string {
	if (profiles.length === 0) {
		return `No saved profiles (${configFile}).\nSave one after a successful test: cybs-key-wizard check … --save NAME\n`;
	}

	const header = ['NAME', 'ENVIRONMENT', 'ORGANIZATION ID', 'KEY ID', 'AUTH', 'LAST VERIFIED', 'SECRET'];
	const rows = profiles.map(({name, profile}) => [
		name,
		environmentText(profile),
		profile.orgId,
		maskId(profile.keyId),
		profile.auth,
		profile.lastVerifiedAt,
		profile.secret === undefined ? 'not stored' : 'stored',
	]);
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]?.length ?? 0)));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, column) => (column === cells.length - 1 ? cell : pad(cell, widths[column] ?? 0)))
			.join('  ');
	return [`Profiles in ${configFile}:`, line(header), ...rows.map(row => line(row))].join('\n') + '\n';
}

/** One profile, field by field. */
export function profileShowText(name: string, profile: Profile, configFile: string): string {
	const lines = [
		`Profile ${name} (${configFile})`,
		`  Organization ID   ${profile.orgId}`,
		`  Key ID            ${profile.keyId}`,
		`  Environment       ${profile.environment}`,
		...(profile.baseUrl === undefined ? [] : [`  Base URL          ${profile.baseUrl}`]),
		`  Auth              ${profile.auth} (${authChoiceLabel(profile.auth)})`,
		`  Meta key          ${profile.metaKey === undefined ? 'no' : `yes, portfolio ID ${profile.metaKey.portfolioId}`}`,
		`  Last verified     ${profile.lastVerifiedAt}`,
		...(profile.requestId === undefined ? [] : [`  Request ID        ${profile.requestId}`]),
		`  Shared secret     ${profile.secret === undefined ? 'not stored (give it with --secret-file or CYBERSOURCE_SHARED_SECRET)' : 'stored in the config file (mode 0600)'}`,
	];
	return lines.join('\n') + '\n';
}

export function profileListJson(profiles: readonly NamedProfile[], configFile: string): {
	configFile: string;
	profiles: PublicProfile[];
} {
	return {configFile, profiles: profiles.map(({name, profile}) => publicProfile(name, profile))};
}
