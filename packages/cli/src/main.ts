#!/usr/bin/env node
import { serve } from './commands/serve.js';

const usage = `Usage: bosun <command> [options]

Commands:
  serve           start Bosun (all APIs on one port)
  pattern test    test an event pattern against an event
  events status   per rule and target: counters, pending deliveries, last delivery error
  logs tail       print (and with --follow, keep printing) a log group's events
  help            show this help
`;

type Command = (argv: string[]) => Promise<number>;

async function patternCommand(argv: string[]): Promise<number> {
  if (argv[0] !== 'test') {
    process.stderr.write('Usage: bosun pattern test --pattern FILE --event FILE\n');
    return 2;
  }
  const { patternTest } = await import('./commands/pattern-test.js');
  return patternTest(argv.slice(1));
}

async function eventsCommand(argv: string[]): Promise<number> {
  if (argv[0] !== 'status') {
    process.stderr.write('Usage: bosun events status [--endpoint-url URL] [--rule NAME] [--event-bus NAME] [--json]\n');
    return 2;
  }
  const { eventsStatus } = await import('./commands/events-status.js');
  return eventsStatus(argv.slice(1));
}

async function logsCommand(argv: string[]): Promise<number> {
  if (argv[0] !== 'tail') {
    process.stderr.write('Usage: bosun logs tail LOG_GROUP [--follow] [options]\n');
    return 2;
  }
  const { logsTail } = await import('./commands/logs-tail.js');
  return logsTail(argv.slice(1));
}

const commands: Record<string, Command> = {
  serve,
  pattern: patternCommand,
  events: eventsCommand,
  logs: logsCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`bosun: unknown command '${name}'\n\n${usage}`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`bosun: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
