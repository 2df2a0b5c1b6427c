/** Authentication of one received request: HTTP Signature or JWT, exactly as CyberSource checks. */
import {refuse, type AuthContext, type AuthResult} from './auth-types.js';
import {headerValue, type ReceivedRequest} from './received-request.js';
import {verifyHttpSignature} from './verify-http-signature.js';
import {bearerToken, verifyJwt} from './verify-jwt.js';

/** Never throws; a refusal carries the precise reason for --explain. */
export async function authenticate(request: ReceivedRequest, context: AuthContext): Promise<AuthResult> {
	try {
		const authorization = headerValue(request, 'authorization');
		const signature = headerValue(request, 'signature');
		if (authorization !== undefined) {
			const token = bearerToken(authorization);
			if (token !== undefined) return await verifyJwt(request, token, context);
			if (signature === undefined) return refuse('the Authorization header is not "Bearer <JWT>"');
		}

		if (signature !== undefined) return await verifyHttpSignature(request, signature, context);
		return refuse('the request has neither a Signature header (HTTP Signature) nor an Authorization: Bearer header (JWT)');
	} catch (error: unknown) {
		return refuse(`the request could not be verified (${error instanceof Error ? error.name : 'error'})`);
	}
}
