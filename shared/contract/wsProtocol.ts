import { z } from 'zod';

// Text messages of the WebSocket transport. Units frames travel as binary messages (frameCodec).

export const callMessage = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  name: z.string().max(64),
  args: z.array(z.unknown()).max(16),
});
export type CallMessage = z.infer<typeof callMessage>;

export const serverMessage = z.union([
  z.object({ t: z.literal('result'), id: z.number(), ok: z.literal(true), value: z.unknown() }),
  z.object({ t: z.literal('result'), id: z.number(), ok: z.literal(false), error: z.string() }),
  z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof serverMessage>;

/** Path of the WebSocket endpoint on the headless host. */
export const WS_PATH = '/api';
