import { z } from 'zod';
import { isCommandName, type CommandName, type ConsoleApi } from './ConsoleApi';

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

/**
 * The one way a host adapter (IPC, WebSocket) turns an untrusted call into a core call: the name
 * must be a contract command and the arguments must parse; anything else is refused with a reason.
 */
export function dispatchCommand(api: ConsoleApi, name: unknown, args: unknown): Promise<unknown> {
  if (!isCommandName(name)) {
    return Promise.reject(new Error(`unknown command ${JSON.stringify(name)}`));
  }
  try {
    const parsed = parseCommandArgs(name, args);
    const fn = api[name] as (...a: unknown[]) => Promise<unknown>;
    return fn.apply(api, parsed);
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
}
