import {useEffect, useState} from 'react';

/** Milliseconds since `startedAt` by the injected clock, refreshed every `intervalMs`. */
export function useElapsed(startedAt: number, now: () => number, intervalMs = 100): number {
	const [elapsed, setElapsed] = useState(() => Math.max(0, now() - startedAt));
	useEffect(() => {
		const timer = setInterval(() => {
			setElapsed(Math.max(0, now() - startedAt));
		}, intervalMs);
		return () => {
			clearInterval(timer);
		};
	}, [startedAt, now, intervalMs]);
	return elapsed;
}

/** "1.2 s" */
export function formatSeconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}
