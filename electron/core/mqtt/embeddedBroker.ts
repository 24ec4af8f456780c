import { createServer, type AddressInfo, type Server } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes } from 'aedes';
import { readPem } from '../config';
import type { BrokerGate } from './BrokerGate';
import type { EmbeddedListen } from './listenConfig';

export interface EmbeddedBroker {
  readonly url: string;
  readonly port: number;
  /** The TLS listener's URL, when there is one. */
  readonly tlsUrl: string | undefined;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** The URL the console itself connects to: loopback when the broker listens on every address. */
function urlOf(scheme: string, addr: AddressInfo): string {
  const host =
    addr.address === '0.0.0.0' ? '127.0.0.1' : addr.address === '::' ? '::1' : addr.address;
  return `${scheme}://${addr.family === 'IPv6' ? `[${host}]` : host}:${addr.port}`;
}

/**
 * The default broker: aedes (MQTT 3.1.1) inside the console process, on loopback unless told
 * otherwise, and optionally also on TLS. The gate decides who may connect, publish and subscribe.
 */
export async function startEmbeddedBroker(
  gate: BrokerGate,
  where: EmbeddedListen = { host: '127.0.0.1', port: 0 },
): Promise<EmbeddedBroker> {
  // Read the TLS files before anything listens, so a bad file is a clear start-up error.
  const tlsFiles = where.tls && {
    cert: readPem('--broker-tls-cert', where.tls.certFile),
    key: readPem('--broker-tls-key', where.tls.keyFile),
    ...(where.tls.caFile !== undefined ? { ca: readPem('--broker-tls-ca', where.tls.caFile) } : {}),
  };
  const aedes = await Aedes.createBroker({
    authenticate: gate.authenticate,
    authorizePublish: gate.authorizePublish,
    authorizeSubscribe: gate.authorizeSubscribe,
  });
  const servers: Server[] = [];
  try {
    const plain = createServer(aedes.handle);
    servers.push(plain);
    const addr = await listen(plain, where.port, where.host);
    let tlsUrl: string | undefined;
    if (where.tls && tlsFiles) {
      // A client certificate is asked for but not required: a device may log in with its secret.
      const secure = createTlsServer(
        { ...tlsFiles, requestCert: tlsFiles.ca !== undefined, rejectUnauthorized: false },
        aedes.handle,
      );
      servers.push(secure);
      tlsUrl = urlOf('mqtts', await listen(secure, where.tls.port, where.host));
    }
    return {
      url: urlOf('mqtt', addr),
      port: addr.port,
      tlsUrl,
      close: () =>
        new Promise<void>((resolve) => {
          // aedes closes its clients; the servers then stop accepting.
          aedes.close(() => {
            let open = servers.length;
            for (const s of servers) s.close(() => --open === 0 && resolve());
          });
        }),
    };
  } catch (err) {
    for (const s of servers) s.close();
    aedes.close();
    throw err;
  }
}
