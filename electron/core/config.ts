import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { homedir, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { OperatorRole } from '../../shared/domain/operators';
import {
  BASEMAP_SERVE_PATH,
  parseBasemapOption,
  type BasemapOption,
} from './basemap/basemapOption';
import {
  LISTEN_ARG_OPTIONS,
  LISTEN_OPTION_HELP,
  listenFrom,
  type EmbeddedListen,
} from './mqtt/listenConfig';

export interface CoreConfig {
  readonly dataDir: string;
  readonly resourcesDir: string;
  /** Where region packs live: the app's own (resources/regions) unless --regions-dir names another. */
  readonly regionsDir: string;
  readonly regionId: string;
  /** External broker URL; undefined starts the embedded aedes broker. */
  readonly brokerUrl: string | undefined;
  /** Where the embedded broker listens (unused with an external broker). */
  readonly brokerListen: EmbeddedListen;
  readonly brokerUsername: string | undefined;
  readonly brokerPassword: string | undefined;
  /** TLS: PEM files for the broker's CA, and the console's client certificate and key. */
  readonly brokerCaFile: string | undefined;
  readonly brokerCertFile: string | undefined;
  readonly brokerKeyFile: string | undefined;
  /** 4 = MQTT 3.1.1, 5 = MQTT 5, 'auto' = MQTT 5 falling back to 3.1.1 when the broker refuses it. */
  readonly mqttProtocol: 4 | 5 | 'auto';
  readonly clientId: string;
  /** Run the built-in device simulator (default: on with the embedded broker, off otherwise). */
  readonly simulate: boolean;
  readonly simRateHz: number;
  readonly tickMs: number;
  /** Full-rate telemetry is kept this long, then downsampled. */
  readonly retentionHours: number;
  /** After the retention window, one sample per unit per this many seconds is kept. */
  readonly downsampleSec: number;
  /**
   * Who `ConsoleCore.api` acts as: the in-process api of tests and harnesses, which no host serves.
   * Never set from the command line: people log in on the console's screen.
   */
  readonly operator: string;
  readonly role: OperatorRole;
  /** Electron host only: better_sqlite3.node built for Electron's ABI. */
  readonly sqliteNativeBinding: string | undefined;
  /** This workstation's basemap; undefined lets the region pack choose. */
  readonly basemap: BasemapOption | undefined;
  /** The host's URL for the PMTiles file it serves (differs between the HTTP and Electron hosts). */
  readonly basemapPmtilesUrl: string;
  /**
   * When QoS 1 messages are acknowledged to the broker: 'commit' (always, in the console: a crash
   * cannot lose what the broker counts as delivered); 'receipt' only for bench:ingest's baseline.
   */
  readonly ackQos1?: 'commit' | 'receipt';
}

export const CORE_OPTION_HELP = `
  --data-dir DIR       where the console keeps its database     (env MUSTER_DATA_DIR, default ~/.muster)
  --region ID          region pack id                             (env MUSTER_REGION, default kaihua)
  --regions-dir DIR    where region packs live, outside the app  (env MUSTER_REGIONS_DIR,
                       default: the app's resources/regions)
  --broker URL         external MQTT broker, e.g. mqtt://host:1883 (env MUSTER_BROKER_URL;
                       default: embedded broker on loopback)
  --broker-user NAME   broker username                            (env MUSTER_BROKER_USER)
  --broker-password PW broker password                            (env MUSTER_BROKER_PASSWORD)
  --broker-ca FILE     PEM CA bundle to verify the broker (mqtts/wss) (env MUSTER_BROKER_CA)
  --broker-cert FILE   PEM client certificate                     (env MUSTER_BROKER_CERT)
  --broker-key FILE    PEM client key                             (env MUSTER_BROKER_KEY)
${LISTEN_OPTION_HELP.slice(1)}
  --mqtt-version V     MQTT protocol: 4 = 3.1.1, 5 = MQTT 5, auto = 5 falling back to 3.1.1
                                                                  (env MUSTER_MQTT_VERSION, default auto)
  --sim / --no-sim     run the built-in unit simulator            (env MUSTER_SIM=1|0)
  --sim-rate HZ        simulated reports per unit per second      (env MUSTER_SIM_RATE, default 1)
  --tick-ms MS         telemetry coalescing tick, 50–1000         (env MUSTER_TICK_MS, default 200)
  --retention-hours H  keep full-rate telemetry this long, 1–720  (env MUSTER_RETENTION_HOURS, default 24)
  --downsample-s S     then keep one sample per unit per S s, 1–3600 (env MUSTER_DOWNSAMPLE_S, default 30)
  --operator, --role   retired: they grant nothing; operators log in on the console
                       (enrol them with npm run operators)
  --basemap B          region | pmtiles:FILE.pmtiles | raster:URL-TEMPLATE ({z} {x} {y} or {-y})
                                                                  (env MUSTER_BASEMAP; default: the region pack's)
  --basemap-attribution TEXT  credit shown for that basemap     (env MUSTER_BASEMAP_ATTRIBUTION)`;

export const CORE_ARG_OPTIONS = {
  'data-dir': { type: 'string' },
  region: { type: 'string' },
  'regions-dir': { type: 'string' },
  broker: { type: 'string' },
  'broker-user': { type: 'string' },
  'broker-password': { type: 'string' },
  'broker-ca': { type: 'string' },
  'broker-cert': { type: 'string' },
  'broker-key': { type: 'string' },
  ...LISTEN_ARG_OPTIONS,
  'retention-hours': { type: 'string' },
  'downsample-s': { type: 'string' },
  'mqtt-version': { type: 'string' },
  sim: { type: 'boolean' },
  'no-sim': { type: 'boolean' },
  'sim-rate': { type: 'string' },
  'tick-ms': { type: 'string' },
  operator: { type: 'string' },
  role: { type: 'string' },
  basemap: { type: 'string' },
  'basemap-attribution': { type: 'string' },
} as const;

type Env = Readonly<Record<string, string | undefined>>;

/** An empty environment variable counts as unset, for every option alike. */
export function envValue(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

function numberOption(
  name: string,
  raw: string | undefined,
  def: number,
  min: number,
  max: number,
): number {
  if (raw === undefined || raw === '') return def;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) {
    throw new Error(`${name} must be a number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return v;
}

/**
 * The broker keeps the console's persistent session under this id, so it must be stable across
 * restarts, yet two consoles on one broker (a workstation and a wall PC) must not share it: a
 * shared id makes the broker drop one client each time the other connects.
 */
export function defaultClientId(region: string, dataDir: string): string {
  const install = createHash('sha256').update(`${hostname()}\0${dataDir}`).digest('hex');
  return `muster-console-${region}-${install.slice(0, 10)}`;
}

/** Builds the core configuration from command-line values and environment; throws a clear error. */
export function coreConfigFrom(
  values: Readonly<Record<string, string | boolean | undefined>>,
  env: Env,
  defaults: {
    resourcesDir: string;
    dataDir?: string;
    sqliteNativeBinding?: string;
    basemapPmtilesUrl?: string;
  },
): CoreConfig {
  const str = (k: string): string | undefined => {
    const v = values[k];
    return typeof v === 'string' ? v : undefined;
  };
  const brokerUrl = str('broker') ?? envValue(env, 'MUSTER_BROKER_URL');
  if (brokerUrl !== undefined && !/^(mqtts?|wss?):\/\/[^\s]+$/.test(brokerUrl)) {
    throw new Error(
      `--broker must be an mqtt://, mqtts://, ws:// or wss:// URL, got ${JSON.stringify(brokerUrl)}`,
    );
  }
  const protoRaw = str('mqtt-version') ?? envValue(env, 'MUSTER_MQTT_VERSION') ?? 'auto';
  if (protoRaw !== '4' && protoRaw !== '5' && protoRaw !== 'auto') {
    throw new Error(
      `--mqtt-version must be auto, 4 (MQTT 3.1.1) or 5, got ${JSON.stringify(protoRaw)}`,
    );
  }
  const simEnv = envValue(env, 'MUSTER_SIM');
  const simulate =
    values['no-sim'] === true
      ? false
      : values.sim === true
        ? true
        : simEnv !== undefined
          ? simEnv === '1' || simEnv === 'true'
          : brokerUrl === undefined;
  const region = str('region') ?? envValue(env, 'MUSTER_REGION') ?? 'kaihua';
  if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(region)) {
    throw new Error(
      `--region must be a region pack id (lowercase letters, digits, - or _), got ${JSON.stringify(region)}`,
    );
  }
  const dataDir = resolve(
    str('data-dir') ??
      envValue(env, 'MUSTER_DATA_DIR') ??
      defaults.dataDir ??
      join(homedir(), '.muster'),
  );
  return {
    dataDir,
    resourcesDir: defaults.resourcesDir,
    regionsDir: resolve(
      str('regions-dir') ??
        envValue(env, 'MUSTER_REGIONS_DIR') ??
        join(defaults.resourcesDir, 'regions'),
    ),
    regionId: region,
    brokerUrl,
    brokerListen: listenFrom((o, e) => str(o) ?? envValue(env, e), brokerUrl !== undefined),
    brokerUsername: str('broker-user') ?? envValue(env, 'MUSTER_BROKER_USER'),
    brokerPassword: str('broker-password') ?? envValue(env, 'MUSTER_BROKER_PASSWORD'),
    brokerCaFile: str('broker-ca') ?? envValue(env, 'MUSTER_BROKER_CA'),
    brokerCertFile: str('broker-cert') ?? envValue(env, 'MUSTER_BROKER_CERT'),
    brokerKeyFile: str('broker-key') ?? envValue(env, 'MUSTER_BROKER_KEY'),
    mqttProtocol: protoRaw === 'auto' ? 'auto' : protoRaw === '5' ? 5 : 4,
    clientId: envValue(env, 'MUSTER_CLIENT_ID') ?? defaultClientId(region, dataDir),
    simulate,
    simRateHz: numberOption(
      '--sim-rate',
      str('sim-rate') ?? envValue(env, 'MUSTER_SIM_RATE'),
      1,
      0.1,
      20,
    ),
    tickMs: numberOption(
      '--tick-ms',
      str('tick-ms') ?? envValue(env, 'MUSTER_TICK_MS'),
      200,
      50,
      1000,
    ),
    retentionHours: numberOption(
      '--retention-hours',
      str('retention-hours') ?? envValue(env, 'MUSTER_RETENTION_HOURS'),
      24,
      1,
      720,
    ),
    downsampleSec: numberOption(
      '--downsample-s',
      str('downsample-s') ?? envValue(env, 'MUSTER_DOWNSAMPLE_S'),
      30,
      1,
      3600,
    ),
    ...noStartupIdentity(
      str('operator') ?? envValue(env, 'MUSTER_OPERATOR'),
      str('role') ?? envValue(env, 'MUSTER_ROLE'),
    ),
    sqliteNativeBinding: defaults.sqliteNativeBinding,
    basemap: parseBasemapOption(
      str('basemap') ?? envValue(env, 'MUSTER_BASEMAP'),
      str('basemap-attribution') ?? envValue(env, 'MUSTER_BASEMAP_ATTRIBUTION'),
    ),
    basemapPmtilesUrl: defaults.basemapPmtilesUrl ?? BASEMAP_SERVE_PATH,
  };
}

