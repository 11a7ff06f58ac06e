#!/usr/bin/env node
import { banner, parseCliArgs, USAGE } from './cli';
import { startMockLivepush } from './server';

const command = parseCliArgs(process.argv.slice(2));
if (command.kind === 'help') {
  process.stdout.write(USAGE);
} else if (command.kind === 'error') {
  process.stderr.write(`livepush-mock-server: ${command.message}\n\n${USAGE}`);
  process.exitCode = 2;
} else {
  const options = { ...command.options, logger: (line: string) => process.stdout.write(`${line}\n`) };
  try {
    const mock = await startMockLivepush(options);
    process.stdout.write(banner(mock, command.options));
    const stop = (signal: NodeJS.Signals) => {
      process.stdout.write(`\n${signal} received, stopping.\n`);
      // The process then exits on its own: close() leaves no socket or timer behind.
      mock.close().catch((error: unknown) => {
        process.stderr.write(`livepush-mock-server: ${String(error)}\n`);
        process.exitCode = 1;
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    process.stderr.write(
      `livepush-mock-server: cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
