import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CORE_ARG_OPTIONS,
  CORE_OPTION_HELP,
  coreConfigFrom,
  defaultClientId,
  parseCommandLine,
} from '../../electron/core/config';

type Values = Parameters<typeof coreConfigFrom>[0];
type Env = Parameters<typeof coreConfigFrom>[1];
type Defaults = Parameters<typeof coreConfigFrom>[2];

const DEFAULTS: Defaults = { resourcesDir: '/opt/muster/resources', dataDir: '/var/lib/muster' };
const cfg = (values: Values = {}, env: Env = {}, defaults: Defaults = DEFAULTS) =>
  coreConfigFrom(values, env, defaults);

describe('the embedded broker listeners', () => {
  it('takes an address, a port and a TLS listener, from options or the environment', () => {
    expect(cfg({ 'broker-host': '0.0.0.0', 'broker-port': '1883' }).brokerListen).toEqual({
      host: '0.0.0.0',
      port: 1883,
    });
    const env = {
      MUSTER_BROKER_TLS_PORT: '8883',
      MUSTER_BROKER_TLS_CERT: '/etc/muster/broker.pem',
      MUSTER_BROKER_TLS_KEY: '/etc/muster/broker.key',
      MUSTER_BROKER_TLS_CA: '/etc/muster/devices-ca.pem',
    };
    expect(cfg({}, env).brokerListen).toEqual({
      host: '127.0.0.1',
      port: 0,
      tls: {
        port: 8883,
        certFile: '/etc/muster/broker.pem',
        keyFile: '/etc/muster/broker.key',
        caFile: '/etc/muster/devices-ca.pem',
      },
    });
  });

  it('refuses what cannot work, naming the option', () => {
    expect(() => cfg({ 'broker-port': '70000' })).toThrow(/--broker-port must be a port 0–65535/);
    expect(() => cfg({ 'broker-port': '-1' })).toThrow(/--broker-port/);
    expect(() => cfg({ 'broker-tls-port': '8883' })).toThrow(
      /--broker-tls-port needs --broker-tls-cert and --broker-tls-key/,
    );
    expect(() => cfg({ 'broker-tls-cert': '/x.pem' })).toThrow(/need --broker-tls-port/);
    expect(() => cfg({ broker: 'mqtt://county:1883', 'broker-port': '1883' })).toThrow(
      /--broker-port is for the embedded broker; it cannot be used with --broker/,
    );
  });
});

describe('coreConfigFrom defaults', () => {
  it('starts the embedded broker with the simulator on', () => {
    expect(cfg()).toStrictEqual({
      dataDir: '/var/lib/muster',
      resourcesDir: '/opt/muster/resources',
      regionsDir: '/opt/muster/resources/regions',
      regionId: 'kaihua',
      brokerUrl: undefined,
      brokerListen: { host: '127.0.0.1', port: 0 },
      brokerUsername: undefined,
      brokerPassword: undefined,
      brokerCaFile: undefined,
      brokerCertFile: undefined,
      brokerKeyFile: undefined,
      mqttProtocol: 'auto',
      clientId: defaultClientId('kaihua', '/var/lib/muster'),
      simulate: true,
      simRateHz: 1,
      tickMs: 200,
      retentionHours: 24,
      downsampleSec: 30,
      operator: 'console',
      role: 'commander',
      sqliteNativeBinding: undefined,
      basemap: undefined,
      basemapPmtilesUrl: '/basemap/tiles.pmtiles',
    });
  });

  it('keeps data in ~/.muster when the host gives no data dir', () => {
    expect(cfg({}, {}, { resourcesDir: '/r' }).dataDir).toBe(join(homedir(), '.muster'));
  });

  it('passes the Electron sqlite binding through', () => {
    const c = cfg({}, {}, { ...DEFAULTS, sqliteNativeBinding: '/x/better_sqlite3.node' });
    expect(c.sqliteNativeBinding).toBe('/x/better_sqlite3.node');
  });

  it('makes a relative data dir absolute against the working directory', () => {
    expect(cfg({ 'data-dir': 'rel/data' }).dataDir).toBe(resolve('rel/data'));
  });
});

