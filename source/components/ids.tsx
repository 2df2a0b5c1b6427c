import {createContext, useContext} from 'react';
import {maskId} from '../cybersource/mask.js';
import {maskIdsInText} from '../session/artifacts/id-masker.js';
import {useDisplay} from './display.js';

/** The IDs to hide while --redact-ids is on (organization, key, portfolio IDs known so far) and the toggle. */
export type IdsControl = {
	readonly ids: readonly string[];
	/** `i`: hide or show the IDs. */
	readonly toggle: () => void;
};

export const IdsContext = createContext<IdsControl>({ids: [], toggle() {}});

export function useIdsControl(): IdsControl {
	return useContext(IdsContext);
}

export type IdView = {
	readonly redacting: boolean;
	/** An organization/key/portfolio ID as it may be shown now. */
	readonly id: (value: string) => string;
	/** A sentence that may mention those IDs (CyberSource's messages, notes). */
	readonly text: (value: string) => string;
};

/** How IDs are shown right now: as they are, or masked (first 8 characters) under --redact-ids. */
export function useIdView(): IdView {
	const {redactIds} = useDisplay();
	const {ids} = useIdsControl();
	if (!redactIds) return {redacting: false, id: (value) => value, text: (value) => value};
	return {redacting: true, id: (value) => maskId(value), text: (value) => maskIdsInText(value, ids)};
}
