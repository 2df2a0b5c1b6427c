/** Fault answers: what a proxy or a failing CyberSource would send instead of the real answer. */

/** An nginx-style 502 page: HTML, and no v-c-correlation-id, as a proxy or firewall answers. */
export const proxyErrorPage = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>corporate-proxy (simulated by cybs-key-wizard)</center>
</body>
</html>
`;

/** Names for the CLI's --fault flag and for explain lines. */
export const faultNames = ['delay', '502', 'html', 'reset', 'hang'] as const;
export type FaultName = (typeof faultNames)[number];

export function isFaultName(value: string): value is FaultName {
	return (faultNames as readonly string[]).includes(value);
}
