import { readBrokerTls, type CoreConfig } from '../config';
import type { RegionPack } from '../region/loadRegion';
import { Simulator } from '../sim/Simulator';
import type { TravelModel } from '../support/types';
import { MqttSource } from './MqttSource';
import type { Session } from './Session';

/** What every session's sources share: the broker and how to reach it, the region, the travel model. */
export interface SourceDeps {
  readonly config: CoreConfig;
  readonly brokerUrl: string;
  /** The console's own broker (aedes), for the status strip. */
  readonly embedded: boolean;
  readonly pack: RegionPack;
  readonly travel: TravelModel;
}

/**
 * Connects a session to its devices: an MQTT source in the session's namespace (live, or the
 * exercise's), and the simulator when the session simulates its units. The simulator runs on the
 * session's clock: paused with it, faster with it. A peer console joins a session the same way,
 * as one more source.
 */
export async function connectSources(
  session: Session,
  deps: SourceDeps,
  opts: { readonly clientId: string; readonly simulate: boolean },
): Promise<void> {
  const { config } = deps;
  const credentials = {
    ...(config.brokerUsername !== undefined ? { username: config.brokerUsername } : {}),
    ...(config.brokerPassword !== undefined ? { password: config.brokerPassword } : {}),
  };
  const mqtt = new MqttSource({
    link: {
      url: deps.brokerUrl,
      clientId: opts.clientId,
      ...credentials,
      protocol: config.mqttProtocol,
      tls: readBrokerTls(config),
      ackQos1: config.ackQos1 ?? 'commit',
      subscriptions: session.topics.subscriptions,
    },
    embedded: deps.embedded,
    ingest: session.ingest,
    onMessage: (topic, payload) => session.handleMessage(topic, payload),
    alerts: session.alerts,
    db: session.db,
    now: session.clock.now,
    drainNow: () => session.drainNow(),
    onStatus: () => session.emitStatus(),
  });
  const sim = opts.simulate
    ? new Simulator({
        brokerUrl: deps.brokerUrl,
        roster: deps.pack.roster,
        stations: deps.pack.snapshot.stations,
        rateHz: config.simRateHz,
        clientId: `${opts.clientId}-sim`,
        travel: deps.travel,
        topics: session.topics,
        now: session.clock.now,
        ...credentials,
      })
    : undefined;
  session.attach(mqtt, sim);
  await mqtt.start();
  await sim?.start();
}
