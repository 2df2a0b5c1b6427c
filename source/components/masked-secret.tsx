import {Text} from 'ink';
import {maskSecret} from '../cybersource/credential-checks.js';

/** The shared secret as it may appear on screen: bullets and its last 4 characters at most. */
export function MaskedSecret({secret}: {readonly secret: string}) {
	return <Text>{maskSecret(secret)}</Text>;
}
