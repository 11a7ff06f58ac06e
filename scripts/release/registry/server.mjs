// Runs Verdaccio in a child process (forked by ../registry.mjs) on 127.0.0.1 and a port the OS picks,
// so two runs never collide. Reports `{ port }` over IPC; exits when its parent goes away or stops it.
//
//   node server.mjs CONFIG.yaml   (with an IPC channel: child_process.fork)
import { runServer } from 'verdaccio';

const [configPath] = process.argv.slice(2);
if (!configPath || !process.send) {
  console.error('usage: fork("server.mjs", [CONFIG.yaml]) — needs an IPC channel');
  process.exit(2);
}

const server = await runServer(configPath);
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));

const stop = () => server.close(() => process.exit(0)).closeAllConnections();
// The parent closing the channel (it finished, crashed or was killed) stops the registry too.
process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
