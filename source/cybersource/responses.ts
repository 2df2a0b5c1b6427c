/**
 * Validation of CyberSource answers (PROTOCOL §6): (HTTP status, headers, raw body text) in, a typed
 * result out. JSON from the network stays `unknown` until a guard has checked each field read.
 */

/** Response headers as undici hands them over (lower-case names). */
export type ResponseHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Longest raw body kept when the answer is not JSON (an HTML page from a proxy can be large). */
export const rawTextLimit = 4096;

export type Link = {readonly method?: string; readonly href: string};

export type FieldDetail = {readonly field?: string; readonly reason?: string};

export type ErrorInformation = {
	readonly reason?: string;
	readonly message?: string;
	readonly details: readonly FieldDetail[];
};

export type AmountDetails = {
	readonly totalAmount?: string;
	readonly authorizedAmount?: string;
	readonly currency?: string;
};

export type ProcessorInformation = {
	readonly approvalCode?: string;
	readonly responseCode?: string;
	readonly transactionId?: string;
	readonly networkTransactionId?: string;
	readonly avsCode?: string;
};

/** `POST /pts/v2/payments` → 201. A 201 can still be a decline: read `status`. */
export type PaymentCreated = {
	readonly id: string;
	readonly status: string;
	readonly submitTimeUtc?: string;
	readonly reconciliationId?: string;
	readonly clientReferenceCode?: string;
	readonly errorInformation?: ErrorInformation;
	readonly processorInformation?: ProcessorInformation;
	readonly amountDetails?: AmountDetails;
	/** `_links.authReversal` on the wire, `_links.reversal` in the SDK model: both are read. */
	readonly reversalLink?: Link;
	readonly selfLink?: Link;
	readonly captureLink?: Link;
};

/** `POST /pts/v2/payments/{id}/reversals` → 201. */
export type ReversalCreated = {
	readonly id: string;
	readonly status: string;
	readonly submitTimeUtc?: string;
	readonly reconciliationId?: string;
	readonly reversedAmount?: string;
	readonly originalTransactionAmount?: string;
	readonly currency?: string;
	readonly processorInformation?: ProcessorInformation;
	readonly errorInformation?: ErrorInformation;
};

/** One `applicationInformation.applications[]` entry, e.g. `ics_auth`. */
export type TransactionApplication = {
	readonly name?: string;
	readonly status?: string;
	readonly reasonCode?: string;
	readonly rCode?: string;
	readonly rFlag?: string;
	readonly rMessage?: string;
};

/** `GET /tss/v2/transactions/{id}` → 200 (note TSS spells `submitTimeUTC`). */
export type TransactionDetails = {
	readonly id: string;
	readonly submitTimeUtc?: string;
	readonly status?: string;
	readonly merchantId?: string;
	readonly reconciliationId?: string;
	readonly clientReferenceCode?: string;
	readonly applicationStatus?: string;
	readonly applicationReasonCode?: string;
	readonly applications: readonly TransactionApplication[];
	readonly amountDetails?: AmountDetails;
};

/**
 * Any error body, whichever of the documented shapes it has (PROTOCOL §6.2, DIAGNOSTICS §2.1, §3):
 * 400 `{status, reason, message, details}`, 401 `{response: {rmsg}}` (rmsg a string or an object) or
 * `{message}`, 404 TSS `{message}` or pts `{status, errorInformation}`, 502 `{status, reason, message}`,
 * TMS `{errors: [{type, message}]}`.
 */
export type ErrorBody = {
	readonly status?: string;
	/** Trimmed: pts 404 sends `"NOT_FOUND "`. */
	readonly reason?: string;
	readonly message?: string;
	readonly details: readonly FieldDetail[];
	readonly submitTimeUtc?: string;
	/** 401 `response.rmsg`: text, or an object (also when the text is escaped JSON). */
	readonly rmsg?: string | Readonly<Record<string, unknown>>;
};

type ResponseCommon = {
	readonly httpStatus: number;
	/** `v-c-correlation-id`: present on every answer that came from CyberSource. */
	readonly correlationId?: string;
	/** The `Date` response header (not always sent by CyberSource). */
	readonly date?: string;
	readonly contentType?: string;
};

export type NotJsonResponse = ResponseCommon & {
	readonly kind: 'not-json';
	/** The body as received, cut to `rawTextLimit` characters. */
	readonly rawText: string;
	readonly truncated: boolean;
};

