/**
 * Error messages for bad command lines that never echo a value: a stray argument may be a
 * pasted shared secret. Only something that is clearly an option name is quoted.
 */

/** The option name in `arg` (`--org-id`, `--org-id=…` → `--org-id`), or undefined when it is not one. */
export function optionNameOf(arg: string): string | undefined {
	return /^(-{1,2}[A-Za-z][\w-]{0,30})(?:=[\s\S]*)?$/.exec(arg)?.[1];
}

/**
 * `"value"` for a mistyped word such as `--env prod` (letters only, at most 15: shorter than any piece of a secret the
 * leak checks look for), else undefined;
 * anything else given as an option's value is not quoted (it may be the shared secret, or part of it).
 */
export function quotedWord(value: string): string | undefined {
	return /^[A-Za-z]{1,15}$/.test(value) ? `"${value}"` : undefined;
}

/** One sentence for a node:util parseArgs error, naming the option but never a value. */
export function describeParseError(error: unknown, command: string, seeHelp: string): string {
	const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
	const text = error instanceof Error ? error.message : '';
	const quoted = /'(-{1,2}[A-Za-z][\w-]{0,30})(?:[ =][^']*)?'/.exec(text)?.[1];
	switch (code) {
		case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
			return `Unknown option${quoted ? ` ${quoted}` : ''} for ${command}. ${seeHelp}`;
		}

		case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
			return `${command} takes only options (--name value); there is a stray argument. ${seeHelp}`;
		}

		case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
			if (text.includes('does not take an argument')) return `${quoted ?? 'An option'} takes no value. ${seeHelp}`;
			return `${quoted ?? 'An option'} needs a value. ${seeHelp}`;
		}

		default: {
			return `Invalid arguments for ${command}. ${seeHelp}`;
		}
	}
}
