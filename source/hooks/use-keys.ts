import {useInput, useStdin} from 'ink';
import {useKeyRegistry, useRoutedKeys, type KeyHandler} from '../components/key-router.js';

export type {KeyHandler} from '../components/key-router.js';

/**
 * Key handling for a screen or component. Inside <KeyRouter> (the wizard) the key goes through the
 * router, so it reaches only the screen on screen when it arrived (type-ahead and pastes are safe);
 * outside one it is Ink's useInput. Safe without a TTY: `isRawModeSupported` is undefined for a pipe
 * and `isActive: undefined` would still switch raw mode on (and throw), hence Boolean().
 * `text`: the handler takes pasted text whole (a text field).
 */
export function useKeys(handler: KeyHandler, isActive = true, options: {readonly text?: boolean} = {}): void {
	const registry = useKeyRegistry();
	const {isRawModeSupported} = useStdin();
	useRoutedKeys(registry, handler, isActive, options.text ?? false);
	useInput(handler, {isActive: registry === undefined && Boolean(isRawModeSupported) && isActive});
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
