/** `--help` text. Plain strings only: printing help must never load Ink, undici or jose. */

export const mainHelp = `cybs-key-wizard: create a CyberSource REST Shared Secret key pair and prove it works.

Usage
  cybs-key-wizard [options]                  start the interactive wizard (needs a terminal)
  cybs-key-wizard check [options]            test a key pair without prompts (scripts, CI)
  cybs-key-wizard sign [options]             show what a correct client signs and sends
  cybs-key-wizard simulator [options]        run the offline CyberSource simulator
  cybs-key-wizard simulator keygen [options] create a key pair in the simulator
  cybs-key-wizard profiles [list|show NAME|delete NAME]
                                             saved profiles (never shows a secret)

Wizard options
  --plain              no spinners, colours or box drawing; one line per event (also TERM=dumb)
  --redact-ids         mask the organization ID and key ID on screen (screen sharing;
                       press i in the wizard to hide or show them)
  --debug FILE         append every HTTP request and response to FILE (mode 0600;
                       Signature, Authorization and the secret redacted)
  --lookup-timeout SECONDS
                       after a payment, wait up to this long for it to show in the transaction
                       search (default 60; 0 skips; s skips while waiting)

Global options
  -h, --help           show help (also: cybs-key-wizard <command> --help)
  -v, --version        print the version

Environment
  CYBERSOURCE_MERCHANT_ID, CYBERSOURCE_KEY_ID, CYBERSOURCE_SHARED_SECRET
                       inputs for check and sign (a flag wins over the variable)
  CYBS_KEY_WIZARD_CONFIG_DIR
                       where profiles are kept (default: conf's directory, XDG_CONFIG_HOME honoured)
  HTTPS_PROXY, HTTP_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS
                       proxy and extra CA certificates for reaching CyberSource
  NO_COLOR             no colours

Exit codes
  0 the key pair works   1 it does not   2 usage or input error   3 no verdict   130 interrupted
`;

export const checkHelp = `cybs-key-wizard check: test a key pair without prompts and print a verdict.

Usage
  cybs-key-wizard check --org-id ID --key-id UUID --secret-file PATH [options]
  cybs-key-wizard check --profile NAME [options]

Inputs (a flag wins over the environment variable, which wins over the profile)
  --org-id ID            organization (transacting merchant) ID   [CYBERSOURCE_MERCHANT_ID]
  --key-id UUID          REST Shared Secret key ID               [CYBERSOURCE_KEY_ID]
  --secret-file PATH     file holding the shared secret; - reads stdin
                                                                 [CYBERSOURCE_SHARED_SECRET]
  --key-file PATH        the key file downloaded from Business Center (key ID and secret)
  --profile NAME         fill inputs from a saved profile (see cybs-key-wizard profiles)
  --meta-key             the key is a meta key; needs --portfolio-id
  --portfolio-id ID      portfolio (or account) ID that owns the meta key
  There is no flag that takes the secret itself: it would show in the process list.

Where and how
  --env ENV              test (default), production, india, simulator (built-in, offline)
                         production and india send only the no-charge probe unless --charge
  --base-url URL         send requests here instead (https, or http on loopback)
  --auth METHOD          http-signature, jwt or both (default both)
  --timeout SECONDS      per request (default: 10 to connect, 60 for the answer)
  --charge               production only: send ONE real 1.00 authorization (the other method
                         uses the no-charge probe), reversed automatically right after; a failed
                         reversal is reported with the request ID and how to void it (exit 1)
  --card-file PATH       with --charge: the real card to authorize (without it the sample test
                         card is sent, which a real processor declines). JSON {"number",
                         "expirationMonth", "expirationYear", "securityCode"} or lines
                         "number: ...", "expiry: MM/YYYY" (or MM/YY), "cvv: ..." (CVV optional);
                         checked (13-19 digits, Luhn, expiry, 3-4 digit CVV) before anything is
                         sent; only the last 4 digits are ever shown, never the CVV
  --lookup-timeout SECONDS
                         after a 201, wait up to this long for the payment to show in the
                         transaction search, as in Business Center (default 60; 0 skips);
                         asks after 5, 10, 20, 30 s ... (simulated time with --env simulator)
  --no-lookup            skip that wait; the manual Business Center steps are printed instead
  --counterpart-base-url URL
                         where the 401 diagnosis sends its environment-swap probe (the other
                         side of test/production), for a proxy or a second simulator; without
                         it the probe is skipped with --base-url or --env simulator

After a 401 check runs no-charge probes (credential checks, clock, environment swap, control with
the published sample credentials in test, GET against POST, meta key) and ranks the likely causes.

Output
  --json                 exactly one JSON object on stdout (progress and notices on stderr)
  --save NAME            save a profile after a successful test (never the secret)
  --save-secret          also store the secret in that profile (file mode 0600, directory 0700)
  --redact-ids           mask the organization ID and key ID in all output (screen sharing);
                         request and correlation IDs stay visible

Files (mode 0600; none holds the secret, a whole Signature value or a whole JWT)
  --report FILE          after the test (pass, fail or no verdict) write the support report:
                         FILE.md and FILE.json (FILE.md -> FILE.json; FILE.txt -> FILE.txt.json);
                         attach both to a Business Center support case
  --force                replace existing --report files (otherwise: exit 2, nothing sent)
  --debug FILE           append every HTTP request and response, Signature, Authorization
                         and the secret redacted
  --export DIR           after a passing test, write the CyberSource SDK configuration for the
                         method that worked (Node, Python, Java, .env); existing files are kept;
                         the secret is read from CYBERSOURCE_SHARED_SECRET, never written

Exit codes
  0 the key pair works (a not-yet-searchable payment still counts)
  1 it does not (401, payment refused), or the automatic reversal failed (void it by hand)
  2 usage or input error (nothing sent)
  3 no verdict (network, TLS, timeout, 5xx; a payment that timed out may have gone through)
  130 interrupted
`;

