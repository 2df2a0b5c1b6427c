/**
 * The interactive wizard on a terminal: Ink renders <App> until the user leaves. Imported by
 * wizard.tsx only after the terminal check, as one module, so the bundle loads the UI in one chunk.
 */
import type {ReadStream, WriteStream} from 'node:tty';
import chalk from 'chalk';
import {render} from 'ink';
import {App} from '../app.js';
import {resolveConfigDir} from '../config-dir.js';
import {exitCodes} from '../exit-codes.js';
import type {DebugLogSession} from '../session/artifacts/debug-log.js';
import {supportsHyperlinks} from '../wizard/hyperlinks.js';
import {createUrlOpener} from '../wizard/open-url.js';
import {createDefaultServices} from '../wizard/services.js';
import type {CommandIo} from './command-io.js';
import {wantsNoColor, type WizardFlags} from './wizard.js';

export async function runWizardUi(
	io: CommandIo,
	{stdin, stdout}: {readonly stdin: ReadStream; readonly stdout: WriteStream},
	flags: WizardFlags,
	debugLog: DebugLogSession | undefined,
): Promise<number> {
	// Ink styles text with chalk (one shared instance); level 0 = no escape codes for colour or style.
	const noColor = wantsNoColor(io.env) || flags.plain;
	if (noColor) chalk.level = 0;
	const services = await createDefaultServices({
		env: io.env,
		cwd: io.cwd,
		configDir: resolveConfigDir(io.env),
		browser: createUrlOpener(io.env),
		...(debugLog === undefined ? {} : {debugLog}),
		...(flags.lookupTimeoutMs === undefined ? {} : {lookupTimeoutMs: flags.lookupTimeoutMs}),
	});

	let code: number = exitCodes.interrupted;
	const instance = render(
		<App
			services={services}
			display={{
				hyperlinks: !flags.plain && supportsHyperlinks(io.env),
				noColor,
				plain: flags.plain,
				redactIds: flags.redactIds,
			}}
			onExit={(exitCode) => {
				code = exitCode;
			}}
		/>,
		{stdin, stdout, exitOnCtrlC: false},
	);
	// SIGINT/SIGTERM from outside (raw mode turns Ctrl+C into a key, handled in the app).
	const onAbort = () => {
		code = exitCodes.interrupted;
		instance.unmount();
	};

	io.signal.addEventListener('abort', onAbort, {once: true});
	try {
		await instance.waitUntilExit();
	} finally {
		io.signal.removeEventListener('abort', onAbort);
		const closed = await debugLog?.finish();
		if (closed !== undefined) {
			io.stderr.write(
				closed.ok
					? `Debug log: ${closed.exchanges} HTTP exchanges in ${closed.path} (Signature, Authorization and the shared secret redacted).\n`
					: `${closed.message} [${closed.code}]\n`,
			);
		}
	}

	return code;
}