describe('simulator default follows the broker', () => {
  const EXT = 'mqtt://broker.local:1883';

  it.each([
    ['embedded broker', {}, {}, true],
    ['external broker (flag)', { broker: EXT }, {}, false],
    ['external broker (env)', {}, { MUSTER_BROKER_URL: EXT }, false],
    ['external broker + --sim', { broker: EXT, sim: true }, {}, true],
    ['external broker + MUSTER_SIM=1', { broker: EXT }, { MUSTER_SIM: '1' }, true],
    ['external broker + MUSTER_SIM=true', {}, { MUSTER_BROKER_URL: EXT, MUSTER_SIM: 'true' }, true],
    ['embedded + --no-sim', { 'no-sim': true }, {}, false],
    ['embedded + MUSTER_SIM=0', {}, { MUSTER_SIM: '0' }, false],
    ['embedded + MUSTER_SIM=false', {}, { MUSTER_SIM: 'false' }, false],
    ['embedded + empty MUSTER_SIM (unset)', {}, { MUSTER_SIM: '' }, true],
    ['external + empty MUSTER_SIM (unset)', { broker: EXT }, { MUSTER_SIM: '' }, false],
    ['--sim beats MUSTER_SIM=0', { sim: true }, { MUSTER_SIM: '0' }, true],
    ['--no-sim beats MUSTER_SIM=1', { 'no-sim': true }, { MUSTER_SIM: '1' }, false],
    ['--no-sim beats --sim', { sim: true, 'no-sim': true }, {}, false],
    ['sim=false (not given) falls back to the default', { sim: false }, {}, true],
  ] as [string, Values, Env, boolean][])('%s → simulate %s', (_label, values, env, simulate) => {
    expect(cfg(values, env).simulate).toBe(simulate);
  });
});

describe('flags take precedence over the environment', () => {
  const env: Env = {
    MUSTER_DATA_DIR: '/env/data',
    MUSTER_REGION: 'envregion',
    MUSTER_BROKER_URL: 'mqtt://env:1883',
    MUSTER_BROKER_USER: 'env-user',
    MUSTER_BROKER_PASSWORD: 'env-pw',
    MUSTER_MQTT_VERSION: '5',
    MUSTER_SIM_RATE: '2',
    MUSTER_TICK_MS: '500',
  };

  it('the environment alone overrides the defaults', () => {
    const c = cfg({}, env);
    expect(c.dataDir).toBe('/env/data');
    expect(c.regionId).toBe('envregion');
    expect(c.clientId).toBe(defaultClientId('envregion', '/env/data'));
    expect(c.brokerUrl).toBe('mqtt://env:1883');
    expect(c.brokerUsername).toBe('env-user');
    expect(c.brokerPassword).toBe('env-pw');
    expect(c.mqttProtocol).toBe(5);
    expect(c.simRateHz).toBe(2);
    expect(c.tickMs).toBe(500);
    expect(c.simulate).toBe(false);
  });

  it('each flag beats its environment variable', () => {
    const c = cfg(
      {
        'data-dir': '/flag/data',
        region: 'flagregion',
        broker: 'mqtts://flag:8883',
        'broker-user': 'flag-user',
        'broker-password': 'flag-pw',
        'mqtt-version': '4',
        'sim-rate': '0.5',
        'tick-ms': '100',
      },
      env,
    );
    expect(c.dataDir).toBe('/flag/data');
    expect(c.regionId).toBe('flagregion');
    expect(c.clientId).toBe(defaultClientId('flagregion', '/flag/data'));
    expect(c.brokerUrl).toBe('mqtts://flag:8883');
    expect(c.brokerUsername).toBe('flag-user');
    expect(c.brokerPassword).toBe('flag-pw');
    expect(c.mqttProtocol).toBe(4);
    expect(c.simRateHz).toBe(0.5);
    expect(c.tickMs).toBe(100);
  });

  it('the environment beats the host default data dir', () => {
    expect(cfg({}, { MUSTER_DATA_DIR: '/env/data' }).dataDir).toBe('/env/data');
  });

  it('an empty numeric env value means "not set"', () => {
    const c = cfg({}, { MUSTER_TICK_MS: '', MUSTER_SIM_RATE: '' });
    expect(c.tickMs).toBe(200);
    expect(c.simRateHz).toBe(1);
  });
});

