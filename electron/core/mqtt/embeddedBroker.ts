import { createServer, type AddressInfo, type Server } from 'node:net';
import { Aedes } from 'aedes';

export interface EmbeddedBroker {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * The default broker: aedes (MQTT 3.1.1) inside the console process, listening on loopback.
 * Devices on the command-room network need an explicit host, or an external broker.
 */
export async function startEmbeddedBroker(host = '127.0.0.1', port = 0): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const urlHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `mqtt://${urlHost}:${addr.port}`,
    port: addr.port,
    close: () =>
      new Promise<void>((resolve) => {
        // aedes closes its clients; the server then stops accepting.
        aedes.close(() => server.close(() => resolve()));
      }),
  };
}
