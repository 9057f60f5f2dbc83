import { parseArgs } from 'node:util';
import { ConfigError, configEnvNames, DataDirLockedError, loadConfig, startBosun } from '@bosun/server';

const usage = `Usage: bosun serve [options]

Starts every Bosun API on one port, on the embedded backend (SQLite + files).

Options:
  --port N            port to listen on (default 4566; env BOSUN_PORT)
  --host ADDR         address to bind (default 0.0.0.0; env BOSUN_HOST)
  --data-dir DIR      where data is kept (default ./.bosun; env BOSUN_DATA_DIR)
  --account-id ID     the AWS account id (default 000000000000; env BOSUN_ACCOUNT_ID)
  --region NAME       region for unsigned requests (default us-east-1; env BOSUN_DEFAULT_REGION)
  --log-level LEVEL   trace|debug|info|warn|error|fatal|silent (env BOSUN_LOG_LEVEL)
  --config FILE       JSON config file (env BOSUN_CONFIG)
  --print-config      print the resulting configuration and exit
`;

export async function serve(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        'account-id': { type: 'string' },
        region: { type: 'string' },
        'log-level': { type: 'string' },
        config: { type: 'string' },
        'print-config': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\nEnvironment variables: ${configEnvNames().join(', ')}\n`);
    return 0;
  }
  let config;
  try {
    config = loadConfig({
      file: values.config,
      overrides: {
        port: values.port === undefined ? undefined : Number(values.port),
        host: values.host,
        dataDir: values['data-dir'],
        accountId: values['account-id'],
        defaultRegion: values.region,
        logLevel: values['log-level'],
      },
    });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`bosun: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (values['print-config']) {
    process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
    return 0;
  }
  let bosun;
  try {
    bosun = await startBosun(config);
  } catch (e) {
    // Start-up problems a user can fix get one line, not a stack trace.
    const code = (e as NodeJS.ErrnoException).code;
    if (e instanceof DataDirLockedError) process.stderr.write(`bosun: ${e.message}\n`);
    else if (code === 'EADDRINUSE') process.stderr.write(`bosun: port ${config.port} on ${config.host} is already in use; choose another with --port\n`);
    else if (code === 'EACCES') process.stderr.write(`bosun: ${(e as Error).message}\n`);
    else throw e;
    return 1;
  }
  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        bosun.logger.warn({ signal }, 'second signal: exiting now');
        process.exit(130);
      }
      stopping = true;
      bosun.logger.info({ signal }, 'shutting down');
      bosun.close().then(
        () => resolve(0),
        (e: unknown) => {
          bosun.logger.error({ err: e }, 'shutdown failed');
          resolve(1);
        },
      );
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}
