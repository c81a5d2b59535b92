import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A subcommand's arguments: its options (strict) and exactly `positionals` positional arguments. A mistake throws the
 * caller's usage error (`usage(message)`), so each CLI keeps its own exit code for usage errors.
 */
export function parseCommandArgs(args: string[], options: NonNullable<ParseArgsConfig['options']>, positionals: number, what: string, usage: (message: string) => Error) {
  let r;
  try {
    r = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw usage((e as Error).message);
  }
  if (r.positionals.length !== positionals) throw usage(what);
  return r;
}