/**
 * `--operator` and `--role` once named who the console acted for; they grant nothing now, and a
 * deployment still passing them is told so instead of quietly running as someone else.
 */
function noStartupIdentity(
  operator: string | undefined,
  role: string | undefined,
): { operator: string; role: OperatorRole } {
  if (operator !== undefined || role !== undefined) {
    throw new Error(
      '--operator/--role (MUSTER_OPERATOR/MUSTER_ROLE) are gone: operators log in on the console; enrol them with npm run operators',
    );
  }
  return { operator: 'console', role: 'commander' };
}

export interface BrokerTlsPem {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
}

/** A PEM file's text; an unreadable or non-PEM file is an error naming the option and the file. */
export function readPem(option: string, file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(`${option}: cannot read ${JSON.stringify(file)}: ${why}`);
  }
  if (!text.includes('-----BEGIN ')) {
    throw new Error(`${option}: ${JSON.stringify(file)} is not a PEM file`);
  }
  return text;
}

/**
 * Reads the broker TLS PEM files named in the configuration, once, at start. An unreadable or
 * non-PEM file is an error naming the option and the file, not a TLS failure later.
 */
export function readBrokerTls(config: CoreConfig): BrokerTlsPem | undefined {
  const read = (option: string, file: string | undefined): string | undefined =>
    file === undefined ? undefined : readPem(option, file);
  const ca = read('--broker-ca', config.brokerCaFile);
  const cert = read('--broker-cert', config.brokerCertFile);
  const key = read('--broker-key', config.brokerKeyFile);
  if ((cert === undefined) !== (key === undefined)) {
    throw new Error('--broker-cert and --broker-key must be given together');
  }
  if (ca === undefined && cert === undefined) return undefined;
  return {
    ...(ca !== undefined ? { ca } : {}),
    ...(cert !== undefined ? { cert } : {}),
    ...(key !== undefined ? { key } : {}),
  };
}

/**
 * Parses argv (without node and script) for the core options plus host-specific ones. Electron
 * passes Chromium switches of its own, so it parses non-strictly.
 */
export function parseCommandLine<T extends Record<string, { type: 'string' | 'boolean' }>>(
  argv: readonly string[],
  hostOptions: T,
  strict = true,
) {
  return parseArgs({
    args: [...argv],
    options: { ...CORE_ARG_OPTIONS, ...hostOptions, help: { type: 'boolean' } },
    strict,
    allowPositionals: false,
  }).values as Record<string, string | boolean | undefined>;
}
