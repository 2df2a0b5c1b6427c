import {homedir} from 'node:os';
import path from 'node:path';

/** conf's project name; with its default suffix the directory is `cybs-key-wizard-nodejs`. */
export const projectName = 'cybs-key-wizard';

/**
 * The directory holding config.json (profiles) and simulator-keys.json.
 * CYBS_KEY_WIZARD_CONFIG_DIR wins; otherwise the directory conf would use (env-paths rules:
 * XDG_CONFIG_HOME on Linux, ~/Library/Preferences on macOS, %APPDATA% on Windows).
 * Computed here, without importing conf, so fast paths stay fast.
 */
export function resolveConfigDir(
	env: Readonly<Record<string, string | undefined>>,
	platform: NodeJS.Platform = process.platform,
	home: string = homedir(),
): string {
	const override = env['CYBS_KEY_WIZARD_CONFIG_DIR'];
	if (override !== undefined && override.trim() !== '') return path.resolve(override);
	const name = `${projectName}-nodejs`;
	if (platform === 'darwin') return path.join(home, 'Library', 'Preferences', name);
	if (platform === 'win32') {
		return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), name, 'Config');
	}

	const xdg = env['XDG_CONFIG_HOME'];
	return path.join(xdg !== undefined && xdg !== '' ? xdg : path.join(home, '.config'), name);
}

/** The simulator's default keys file, shared by `simulator`, `simulator keygen`, practice mode and `check --env simulator`. */
export function defaultSimulatorKeysFile(env: Readonly<Record<string, string | undefined>>): string {
	return path.join(resolveConfigDir(env), 'simulator-keys.json');
}