export const signHelp = `cybs-key-wizard sign: show exactly what a correct client signs and sends.

Usage
  cybs-key-wizard sign --org-id ID --key-id UUID --secret-file PATH [options]

Options
  --auth METHOD          http-signature (default) or jwt
  --method METHOD        GET, POST, PUT, PATCH or DELETE (default POST)
  --host HOST            API host as sent in the Host header (default apitest.cybersource.com)
  --path PATH            path with query, exactly as sent (default /pts/v2/payments)
  --body-file PATH       exact body bytes; - reads stdin (POST, PUT, PATCH;
                         without it an empty body is signed)
  --date DATE            HTTP Signature date (default now),
                         e.g. "Mon, 05 Jan 2026 09:07:03 GMT"
  --iat SECONDS          JWT issued-at, epoch seconds (default now)
  --jti ID               JWT id (default a random UUID)
  --org-id ID            organization (transacting merchant) ID   [CYBERSOURCE_MERCHANT_ID]
  --key-id UUID          key ID                                  [CYBERSOURCE_KEY_ID]
  --secret-file PATH     shared secret file (or the Business Center key file); - reads stdin
                                                                 [CYBERSOURCE_SHARED_SECRET]
  --portfolio-id ID      meta key: the portfolio ID (signed v-c-merchant-id; JWT iss)
  --json                 print JSON: {signingString, headers} or {header, claims, token, headers}

Never prints the secret (only masked). Bad input: one line "Error [CODE]: ..." on stderr, exit 2.
`;

export const simulatorHelp = `cybs-key-wizard simulator: an offline CyberSource REST simulator on loopback.

Usage
  cybs-key-wizard simulator [options]
  cybs-key-wizard simulator keygen --org-id ID [options]

Server options
  --port N               port (default 0: any free port)
  --host ADDRESS         bind address (default 127.0.0.1; another address is reachable from other machines)
  --env ENV              test (default) or production; keys work only in their own environment
  --keys FILE            keys file (JSON); keys added to it are picked up without a restart
                         (default: simulator-keys.json in the config directory)
  --search-delay SECONDS seconds until a payment is searchable (default 3)
  --clock-skew SECONDS   shift the simulator's clock (negative: behind)
  --max-skew SECONDS     refuse a Date or iat further than this from the clock (default 300)
  --explain              print what happened to each request and exactly why one was refused
                         (never a secret)
  --fault FAULT          delay, 502, html, reset or hang (for testing clients; repeatable)
  --fault-delay SECONDS  delay for --fault delay (default 5)

keygen options
  --org-id ID            the organization (merchant) the key belongs to
  --env ENV              test (default) or production
  --meta-key --portfolio-id ID
                         create a meta key owned by a portfolio; with --org-id it may act
                         only for that merchant, without it for any
  --keys FILE            keys file to record it in (default as above)
  --out FILE             where to write the key file (default ./cybersource-key-<first 8>.pem;
                         mode 0600; an existing file is never overwritten)

The test instance also accepts the published sample credentials (testrest, testrest_cpctv).
Ctrl+C or SIGTERM stops the server cleanly (exit code 0).
`;

export const profilesHelp = `cybs-key-wizard profiles: saved profiles.

Usage
  cybs-key-wizard profiles [list] [--json]      list profiles (never the secret; only whether one is stored)
  cybs-key-wizard profiles show NAME [--json]   show one profile
  cybs-key-wizard profiles delete NAME          delete one profile (unknown name: exit 2)

Profiles are saved by the wizard or by check --save NAME [--save-secret]; check --profile NAME uses one.
Location: config.json (mode 0600) in CYBS_KEY_WIZARD_CONFIG_DIR, else conf's directory
(~/.config/cybs-key-wizard-nodejs on Linux, XDG_CONFIG_HOME honoured). A corrupt file is moved
aside to config.json.corrupt-<time> (kept) and a fresh one started.
`;
