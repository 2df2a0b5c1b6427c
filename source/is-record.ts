/** A JSON object (not null, not an array): what parsed JSON is checked against before its members are read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
