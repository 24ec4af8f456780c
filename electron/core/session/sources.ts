import { readBrokerTls, type CoreConfig } from '../config';
import type { BrokerGate, BrokerLogin } from '../mqtt/BrokerGate';
import type { RegionPack } from '../region/loadRegion';
import { Simulator } from '../sim/Simulator';
import type { TravelModel } from '../support/types';
import { MqttSource } from './MqttSource';
import type { Session } from './Session';

/** What every session's sources share: the broker and how to reach it, the region, the travel model. */
export interface SourceDeps {
  readonly config: CoreConfig;
  readonly brokerUrl: string;
  /** The console's own broker's gate (aedes): its logins and refusals; undefined for an external one. */
  readonly gate: BrokerGate | undefined;
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
  // On the embedded broker, the console and the simulator have logins of their own, made at start;
  // on an external broker both use the configured one.
  const configured = {
    ...(config.brokerUsername !== undefined ? { username: config.brokerUsername } : {}),
    ...(config.brokerPassword !== undefined ? { password: config.brokerPassword } : {}),
  };
  const login = (own: BrokerLogin | undefined) => own ?? configured;
  const mqtt = new MqttSource({
    link: {
      url: deps.brokerUrl,
      clientId: opts.clientId,
      ...login(deps.gate?.console),
      protocol: config.mqttProtocol,
      tls: readBrokerTls(config),
      ackQos1: config.ackQos1 ?? 'commit',
      subscriptions: session.topics.subscriptions,
    },
    gate: deps.gate,
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
        ...login(deps.gate?.simulator),
      })
    : undefined;
  session.attach(mqtt, sim);
  await mqtt.start();
  await sim?.start();
}
