import {createContext, useContext} from 'react';

/** How this terminal and this session want things shown. */
export type DisplayOptions = {
	/** The terminal understands OSC 8 hyperlinks (the URL is printed as text either way). */
	readonly hyperlinks: boolean;
	/** NO_COLOR: styles are off, so marks that rely on them (the inverse-video cursor) need a visible stand-in. */
	readonly noColor: boolean;
};

export const defaultDisplay: DisplayOptions = {hyperlinks: false, noColor: false};

export const DisplayContext = createContext<DisplayOptions>(defaultDisplay);

export function useDisplay(): DisplayOptions {
	return useContext(DisplayContext);
}
