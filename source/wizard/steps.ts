/** The seven screens of the wizard, in order, with the names shown in each header. */

export const stepIds = ['welcome', 'account', 'create-key', 'credentials', 'review', 'send', 'result'] as const;
export type StepId = (typeof stepIds)[number];

const titles: Record<StepId, string> = {
	welcome: 'Welcome',
	account: 'Your account',
	'create-key': 'Create the key',
	credentials: 'Your credentials',
	review: 'Review',
	send: 'Send the test payment',
	result: 'Result',
};

export const stepCount = stepIds.length;

/** 1-based position shown as "Step N of 7". */
export function stepNumber(id: StepId): number {
	return stepIds.indexOf(id) + 1;
}

export function stepTitle(id: StepId): string {
	return titles[id];
}
