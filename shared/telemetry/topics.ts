// MQTT topic grammar, device contract v1:
//   muster/v1/devices/{deviceId}/telemetry   device → console, QoS 0 (1 Hz positions) or 1
//   muster/v1/devices/{deviceId}/event       device → console, QoS 1 (SOS, recording on/off)
//   muster/v1/devices/{deviceId}/status      device → console, QoS 1, retained; also the Last Will
//   muster/v1/devices/{deviceId}/order       console → device, QoS 1 (see shared/telemetry/orders.ts)
//   muster/v1/devices/{deviceId}/ack         device → console, QoS 1: order acceptance and progress
// deviceId: 1–64 characters of [A-Za-z0-9_.-]; MQTT wildcards and '/' are never part of an id.

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
const DEVICE_TOPIC = /^muster\/v1\/devices\/([^/]+)\/(telemetry|event|status|ack|order)$/;

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

/** Device id and channel of any device topic, or undefined when the topic is not one. */
export function parseDeviceTopic(
  topic: string,
): { readonly deviceId: string; readonly channel: DeviceChannel } | undefined {
  const m = DEVICE_TOPIC.exec(topic);
  const id = m?.[1];
  const channel = m?.[2] as DeviceChannel | undefined;
  return id !== undefined && channel !== undefined && isDeviceId(id)
    ? { deviceId: id, channel }
    : undefined;
}