describe('accepted values at the edges', () => {
  it.each([
    'mqtt://h',
    'mqtts://h:8883',
    'ws://h:8080/mqtt',
    'wss://h/mqtt',
    'mqtt://u:p@10.0.0.1:1883',
  ])('broker %s', (broker) => {
    expect(cfg({ broker }).brokerUrl).toBe(broker);
  });

  it.each([
    ['tick-ms', '50', 'tickMs', 50],
    ['tick-ms', '1000', 'tickMs', 1000],
    ['sim-rate', '0.1', 'simRateHz', 0.1],
    ['sim-rate', '20', 'simRateHz', 20],
  ] as const)('--%s %s', (flag, raw, key, value) => {
    expect(cfg({ [flag]: raw })[key]).toBe(value);
  });

  it.each(['a', 'kaihua', 'kaihua-2', 'x_y', '0abc', 'a'.repeat(64)])('region %s', (region) => {
    expect(cfg({ region }).regionId).toBe(region);
  });
});

describe('bad values are errors naming the option', () => {
  it.each([
    [
      'broker',
      'http://broker:1883',
      /^--broker must be an mqtt:\/\/, mqtts:\/\/, ws:\/\/ or wss:\/\/ URL, got "http:\/\/broker:1883"$/,
    ],
    ['broker', 'broker.local:1883', /^--broker /],
    ['broker', 'mqtt://', /^--broker /],
    ['broker', 'mqtt://host name', /^--broker /],
    ['broker', '', /^--broker /],
    ['mqtt-version', '3', /^--mqtt-version must be auto, 4 \(MQTT 3\.1\.1\) or 5, got "3"$/],
    ['mqtt-version', '3.1.1', /^--mqtt-version /],
    ['mqtt-version', '5.0', /^--mqtt-version /],
    ['region', 'Kaihua', /^--region must be a region pack id .*, got "Kaihua"$/],
    ['region', '../etc', /^--region /],
    ['region', 'kai/hua', /^--region /],
    ['region', '-kaihua', /^--region /],
    ['region', 'a'.repeat(65), /^--region /],
    ['region', '', /^--region /],
    ['sim-rate', '0', /^--sim-rate must be a number from 0\.1 to 20, got "0"$/],
    ['sim-rate', '20.5', /^--sim-rate /],
    ['sim-rate', 'fast', /^--sim-rate /],
    ['sim-rate', 'Infinity', /^--sim-rate /],
    ['tick-ms', '49', /^--tick-ms must be a number from 50 to 1000, got "49"$/],
    ['tick-ms', '1001', /^--tick-ms /],
    ['tick-ms', 'NaN', /^--tick-ms /],
    ['tick-ms', '-200', /^--tick-ms /],
  ])('--%s %j', (flag, raw, message) => {
    expect(() => cfg({ [flag]: raw })).toThrow(message);
  });

  it.each([
    ['MUSTER_BROKER_URL', 'tcp://x:1883', /^--broker /],
    ['MUSTER_MQTT_VERSION', '6', /^--mqtt-version /],
    ['MUSTER_REGION', 'KAIHUA', /^--region /],
    ['MUSTER_SIM_RATE', '100', /^--sim-rate /],
    ['MUSTER_TICK_MS', '5', /^--tick-ms /],
  ])('env %s=%j names the option', (name, raw, message) => {
    expect(() => cfg({}, { [name]: raw })).toThrow(message);
  });

  it('a good flag hides a bad environment value', () => {
    expect(cfg({ 'tick-ms': '300' }, { MUSTER_TICK_MS: 'oops' }).tickMs).toBe(300);
    expect(cfg({ region: 'kaihua' }, { MUSTER_REGION: 'BAD' }).regionId).toBe('kaihua');
  });
});

