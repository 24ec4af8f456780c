// Where the embedded broker listens: loopback on a free port by default (the console and its
// simulator only). Devices on the command room's network need a fixed address and port, and may
// use a TLS listener, where a device can log in with a client certificate instead of a secret.

export interface EmbeddedListen {
  readonly host: string;
  /** 0 = any free port. */
  readonly port: number;
  readonly tls?: {
    readonly port: number;
    /** The broker's own certificate and key (PEM files). */
    readonly certFile: string;
    readonly keyFile: string;
    /** CA that signs device client certificates (CN = deviceId); without it, passwords only. */
    readonly caFile?: string;
  };
}

export const LISTEN_OPTION_HELP = `
  --broker-host ADDR   embedded broker: address to listen on     (env MUSTER_BROKER_HOST, default
                       127.0.0.1; devices on the network need the command room's address)
  --broker-port N      embedded broker: port, 0 = any free port   (env MUSTER_BROKER_PORT, default 0)
  --broker-tls-port N  embedded broker: also a TLS listener here (env MUSTER_BROKER_TLS_PORT)
  --broker-tls-cert FILE / --broker-tls-key FILE  its PEM certificate and key
                                   (env MUSTER_BROKER_TLS_CERT / MUSTER_BROKER_TLS_KEY)
  --broker-tls-ca FILE PEM CA of device client certificates, CN = deviceId (env MUSTER_BROKER_TLS_CA)`;

export const LISTEN_ARG_OPTIONS = {
  'broker-host': { type: 'string' },
  'broker-port': { type: 'string' },
  'broker-tls-port': { type: 'string' },
  'broker-tls-cert': { type: 'string' },
  'broker-tls-key': { type: 'string' },
  'broker-tls-ca': { type: 'string' },
} as const;

function portOf(option: string, raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) {
    throw new Error(`${option} must be a port 0–65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}

/** The embedded broker's listeners from options (`get` reads an option or its variable). */
export function listenFrom(
  get: (option: keyof typeof LISTEN_ARG_OPTIONS, env: string) => string | undefined,
  external: boolean,
): EmbeddedListen {
  const given = (Object.keys(LISTEN_ARG_OPTIONS) as (keyof typeof LISTEN_ARG_OPTIONS)[]).filter(
    (o) => get(o, `MUSTER_${o.toUpperCase().replaceAll('-', '_')}`) !== undefined,
  );
  if (external && given.length > 0) {
    throw new Error(`--${given[0]} is for the embedded broker; it cannot be used with --broker`);
  }
  const host = get('broker-host', 'MUSTER_BROKER_HOST') ?? '127.0.0.1';
  const port = portOf('--broker-port', get('broker-port', 'MUSTER_BROKER_PORT') ?? '0');
  const tlsPort = get('broker-tls-port', 'MUSTER_BROKER_TLS_PORT');
  const certFile = get('broker-tls-cert', 'MUSTER_BROKER_TLS_CERT');
  const keyFile = get('broker-tls-key', 'MUSTER_BROKER_TLS_KEY');
  const caFile = get('broker-tls-ca', 'MUSTER_BROKER_TLS_CA');
  if (tlsPort === undefined) {
    if (certFile ?? keyFile ?? caFile) {
      throw new Error(
        '--broker-tls-cert, --broker-tls-key and --broker-tls-ca need --broker-tls-port',
      );
    }
    return { host, port };
  }
  if (certFile === undefined || keyFile === undefined) {
    throw new Error('--broker-tls-port needs --broker-tls-cert and --broker-tls-key');
  }
  return {
    host,
    port,
    tls: {
      port: portOf('--broker-tls-port', tlsPort),
      certFile,
      keyFile,
      ...(caFile !== undefined ? { caFile } : {}),
    },
  };
}
