// Headless host: the same core as the Electron console, plus the renderer over HTTP/WebSocket for
// Chromium and wall PCs. Never imports electron.
import { join } from 'node:path';
import { ConsoleCore } from '../core/ConsoleCore';
import { CORE_OPTION_HELP, coreConfigFrom, envValue, parseCommandLine } from '../core/config';
import { ensureFirstAdmin } from './firstAdmin';
import { isLoopback, startServeHost } from './serveHost';

const HELP = `Usage: npm run serve -- [options]

  --host ADDR          address to listen on (env MUSTER_HOST, default 127.0.0.1; anything but
                       loopback exposes the console to the network, still behind the token)
  --port N             port, 0 = any free port (env MUSTER_PORT, default 7370)
  --token T            fixed access token, 16–256 of A-Z a-z 0-9 - _ (env MUSTER_TOKEN;
                       default: a new random token per start)
${CORE_OPTION_HELP}
`;

async function main(): Promise<void> {
  const values = parseCommandLine(process.argv.slice(2), {
    host: { type: 'string' },
    port: { type: 'string' },
    token: { type: 'string' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const env = process.env;
  const config = coreConfigFrom(values, env, { resourcesDir: join(__dirname, '../../resources') });
  const host = (values.host as string | undefined) ?? envValue(env, 'MUSTER_HOST') ?? '127.0.0.1';
  const portRaw = (values.port as string | undefined) ?? envValue(env, 'MUSTER_PORT') ?? '7370';
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be 0–65535, got ${JSON.stringify(portRaw)}`);
  }
  const core = await ConsoleCore.start(config);
  await ensureFirstAdmin(core.gate);
  const host_ = await startServeHost({
    gate: core.gate,
    rendererDir: join(__dirname, '../renderer'),
    host,
    port,
    token: (values.token as string | undefined) ?? envValue(env, 'MUSTER_TOKEN'),
    basemapFile: core.basemapFile,
    basemapRasterTemplate: core.basemapRasterTemplate,
  });
  if (!isLoopback(host)) {
    console.warn(`warning: listening on ${host}: reachable from the network (token required).`);
  }
  console.log(`broker: ${core.url}${config.brokerUrl === undefined ? ' (embedded)' : ''}`);
  console.log(`data: ${config.dataDir}`);
  console.log(`region: ${config.regionId}; simulator: ${config.simulate ? 'on' : 'off'}`);
  if (core.basemapFile !== undefined) console.log(`basemap: ${core.basemapFile}`);
  if (core.basemapRasterTemplate !== undefined) {
    console.log(`basemap: raster tiles fetched from ${core.basemapRasterTemplate}`);
  }
  console.log(`Muster console ready: ${host_.url}`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    void host_
      .close()
      .then(() => core.stop())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        console.error(err);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`muster serve: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