describe('parseCommandLine', () => {
  it('parses the core options', () => {
    const v = parseCommandLine(
      ['--broker', 'mqtt://h:1883', '--sim', '--tick-ms', '100', '--region=kaihua', '--no-sim'],
      {},
    );
    expect(v).toEqual({
      broker: 'mqtt://h:1883',
      sim: true,
      'tick-ms': '100',
      region: 'kaihua',
      'no-sim': true,
    });
    expect(cfg(v).simulate).toBe(false);
  });

  it('adds host options and --help', () => {
    const v = parseCommandLine(['--port', '8080', '--help'], { port: { type: 'string' } });
    expect(v).toEqual({ port: '8080', help: true });
  });

  it('refuses unknown options when strict', () => {
    expect(() => parseCommandLine(['--brokr', 'mqtt://h'], {})).toThrow(/brokr/);
    expect(() => parseCommandLine(['stray'], {})).toThrow();
  });

  it('tolerates Chromium switches when not strict', () => {
    const v = parseCommandLine(['--remote-debugging-port=9222', '--tick-ms', '250'], {}, false);
    expect(v['tick-ms']).toBe('250');
    expect(cfg(v).tickMs).toBe(250);
  });

  it('documents every core option in the help text', () => {
    for (const name of Object.keys(CORE_ARG_OPTIONS)) {
      const documented = name === 'no-sim' ? '--no-sim' : `--${name}`;
      expect(CORE_OPTION_HELP, name).toContain(documented);
    }
  });
});

describe('--regions-dir', () => {
  it('is named by the flag, then MUSTER_REGIONS_DIR, then the app’s own packs', () => {
    expect(
      cfg({ 'regions-dir': '/srv/packs' }, { MUSTER_REGIONS_DIR: '/env/packs' }).regionsDir,
    ).toBe('/srv/packs');
    expect(cfg({}, { MUSTER_REGIONS_DIR: '/env/packs' }).regionsDir).toBe('/env/packs');
    expect(cfg({}, { MUSTER_REGIONS_DIR: '' }).regionsDir).toBe('/opt/muster/resources/regions');
    expect(parseCommandLine(['--regions-dir', 'packs'], {})['regions-dir']).toBe('packs');
  });
});

describe('--operator and --role', () => {
  it('grant nothing: a console started with them refuses and says how people get in', () => {
    for (const [values, env] of [
      [{ operator: '值班长 王伟' }, {}],
      [{ role: 'supervisor' }, {}],
      [{}, { MUSTER_OPERATOR: 'env-op' }],
      [{}, { MUSTER_ROLE: 'supervisor' }],
    ] as const) {
      expect(() => cfg(values, env)).toThrow(
        '--operator/--role (MUSTER_OPERATOR/MUSTER_ROLE) are gone: operators log in on the console; enrol them with npm run operators',
      );
    }
    // Empty variables count as unset, as for every option.
    expect(cfg({}, { MUSTER_OPERATOR: '', MUSTER_ROLE: '' }).role).toBe('commander');
  });

  it('leave the in-process api (tests, harnesses) acting as a plain commander', () => {
    expect(cfg()).toMatchObject({ operator: 'console', role: 'commander' });
  });
});

describe('MQTT client id', () => {
  it('is stable for one installation and distinct between installations', () => {
    const a = defaultClientId('kaihua', '/var/lib/muster');
    expect(a).toMatch(/^muster-console-kaihua-[0-9a-f]{10}$/);
    expect(defaultClientId('kaihua', '/var/lib/muster')).toBe(a);
    expect(defaultClientId('kaihua', '/srv/wall/muster')).not.toBe(a);
  });

  it('can be pinned with MUSTER_CLIENT_ID', () => {
    expect(cfg({}, { MUSTER_CLIENT_ID: 'county-room-1' }).clientId).toBe('county-room-1');
  });
});

