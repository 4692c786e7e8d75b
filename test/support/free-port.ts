import { createServer } from 'node:net';

/**
 * A port free right now, chosen by the OS. Fixed ranges collide with ephemeral ports of other tests' sockets
 * (Linux hands those out from 32768–60999), so tests that start servers ask for one each time.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
