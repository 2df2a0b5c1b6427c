import {useInput, useStdin, type Key} from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

/**
 * useInput that is safe without a TTY: `isRawModeSupported` is undefined for a pipe and
 * `isActive: undefined` would still switch raw mode on (and throw), hence Boolean().
 */
export function useKeys(handler: KeyHandler, isActive = true): void {
	const {isRawModeSupported} = useStdin();
	useInput(handler, {isActive: Boolean(isRawModeSupported) && isActive});
}

/** Esc is "back" on every screen; a screen passes what back means for it right now. */
export function useBackKey(onBack: (() => void) | undefined, isActive = true): void {
	useKeys(
		(_input, key) => {
			if (key.escape && onBack) onBack();
		},
		isActive && onBack !== undefined,
	);
}
