// MQTT topic grammar, device contract v1:
//   muster/v1/devices/{deviceId}/telemetry   device → console, QoS 0 (1 Hz positions) or 1
//   muster/v1/devices/{deviceId}/event       device → console, QoS 1 (SOS, recording on/off)
//   muster/v1/devices/{deviceId}/status      device → console, QoS 1, retained; also the Last Will
//   muster/v1/devices/{deviceId}/order       console → device, QoS 1 (see shared/telemetry/orders.ts)
//   muster/v1/devices/{deviceId}/ack         device → console, QoS 1: order acceptance and progress
// deviceId: 1–64 characters of [A-Za-z0-9_.-]; MQTT wildcards and '/' are never part of an id.
// An exercise (演练) has its own namespace, the same grammar under muster/v1/exercise/{exerciseId}/:
// a live subscription never matches an exercise topic, so exercise traffic cannot reach live, nor an
// exercise order a device outside the exercise.

export const TOPIC_ROOT = 'muster/v1';
export const TELEMETRY_SUBSCRIPTION = `${TOPIC_ROOT}/devices/+/telemetry`;

export const EVENT_SUBSCRIPTION = `${TOPIC_ROOT}/devices/+/event`;
export const STATUS_SUBSCRIPTION = `${TOPIC_ROOT}/devices/+/status`;
export const ACK_SUBSCRIPTION = `${TOPIC_ROOT}/devices/+/ack`;
/** Orders from any console: watched so orders to attached units from others are audited. */
export const ORDER_SUBSCRIPTION = `${TOPIC_ROOT}/devices/+/order`;

/** Every topic filter the console subscribes to (QoS 1 each). */
export const CONSOLE_SUBSCRIPTIONS: readonly string[] = [
  TELEMETRY_SUBSCRIPTION,
  EVENT_SUBSCRIPTION,
  STATUS_SUBSCRIPTION,
  ACK_SUBSCRIPTION,
  ORDER_SUBSCRIPTION,
];

export const DEVICE_CHANNELS = ['telemetry', 'event', 'status', 'ack', 'order'] as const;
export type DeviceChannel = (typeof DEVICE_CHANNELS)[number];

const DEVICE_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const TELEMETRY_TOPIC = /^muster\/v1\/devices\/([^/]+)\/telemetry$/;

export function isDeviceId(id: string): boolean {
  return DEVICE_ID.test(id);
}

export function telemetryTopic(deviceId: string): string {
  if (!isDeviceId(deviceId)) throw new Error(`invalid device id: ${JSON.stringify(deviceId)}`);
  return `${TOPIC_ROOT}/devices/${deviceId}/telemetry`;
}

/** The device id of a telemetry topic, or undefined when the topic is not one. */
export function parseTelemetryTopic(topic: string): string | undefined {
  const m = TELEMETRY_TOPIC.exec(topic);
  const id = m?.[1];
  return id !== undefined && isDeviceId(id) ? id : undefined;
}

export function eventTopic(deviceId: string): string {
  return telemetryTopic(deviceId).replace(/telemetry$/, 'event');
}

export function statusTopic(deviceId: string): string {
  return telemetryTopic(deviceId).replace(/telemetry$/, 'status');
}

export function ackTopic(deviceId: string): string {
  return telemetryTopic(deviceId).replace(/telemetry$/, 'ack');
}

export function orderTopic(deviceId: string): string {
  return telemetryTopic(deviceId).replace(/telemetry$/, 'order');
}

/** Device id and channel of any live device topic, or undefined when the topic is not one. */
export function parseDeviceTopic(
  topic: string,
): { readonly deviceId: string; readonly channel: DeviceChannel } | undefined {
  return LIVE_TOPICS.parse(topic);
}

/** The topics of one namespace: live, or one exercise's. */
export interface TopicSpace {
  readonly root: string;
  /** Every filter a console subscribes to in this namespace (QoS 1 each). */
  readonly subscriptions: readonly string[];
  /** Orders to any device in this namespace (the simulator's subscription). */
  readonly orderSubscription: string;
  topic(deviceId: string, channel: DeviceChannel): string;
  /** Device id and channel of a topic in this namespace; undefined for any other topic. */
  parse(topic: string): { readonly deviceId: string; readonly channel: DeviceChannel } | undefined;
}

const EXERCISE_ID = /^[A-Za-z0-9_.-]{1,64}$/;

function topicSpace(root: string): TopicSpace {
  const prefix = `${root}/devices/`;
  return {
    root,
    subscriptions: DEVICE_CHANNELS.map((c) => `${prefix}+/${c}`),
    orderSubscription: `${prefix}+/order`,
    topic: (deviceId, channel) => {
      if (!isDeviceId(deviceId)) throw new Error(`invalid device id: ${JSON.stringify(deviceId)}`);
      return `${prefix}${deviceId}/${channel}`;
    },
    parse: (topic) => {
      if (!topic.startsWith(prefix)) return undefined;
      const rest = topic.slice(prefix.length);
      const slash = rest.indexOf('/');
      if (slash < 0) return undefined;
      const deviceId = rest.slice(0, slash);
      const channel = rest.slice(slash + 1) as DeviceChannel;
      return isDeviceId(deviceId) && (DEVICE_CHANNELS as readonly string[]).includes(channel)
        ? { deviceId, channel }
        : undefined;
    },
  };
}

export const LIVE_TOPICS: TopicSpace = topicSpace(TOPIC_ROOT);

/** The namespace of exercise `exerciseId` (its session id). */
export function exerciseTopics(exerciseId: string): TopicSpace {
  if (!EXERCISE_ID.test(exerciseId)) {
    throw new Error(`invalid exercise id: ${JSON.stringify(exerciseId)}`);
  }
  return topicSpace(`${TOPIC_ROOT}/exercise/${exerciseId}`);
}
