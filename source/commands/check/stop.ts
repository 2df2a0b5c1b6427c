/** A run of `check` that ends before a verdict (exit 2 or 130), and how it is printed. */
import type {DiagnosisItem} from '../../cybersource/key-test-types.js';
import {exitCodes} from '../../exit-codes.js';
import type {IdMasker} from '../../session/artifacts/id-masker.js';
import type {CommandIo} from '../command-io.js';
import type {KnownInputs} from './inputs.js';
import {checkJsonWithoutReport} from './output.js';

export type Stop = {readonly exitCode: number; readonly problems: readonly DiagnosisItem[]; readonly known: KnownInputs};

export function isStop(value: object): value is Stop {
	return 'exitCode' in value && 'problems' in value;
}

/** A usage or input error found before any request is sent: exit 2. */
export function usageStop(problems: readonly DiagnosisItem[], known: KnownInputs = {}): Stop {
	return {exitCode: exitCodes.usage, problems, known};
}

export function interrupted(known: KnownInputs = {}): Stop {
	return {exitCode: exitCodes.interrupted, problems: [{code: 'INTERRUPTED', message: 'Interrupted before a verdict.'}], known};
}

/** Prints why the run stopped before a verdict: one JSON object, or lines on stderr. */
export function printStop(io: CommandIo, json: boolean, stop: Stop, masker?: IdMasker): number {
	if (json) {
		const object = checkJsonWithoutReport(stop.problems, stop.known);
		io.stdout.write(`${masker === undefined ? JSON.stringify(object) : masker.json(object)}\n`);
	}

	for (const problem of stop.problems) io.stderr.write(`${problem.message}${json ? '' : ` [${problem.code}]`}\n`);
	return stop.exitCode;
}
