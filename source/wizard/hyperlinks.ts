/**
 * Whether the terminal renders OSC 8 hyperlinks. Conservative: terminals known to support them,
 * FORCE_HYPERLINK to override; never inside tmux/screen (they may not pass the sequence on) or CI.
 * The URL is always printed as text, so a wrong "no" costs nothing.
 */
export function supportsHyperlinks(env: Readonly<Record<string, string | undefined>>): boolean {
	const forced = env['FORCE_HYPERLINK'];
	if (forced !== undefined) return forced !== '0' && forced !== 'false';
	if (env['TMUX'] !== undefined || env['STY'] !== undefined) return false;
	if (env['TERM'] === 'dumb') return false;
	const ci = env['CI'];
	if (ci !== undefined && ci !== '0' && ci !== 'false') return false;
	if (env['WT_SESSION'] !== undefined || env['KONSOLE_VERSION'] !== undefined) return true;
	if (env['TERM'] === 'xterm-kitty' || env['TERM'] === 'xterm-ghostty') return true;
	const vte = Number(env['VTE_VERSION'] ?? '0');
	if (vte >= 5000) return true;
	switch (env['TERM_PROGRAM']) {
		case 'iTerm.app':
		case 'WezTerm':
		case 'vscode':
		case 'ghostty':
		case 'Hyper': {
			return true;
		}

		default: {
			return false;
		}
	}
}