export type PaymentResponse = ResponseCommon & {readonly kind: 'payment'; readonly payment: PaymentCreated};
export type ReversalResponse = ResponseCommon & {readonly kind: 'reversal'; readonly reversal: ReversalCreated};
export type TransactionResponse = ResponseCommon & {
	readonly kind: 'transaction';
	readonly transaction: TransactionDetails;
};
export type ErrorResponse = ResponseCommon & {readonly kind: 'error'; readonly error: ErrorBody};
/** JSON, but not the shape the status promises (e.g. a 201 without `id`). */
export type UnexpectedShapeResponse = ResponseCommon & {
	readonly kind: 'unexpected-shape';
	readonly problem: string;
	readonly rawText: string;
	readonly truncated: boolean;
};

export type CyberSourceResponse =
	| PaymentResponse
	| ReversalResponse
	| TransactionResponse
	| ErrorResponse
	| NotJsonResponse
	| UnexpectedShapeResponse;

export function isPaymentResponse(response: CyberSourceResponse): response is PaymentResponse {
	return response.kind === 'payment';
}

export function isReversalResponse(response: CyberSourceResponse): response is ReversalResponse {
	return response.kind === 'reversal';
}

export function isTransactionResponse(response: CyberSourceResponse): response is TransactionResponse {
	return response.kind === 'transaction';
}

export function isErrorResponse(response: CyberSourceResponse): response is ErrorResponse {
	return response.kind === 'error';
}

export function isNotJsonResponse(response: CyberSourceResponse): response is NotJsonResponse {
	return response.kind === 'not-json';
}

// ---- generic guards -------------------------------------------------------------------------

type JsonObject = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(object: JsonObject | undefined, key: string): JsonObject | undefined {
	const value = object?.[key];
	return isJsonObject(value) ? value : undefined;
}

/** A string field; numbers are accepted as their text (TSS sends some codes either way). */
function textAt(object: JsonObject | undefined, key: string): string | undefined {
	const value = object?.[key];
	if (typeof value === 'string') return value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return undefined;
}

function objectsAt(object: JsonObject | undefined, key: string): JsonObject[] {
	const value = object?.[key];
	return Array.isArray(value) ? value.filter((item) => isJsonObject(item)) : [];
}

/** Drops undefined members so results compare and serialise cleanly. */
function compact<T extends Record<string, unknown>>(value: T): T {
	for (const key of Object.keys(value)) {
		if (value[key] === undefined) Reflect.deleteProperty(value, key);
	}

	return value;
}

/** One header's value; repeated headers are joined with ", " (RFC 9110). */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted || value === undefined) continue;
		return typeof value === 'string' ? value : value.join(', ');
	}

	return undefined;
}

/** Cuts a body to `rawTextLimit` characters, saying whether it did. */
export function truncateRawText(text: string): {rawText: string; truncated: boolean} {
	return text.length > rawTextLimit
		? {rawText: text.slice(0, rawTextLimit), truncated: true}
		: {rawText: text, truncated: false};
}

type ParsedBody = {readonly json: true; readonly value: unknown} | {readonly json: false};

export function parseJsonBody(text: string): ParsedBody {
	if (text.trim() === '') return {json: false};
	try {
		const value: unknown = JSON.parse(text);
		return {json: true, value};
	} catch {
		return {json: false};
	}
}

// ---- field readers --------------------------------------------------------------------------

function readLink(links: JsonObject | undefined, name: string): Link | undefined {
	const link = objectAt(links, name);
	const href = textAt(link, 'href');
	if (href === undefined) return undefined;
	return compact({href, method: textAt(link, 'method')});
}

function readDetails(object: JsonObject | undefined): FieldDetail[] {
	return objectsAt(object, 'details').map((detail) =>
		compact({field: textAt(detail, 'field'), reason: textAt(detail, 'reason')}),
	);
}

function readErrorInformation(object: JsonObject | undefined): ErrorInformation | undefined {
	const info = objectAt(object, 'errorInformation');
	if (info === undefined) return undefined;
	return compact({
		reason: textAt(info, 'reason')?.trim(),
		message: textAt(info, 'message'),
		details: readDetails(info),
	});
}

function readProcessorInformation(object: JsonObject): ProcessorInformation | undefined {
	const info = objectAt(object, 'processorInformation');
	if (info === undefined) return undefined;
	return compact({
		approvalCode: textAt(info, 'approvalCode'),
		responseCode: textAt(info, 'responseCode'),
		transactionId: textAt(info, 'transactionId'),
		networkTransactionId: textAt(info, 'networkTransactionId'),
		avsCode: textAt(objectAt(info, 'avs'), 'code'),
	});
}

