import {useKeys} from './use-keys.js';

/** Ctrl+C anywhere: leave at once (the caller exits 130; Ink restores the terminal on unmount). */
export function useCtrlC(onInterrupt: () => void): void {
	useKeys((input, key) => {
		if (key.ctrl && input === 'c') onInterrupt();
	});
}
