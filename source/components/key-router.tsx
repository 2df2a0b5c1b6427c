/**
 * One Ink input listener for the whole wizard, routing every key to the handlers of the screen that
 * is on screen when the key arrives.
 *
 * Why: Ink attaches a `useInput` listener in a passive effect, one macrotask after the frame that
 * shows its screen, and detaches the old screen's listeners just as late. A key typed or pasted in
 * between (e.g. `o` then Enter at once on the welcome screen) reached the PREVIOUS screen and acted
 * there. Here handlers register in layout effects, which React runs in the same commit that replaces
 * the screen, and a key that arrives before the previous key's changes have committed waits for that
 * commit. So every key goes to the screen the previous key led to.
 */
import {createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState, type ReactNode} from 'react';
import {useInput, useStdin, type Key} from 'ink';

export type KeyHandler = (input: string, key: Key) => void;

type Registration = {handler: KeyHandler; active: boolean; text: boolean};

export const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

/**
 * Ink passes a chunk of plain text as ONE event ('o\r' from a fast typist or a paste is neither `o`
 * nor Enter). Where no text field takes it, it is split into the keys it is made of: printable
 * characters and Enter. Anything else (control characters, a single key) stays as it came.
 */
export function splitTypedKeys(input: string, key: Key): ReadonlyArray<readonly [string, Key]> {
	const characters = [...input];
	if (characters.length < 2 || key.ctrl || key.meta || key.escape) return [[input, key]];
	const printableOrEnter = /^(?:[^\u0000-\u001F\u007F]|\r)$/u;
	if (!characters.every((character) => printableOrEnter.test(character))) return [[input, key]];
	return characters.map((character) =>
		character === '\r'
			? (['', {...noKey, return: true}] as const)
			: ([character, {...noKey, shift: /^[A-Z]$/.test(character)}] as const),
	);
}

export type KeyRegistry = {
	/** Adds a handler (called for every key while `active`); returns its removal. */
	readonly add: (registration: Registration) => () => void;
};

const KeyRegistryContext = createContext<KeyRegistry | undefined>(undefined);

/** The registry of the nearest <KeyRouter>, or undefined outside one. */
export function useKeyRegistry(): KeyRegistry | undefined {
	return useContext(KeyRegistryContext);
}

export function KeyRouter({children}: {readonly children: ReactNode}) {
	const registrations = useRef<Registration[]>([]);
	const registry = useMemo<KeyRegistry>(
		() => ({
			add(registration) {
				registrations.current = [...registrations.current, registration];
				return () => {
					registrations.current = registrations.current.filter((item) => item !== registration);
				};
			},
		}),
		[],
	);
	const waiting = useRef<Array<readonly [string, Key]>>([]);
	/** A key was delivered and React has not yet committed what it did. */
	const pending = useRef(false);
	// Bumped with every delivered key: the update joins the key's own updates, so the layout effect
	// below runs in the same commit, after the new screen's handlers registered.
	const [delivered, setDelivered] = useState(0);
	const deliver = useCallback(([input, key]: readonly [string, Key]) => {
		pending.current = true;
		setDelivered((count) => count + 1);
		// The handlers mounted now; the state changes they cause commit after all of them have run.
		for (const registration of registrations.current) {
			if (registration.active) registration.handler(input, key);
		}
	}, []);
	// Stable identity: Ink never re-attaches this listener, so no key falls into a gap.
	const route = useCallback<KeyHandler>(
		(chunk, chunkKey) => {
			const typing = registrations.current.some((registration) => registration.active && registration.text);
			waiting.current.push(...(typing ? [[chunk, chunkKey] as const] : splitTypedKeys(chunk, chunkKey)));
			if (pending.current) return;
			const next = waiting.current.shift();
			if (next !== undefined) deliver(next);
		},
		[deliver],
	);
	useLayoutEffect(() => {
		pending.current = false;
		const next = waiting.current.shift();
		if (next !== undefined) deliver(next);
	}, [delivered, deliver]);
	const {isRawModeSupported} = useStdin();
	// Boolean(): isRawModeSupported is undefined for a pipe, and isActive: undefined would still enable raw mode.
	useInput(route, {isActive: Boolean(isRawModeSupported)});
	return <KeyRegistryContext.Provider value={registry}>{children}</KeyRegistryContext.Provider>;
}

/**
 * Registers `handler` with the router for as long as the component is mounted (`text`: it takes typed
 * or pasted text whole, e.g. a text field, so chunks of text are not split into keys while it is active). The latest handler
 * and `isActive` are stored in the same commit as the render that made them (a layout effect).
 */
export function useRoutedKeys(registry: KeyRegistry | undefined, handler: KeyHandler, isActive: boolean, text: boolean): void {
	const registration = useRef<Registration>({handler, active: false, text});
	useLayoutEffect(() => {
		registration.current.handler = handler;
		registration.current.active = isActive;
		registration.current.text = text;
	});
	useLayoutEffect(() => registry?.add(registration.current), [registry]);
}
