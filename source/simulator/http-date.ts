/** Strict RFC 7231 IMF-fixdate parsing: the one date format the SDKs send (`toUTCString()`). */

/** Epoch ms of an IMF-fixdate such as `Mon, 05 Jan 2026 09:07:03 GMT`; undefined for anything else. */
export function parseImfFixdate(value: string): number | undefined {
	if (value.length !== 29) return undefined;
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) return undefined;
	return new Date(ms).toUTCString() === value ? ms : undefined;
}

/** `12 s`, `6 min 40 s`, … for explanations. */
export function describeSeconds(seconds: number): string {
	const whole = Math.round(Math.abs(seconds));
	if (whole < 60) return `${whole} s`;
	const minutes = Math.floor(whole / 60);
	const rest = whole % 60;
	return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
