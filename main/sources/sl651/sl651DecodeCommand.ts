import { decodeSl651 } from './decodeSl651';
import { formatSl651Frame } from './formatSl651Frame';

export const sl651DecodeUsage = `Usage:
  cityops sl651 decode HEX [--json]   decode an SL 651-2014 frame given as hex (spaces allowed; HEX/BCD 7E7E… or ASCII 01…)
  cityops sl651 decode - [--json]     read the hex from stdin`;

/**
 * `cityops sl651 decode HEX|- [--json]`. `args` are the words after `sl651` (a leading 'decode' is expected; it may
 * also be left out). Returns 0 on a decoded frame, 1 on a bad frame (reason and byte offset on `err`), 2 on usage errors.
 */
export async function runSl651Decode(
  args: string[],
  out: (s: string) => void,
  err: (s: string) => void,
  readStdin: () => Promise<string>,
): Promise<number> {
  const rest = args[0] === 'decode' ? args.slice(1) : args;
  let json = false;
  const positionals: string[] = [];
  for (const a of rest) {
    if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') {
      out(sl651DecodeUsage);
      return 0;
    } else if (a.startsWith('--') || (a.startsWith('-') && a !== '-')) {
      err(`sl651 decode: unknown option '${a}'`);
      err(sl651DecodeUsage);
      return 2;
    } else positionals.push(a);
  }
  if (positionals.length === 0) {
    err('sl651 decode: give the frame as hex, or - to read it from stdin');
    err(sl651DecodeUsage);
    return 2;
  }
  if (positionals.includes('-') && positionals.length > 1) {
    err("sl651 decode: '-' (stdin) cannot be combined with hex arguments");
    err(sl651DecodeUsage);
    return 2;
  }
  let text: string;
  if (positionals[0] === '-') {
    try {
      text = await readStdin();
    } catch (e) {
      err(`sl651 decode: cannot read stdin: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  } else text = positionals.join(' ');

  const result = decodeSl651(text);
  if (!result.ok) {
    err(`sl651 decode: bad frame: ${result.error.reason} (byte offset ${result.error.offset})`);
    return 1;
  }
  if (json) out(JSON.stringify(result.frame, null, 2));
  else for (const line of formatSl651Frame(result.frame)) out(line);
  return 0;
}
