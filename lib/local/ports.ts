import { connect, createServer } from 'node:net';

/** A port the OS says is free right now on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when something already listens on `port` on loopback (IPv4 or IPv6). */
export async function portInUse(port: number): Promise<boolean> {
  const results = await Promise.all([answers('127.0.0.1', port), answers('::1', port)]);
  return results.some(Boolean);
}

/**
 * Refuses to start next to another instance: a second DynamoDB Local on a taken port would exit
 * while its readiness check happily talked to the first one.
 */
export async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  const taken: string[] = [];
  for (const [name, port] of Object.entries(ports)) if (await portInUse(port)) taken.push(`${name} ${port}`);
  if (taken.length) {
    throw new Error(`Port(s) already in use: ${taken.join(', ')}. Is another local stack running? Choose other ports with the *_PORT variables.`);
  }
}