function readAmountDetails(object: JsonObject): AmountDetails | undefined {
	const details = objectAt(objectAt(object, 'orderInformation'), 'amountDetails');
	if (details === undefined) return undefined;
	return compact({
		totalAmount: textAt(details, 'totalAmount'),
		authorizedAmount: textAt(details, 'authorizedAmount'),
		currency: textAt(details, 'currency'),
	});
}

/** Reads a 201 payment body; undefined when `id` or `status` is missing. */
export function readPaymentCreated(value: unknown): PaymentCreated | undefined {
	if (!isJsonObject(value)) return undefined;
	const id = textAt(value, 'id');
	const status = textAt(value, 'status');
	if (id === undefined || status === undefined) return undefined;
	const links = objectAt(value, '_links');
	return compact({
		id,
		status,
		submitTimeUtc: textAt(value, 'submitTimeUtc'),
		reconciliationId: textAt(value, 'reconciliationId'),
		clientReferenceCode: textAt(objectAt(value, 'clientReferenceInformation'), 'code'),
		errorInformation: readErrorInformation(value),
		processorInformation: readProcessorInformation(value),
		amountDetails: readAmountDetails(value),
		reversalLink: readLink(links, 'authReversal') ?? readLink(links, 'reversal'),
		selfLink: readLink(links, 'self'),
		captureLink: readLink(links, 'capture'),
	});
}

/** Reads a 201 reversal body; undefined when `id` or `status` is missing. */
export function readReversalCreated(value: unknown): ReversalCreated | undefined {
	if (!isJsonObject(value)) return undefined;
	const id = textAt(value, 'id');
	const status = textAt(value, 'status');
	if (id === undefined || status === undefined) return undefined;
	const amounts = objectAt(value, 'reversalAmountDetails');
	return compact({
		id,
		status,
		submitTimeUtc: textAt(value, 'submitTimeUtc'),
		reconciliationId: textAt(value, 'reconciliationId'),
		reversedAmount: textAt(amounts, 'reversedAmount'),
		originalTransactionAmount: textAt(amounts, 'originalTransactionAmount'),
		currency: textAt(amounts, 'currency'),
		processorInformation: readProcessorInformation(value),
		errorInformation: readErrorInformation(value),
	});
}

/** Reads a TSS 200 transaction body; undefined when `id` is missing. */
export function readTransactionDetails(value: unknown): TransactionDetails | undefined {
	if (!isJsonObject(value)) return undefined;
	const id = textAt(value, 'id');
	if (id === undefined) return undefined;
	const application = objectAt(value, 'applicationInformation');
	return compact({
		id,
		submitTimeUtc: textAt(value, 'submitTimeUTC') ?? textAt(value, 'submitTimeUtc'),
		status: textAt(value, 'status'),
		merchantId: textAt(value, 'merchantId'),
		reconciliationId: textAt(value, 'reconciliationId'),
		clientReferenceCode: textAt(objectAt(value, 'clientReferenceInformation'), 'code'),
		applicationStatus: textAt(application, 'status'),
		applicationReasonCode: textAt(application, 'reasonCode'),
		applications: objectsAt(application, 'applications').map((app) =>
			compact({
				name: textAt(app, 'name'),
				status: textAt(app, 'status'),
				reasonCode: textAt(app, 'reasonCode'),
				rCode: textAt(app, 'rCode'),
				rFlag: textAt(app, 'rFlag'),
				rMessage: textAt(app, 'rMessage'),
			}),
		),
		amountDetails: readAmountDetails(value),
	});
}

function readRmsg(response: JsonObject | undefined): string | JsonObject | undefined {
	const rmsg = response?.['rmsg'];
	if (isJsonObject(rmsg)) return rmsg;
	if (typeof rmsg !== 'string') return undefined;
	// Other products put escaped JSON in rmsg (PROTOCOL §6.2, boarding example).
	if (rmsg.trimStart().startsWith('{')) {
		const parsed = parseJsonBody(rmsg);
		if (parsed.json && isJsonObject(parsed.value)) return parsed.value;
	}

	return rmsg;
}

