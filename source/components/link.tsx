import {Text} from 'ink';
import {useDisplay} from './display.js';

/** OSC 8 hyperlink around `text` (terminals that support it make it clickable). */
export function osc8(url: string, text: string): string {
	return `\u001B]8;;${url}\u0007${text}\u001B]8;;\u0007`;
}

/** A URL, always printed in full as text; also clickable where the terminal supports OSC 8. */
export function Link({url}: {readonly url: string}) {
	const {hyperlinks} = useDisplay();
	return (
		<Text color="cyan" underline={hyperlinks}>
			{hyperlinks ? osc8(url, url) : url}
		</Text>
	);
}