describe('--basemap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'muster-basemap-cfg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, bytes: Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };
  const magic = new TextEncoder().encode('PMTiles');
  const v3 = file('ok.pmtiles', Uint8Array.from([...magic, 3, 0, 0, 0]));

  it('is unset by default, so the region pack decides', () => {
    expect(cfg().basemap).toBeUndefined();
  });

  it('takes region, a checked PMTiles file, or a raster template', () => {
    expect(cfg({ basemap: 'region' }).basemap).toEqual({ kind: 'region' });
    expect(cfg({ basemap: `pmtiles:${v3}`, 'basemap-attribution': '© OSM' }).basemap).toEqual({
      kind: 'pmtiles',
      file: v3,
      attribution: '© OSM',
    });
    const t = 'http://gis.local/wmts/{z}/{x}/{y}.png';
    expect(cfg({ basemap: `raster:${t}` }).basemap).toEqual({
      kind: 'raster',
      urlTemplate: t,
      attribution: '',
    });
  });

  it('makes a relative PMTiles path absolute against the working directory', () => {
    const rel = relative(process.cwd(), v3);
    expect(rel.startsWith('/')).toBe(false);
    const c = cfg({ basemap: `pmtiles:${rel}` });
    expect(c.basemap?.kind === 'pmtiles' ? c.basemap.file : undefined).toBe(v3);
  });

  it('reads MUSTER_BASEMAP, and the flag beats it', () => {
    expect(cfg({}, { MUSTER_BASEMAP: 'region' }).basemap).toEqual({ kind: 'region' });
    expect(
      cfg({ basemap: 'region' }, { MUSTER_BASEMAP: 'pmtiles:/nowhere.pmtiles' }).basemap,
    ).toEqual({ kind: 'region' });
  });

  it('refuses a missing file, a non-PMTiles file and a PMTiles v2 file, naming the option', () => {
    expect(() => cfg({ basemap: `pmtiles:${join(dir, 'missing.pmtiles')}` })).toThrow(
      /--basemap: cannot read PMTiles file .*missing\.pmtiles/,
    );
    expect(() => cfg({ basemap: `pmtiles:${dir}` })).toThrow(/--basemap: cannot read/);
    const png = file('x.pmtiles', Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    expect(() => cfg({ basemap: `pmtiles:${png}` })).toThrow(/not a PMTiles v3 archive/);
    const v2 = file('v2.pmtiles', Uint8Array.from([...magic, 2, 0, 0, 0]));
    expect(() => cfg({ basemap: `pmtiles:${v2}` })).toThrow(/not a PMTiles v3 archive/);
    expect(() => cfg({ basemap: 'pmtiles:' })).toThrow(/needs a file path/);
  });

  it('refuses a raster template that is not http(s) or lacks {z}/{x}/{y}, and unknown kinds', () => {
    expect(() => cfg({ basemap: 'raster:file:///tiles/{z}/{x}/{y}.png' })).toThrow(
      /--basemap raster: needs an http\(s\) URL template/,
    );
    expect(() => cfg({ basemap: 'raster:http://gis.local/tiles/{z}/{x}.png' })).toThrow(
      /\{z\}, \{x\} and \{y\}/,
    );
    expect(() => cfg({ basemap: 'osm' })).toThrow(
      /--basemap must be region, pmtiles:<file.pmtiles> or raster:<url template>/,
    );
  });

  it('gives the host-specific PMTiles URL through', () => {
    const c = cfg(
      {},
      {},
      { ...DEFAULTS, basemapPmtilesUrl: 'muster-basemap://basemap/tiles.pmtiles' },
    );
    expect(c.basemapPmtilesUrl).toBe('muster-basemap://basemap/tiles.pmtiles');
  });
});