/** Reads any documented error shape; always succeeds (unknown fields are left out). */
export function readErrorBody(value: unknown): ErrorBody {
	const object = isJsonObject(value) ? value : undefined;
	const errorInformation = readErrorInformation(object);
	const firstError = objectsAt(object, 'errors')[0];
	const reason = textAt(object, 'reason')?.trim() ?? errorInformation?.reason ?? textAt(firstError, 'type');
	const message = textAt(object, 'message') ?? errorInformation?.message ?? textAt(firstError, 'message');
	const details = readDetails(object);
	return compact({
		status: textAt(object, 'status'),
		reason,
		message,
		details: details.length > 0 ? details : (errorInformation?.details ?? []),
		submitTimeUtc: textAt(object, 'submitTimeUtc'),
		rmsg: readRmsg(objectAt(object, 'response')),
	});
}

/** rmsg as one line of text: the string itself, or the object's error/message fields. */
export function rmsgText(rmsg: string | JsonObject | undefined): string | undefined {
	if (rmsg === undefined || typeof rmsg === 'string') return rmsg;
	const parts = ['error', 'reason', 'message', 'error_description', 'description']
		.map((key) => textAt(rmsg, key))
		.filter((part) => part !== undefined && part !== '');
	return parts.length > 0 ? [...new Set(parts)].join(': ') : JSON.stringify(rmsg);
}

/** The server's own words for an error body, for the user and support: rmsg, then reason/message. */
export function errorText(error: ErrorBody): string | undefined {
	const rmsg = rmsgText(error.rmsg);
	if (rmsg !== undefined) return rmsg;
	const head = [error.reason, error.message].filter((part) => part !== undefined && part !== '').join(': ');
	const fields = error.details
		.map((detail) => [detail.field, detail.reason].filter((part) => part !== undefined).join(' '))
		.filter((text) => text !== '');
	if (fields.length > 0) return head === '' ? fields.join(', ') : `${head} (${fields.join(', ')})`;
	return head === '' ? undefined : head;
}

// ---- validators -----------------------------------------------------------------------------

export type RawResponse = {
	readonly httpStatus: number;
	readonly headers: ResponseHeaders;
	readonly bodyText: string;
};

/** Which endpoint answered: decides what a success body must look like. */
export type ResponseEndpoint = 'payment' | 'reversal' | 'transaction';

function commonOf(raw: RawResponse): ResponseCommon {
	return compact({
		httpStatus: raw.httpStatus,
		correlationId: headerValue(raw.headers, 'v-c-correlation-id'),
		date: headerValue(raw.headers, 'date'),
		contentType: headerValue(raw.headers, 'content-type'),
	});
}

function successOf(
	endpoint: ResponseEndpoint,
	common: ResponseCommon,
	value: unknown,
): PaymentResponse | ReversalResponse | TransactionResponse | undefined {
	switch (endpoint) {
		case 'payment': {
			const payment = readPaymentCreated(value);
			return payment === undefined ? undefined : {...common, kind: 'payment', payment};
		}

		case 'reversal': {
			const reversal = readReversalCreated(value);
			return reversal === undefined ? undefined : {...common, kind: 'reversal', reversal};
		}

		case 'transaction': {
			const transaction = readTransactionDetails(value);
			return transaction === undefined ? undefined : {...common, kind: 'transaction', transaction};
		}
	}
}

const successStatus: Record<ResponseEndpoint, number> = {payment: 201, reversal: 201, transaction: 200};

const expectedShape: Record<ResponseEndpoint, string> = {
	payment: 'a payment with "id" and "status"',
	reversal: 'a reversal with "id" and "status"',
	transaction: 'a transaction with "id"',
};

/** Turns one HTTP answer into a validated, typed response. Never throws. */
export function validateResponse(endpoint: ResponseEndpoint, raw: RawResponse): CyberSourceResponse {
	const common = commonOf(raw);
	const parsed = parseJsonBody(raw.bodyText);
	if (!parsed.json) return {...common, kind: 'not-json', ...truncateRawText(raw.bodyText)};
	if (raw.httpStatus === successStatus[endpoint]) {
		return (
			successOf(endpoint, common, parsed.value) ?? {
				...common,
				kind: 'unexpected-shape',
				problem: `HTTP ${raw.httpStatus} without ${expectedShape[endpoint]}`,
				...truncateRawText(raw.bodyText),
			}
		);
	}

	if (raw.httpStatus >= 200 && raw.httpStatus < 300) {
		return {
			...common,
			kind: 'unexpected-shape',
			problem: `HTTP ${raw.httpStatus} where ${successStatus[endpoint]} was expected`,
			...truncateRawText(raw.bodyText),
		};
	}

	return {...common, kind: 'error', error: readErrorBody(parsed.value)};
}
