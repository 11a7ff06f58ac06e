// Runs Verdaccio in a child process (forked by ../registry.mjs) on 127.0.0.1 and a port the OS picks,
// so two runs never collide. Reports `{ port }` over IPC; exits when its parent goes away or stops it.
//
//   node server.mjs CONFIG.yaml   (with an IPC channel: child_process.fork)
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { runServer } from 'verdaccio';

const [configPath] = process.argv.slice(2);
if (!configPath || !process.send) {
  console.error('usage: fork("server.mjs", [CONFIG.yaml]) — needs an IPC channel');
  process.exit(2);
}

const server = await runServer(configPath);
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));

const stop = (then = () => {}) => {
  server.close(() => {
    then();
    process.exit(0);
  });
  server.closeAllConnections();
};
// Stopped by its parent, which then deletes the registry's directory.
process.on('SIGTERM', () => stop());
process.on('SIGINT', () => stop());
// The channel closing without that means the parent died: stop and delete the directory here.
process.on('disconnect', () =>
  stop(() => rmSync(dirname(configPath), { recursive: true, force: true, maxRetries: 3 })),
);
