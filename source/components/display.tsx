import {createContext, useContext} from 'react';

/** How this terminal and this session want things shown. */
export type DisplayOptions = {
	/** The terminal understands OSC 8 hyperlinks (the URL is printed as text either way). */
	readonly hyperlinks: boolean;
	/** NO_COLOR: styles are off, so marks that rely on them (the inverse-video cursor) need a visible stand-in. */
	readonly noColor: boolean;
	/**
	 * --plain (or TERM=dumb): no spinners, no borders or box drawing, no colour; every event is also
	 * printed once as a line of its own, so the scrollback reads top to bottom (screen readers, logs).
	 */
	readonly plain: boolean;
	/** --redact-ids (toggled with `i`): organization and key IDs are masked everywhere on screen. */
	readonly redactIds: boolean;
};

export const defaultDisplay: DisplayOptions = {hyperlinks: false, noColor: false, plain: false, redactIds: false};

export const DisplayContext = createContext<DisplayOptions>(defaultDisplay);

export function useDisplay(): DisplayOptions {
	return useContext(DisplayContext);
}
