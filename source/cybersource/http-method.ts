/** The methods the CyberSource SDKs sign (node@git HTTPSigToken.js l.44-46). */
export const httpMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof httpMethods)[number];

/** Methods that carry a body and therefore a `digest` (PROTOCOL §1.3). */
export function hasDigest(method: HttpMethod): boolean {
	return method === 'POST' || method === 'PUT' || method === 'PATCH';
}

/** Parses a method name in any case; undefined when it is not one CyberSource signs. */
export function parseHttpMethod(value: string): HttpMethod | undefined {
	const upper = value.trim().toUpperCase();
	return httpMethods.find((method) => method === upper);
}
