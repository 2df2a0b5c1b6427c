/**
 * Opens a URL in the user's browser where one is available: macOS `open`, Windows `start`,
 * Linux/BSD `xdg-open` only with a graphical session (DISPLAY or WAYLAND_DISPLAY) and never over SSH.
 */
import {spawn} from 'node:child_process';

export type UrlOpener = {
	/** False where no browser can be opened (the screen then does not offer `o`). */
	readonly available: boolean;
	open(url: string): Promise<boolean>;
};

type Launcher = {readonly command: string; readonly args: (url: string) => string[]};

export function browserLauncher(
	env: Readonly<Record<string, string | undefined>>,
	platform: NodeJS.Platform = process.platform,
): Launcher | undefined {
	if (env['SSH_CONNECTION'] !== undefined || env['SSH_TTY'] !== undefined) return undefined;
	if (platform === 'darwin') return {command: 'open', args: (url) => [url]};
	if (platform === 'win32') return {command: 'cmd', args: (url) => ['/c', 'start', '""', url.replaceAll('&', '^&')]};
	if (env['DISPLAY'] || env['WAYLAND_DISPLAY']) return {command: 'xdg-open', args: (url) => [url]};
	return undefined;
}

export function createUrlOpener(env: Readonly<Record<string, string | undefined>>): UrlOpener {
	const launcher = browserLauncher(env);
	return {
		available: launcher !== undefined,
		async open(url) {
			if (!launcher) return false;
			return new Promise<boolean>((resolve) => {
				const child = spawn(launcher.command, launcher.args(url), {stdio: 'ignore', detached: true});
				child.once('error', () => {
					resolve(false);
				});
				child.once('spawn', () => {
					child.unref();
					resolve(true);
				});
			});
		},
	};
}
