// `bosun pattern test --pattern FILE --event FILE`: does the event match the pattern, and if not,
// which field failed. Exit codes: 0 match, 1 no match, 2 invalid pattern or usage.
import { readFileSync } from 'node:fs';
import { explainMatch, PatternError, EventSyntaxError } from '@bosun/pattern';

const USAGE = 'usage: bosun pattern test --pattern FILE --event FILE';

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

export async function patternTest(argv: string[]): Promise<number> {
  const patternFile = option(argv, '--pattern');
  const eventFile = option(argv, '--event');
  if (!patternFile || !eventFile) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let pattern: string;
  let event: string;
  try {
    pattern = readFileSync(patternFile, 'utf8');
    event = readFileSync(eventFile, 'utf8');
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  try {
    const result = explainMatch(pattern, event);
    if (result.matches) {
      process.stdout.write('match\n');
      return 0;
    }
    process.stdout.write('no match\n');
    for (const f of result.failures) process.stdout.write(`  ${f.field}: ${f.reason}\n`);
    return 1;
  } catch (e) {
    if (e instanceof PatternError) {
      process.stderr.write(`InvalidEventPatternException: ${e.message}\n`);
      return 2;
    }
    if (e instanceof EventSyntaxError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
