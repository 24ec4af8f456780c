// MQTT topic grammar, device contract v1:
//   muster/v1/devices/{deviceId}/telemetry   device → console, QoS 0 (1 Hz positions) or 1
// deviceId: 1–64 characters of [A-Za-z0-9_.-]; MQTT wildcards and '/' are never part of an id.

export const TOPIC_ROOT = 'muster/v1';
export const TELEMETRY_SUBSCRIPTION = `${TOPIC_ROOT}/devices/+/telemetry`;

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
