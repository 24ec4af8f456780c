import { z } from 'zod';
import type { CommandName } from './ConsoleApi';

/**
 * Argument schemas per command, parsed by every host adapter (IPC, WebSocket) before the core sees
 * them. Tied to the command table so a new command without a schema fails to compile.
 */
export const COMMAND_ARGS = {
  getRegion: z.tuple([]),
  getUnits: z.tuple([]),
  getStatus: z.tuple([]),
  getTrack: z
    .tuple([
      z.string().min(1).max(64),
      z.number().int().nonnegative(),
      z.number().int().nonnegative(),
    ])
    .refine(([, from, to]) => from <= to, 'fromMs must not be after toMs'),
  listAlerts: z.tuple([]),
  ackAlert: z.tuple([z.number().int().positive().max(Number.MAX_SAFE_INTEGER)]),
} as const satisfies Record<CommandName, z.ZodType<unknown[]>>;

export function parseCommandArgs(name: CommandName, args: unknown): unknown[] {
  const result = COMMAND_ARGS[name].safeParse(args ?? []);
  if (!result.success) {
    throw new Error(`invalid arguments for ${name}: ${z.prettifyError(result.error)}`);
  }
  return result.data;
}
