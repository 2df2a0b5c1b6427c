/** What `check` says on stderr while the test runs (stdout keeps the verdict or the one JSON object). */
import {cardEnding} from '../../cybersource/card-checks.js';
import {maskId} from '../../cybersource/credential-checks.js';
import type {Environment} from '../../cybersource/environments.js';
import type {KeyTestStageEvent} from '../../cybersource/key-test.js';
import type {KeyTestRequest} from '../../cybersource/key-test-types.js';
import {authLabel, authMethodsFor} from '../../cybersource/types.js';
import type {CommandIo} from '../command-io.js';
import type {CheckInputs} from './inputs.js';
import {hostOf} from './output.js';

/** Said when --charge runs without --card-file (one line on stderr). */
export const sampleCardWarning =
	'--charge without --card-file uses the sample TEST card (4111…1111), which a real processor declines: pass --card-file PATH with a real card to prove a payment goes through.';

/** Why the environment-swap probe has no counterpart with --env simulator (said on stderr when the probes run). */
export const simulatorHasNoCounterpart =
	'The built-in simulator has no production twin, so the environment-swap probe is skipped. To run it, start a second simulator (cybs-key-wizard simulator --env production) and pass its URL with --counterpart-base-url.';

/** What is about to be sent: the production probe or charge first, then the key, host and methods. */
export function announce(io: CommandIo, inputs: CheckInputs, target: Environment, mode: KeyTestRequest['mode']): void {
	const methods = authMethodsFor(inputs.auth).map(method => authLabel(method)).join(' and ');
	if (mode === 'probe') {
		io.stderr.write(
			`${target.label} is a production environment: sending the no-charge probe (a signed GET of a transaction that cannot exist; 404 means the keys authenticate). No payment is sent (--charge sends a real 1.00 authorization, reversed at once).\n`,
		);
	} else if (target.kind === 'production') {
		const onCard = inputs.card === undefined ? '' : ` on the ${cardEnding(inputs.card.last4)} from --card-file`;
		io.stderr.write(
			`--charge: sending ONE real 1.00 authorization${onCard} in ${target.label} (the other method uses the no-charge probe); it is reversed automatically right after.\n`,
		);
		if (inputs.card === undefined) io.stderr.write(`Warning: ${sampleCardWarning}\n`);
	}

	io.stderr.write(
		`Testing key ${maskId(inputs.credentials.keyId)} for ${inputs.credentials.orgId} on ${hostOf(target)} with ${methods}…\n`,
	);
}

/** Progress of the steps after the attempts: the lookup's waits, the reversal, the 401 probes. */
export function stageReporter(io: CommandIo, simulated: boolean, noCounterpartNote?: string): (event: KeyTestStageEvent) => void {
	let toldSimulated = false;
	return event => {
		switch (event.type) {
			case 'lookup-wait': {
				if (simulated && !toldSimulated) {
					toldSimulated = true;
					io.stderr.write('(Built-in simulator: the lookup\'s waits are simulated, its clock moves forward instead, so no real time passes.)\n');
				}

				io.stderr.write(`Request ID ${event.requestId}: ${event.message}\n`);
				break;
			}

			case 'reversal-start': {
				io.stderr.write(`Reversing the authorization with request ID ${event.paymentRequestId}…\n`);
				break;
			}

			case 'diagnosis-start': {
				io.stderr.write('The key was rejected (401): running no-charge probes to narrow down the cause…\n');
				if (noCounterpartNote !== undefined) io.stderr.write(`${noCounterpartNote}\n`);
				break;
			}

			default: {
				break;
			}
		}
	};
}
