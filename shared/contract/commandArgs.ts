import { z } from 'zod';
import { CLOCK_SPEED_MAX, CLOCK_SPEED_MIN } from '../domain/clock';
import { SCENARIO_COLUMNS } from '../domain/drill';
import { GRADES, INCIDENT_TYPES } from '../domain/incidents';
import { SCREEN_ROLES } from '../domain/wall';
import { OPERATOR_NAME_MAX, OPERATOR_ROLES, PASSWORD_MAX, PASSWORD_MIN } from '../domain/operators';
import { lonLatTuple } from '../telemetry/lonLat';
import { isCommandName, type CommandName, type ConsoleApi } from './ConsoleApi';

const entityId = z.string().regex(/^[A-Za-z0-9_.:-]{1,80}$/, 'must be an id');
const unitIds = z.array(entityId).max(200);
const reason = z.string().trim().min(1, 'a reason is required').max(500);

const incidentDraft = z.object({
  type: z.enum(INCIDENT_TYPES),
  grade: z.enum(GRADES),
  lonLat: lonLatTuple,
  description: z.string().trim().max(2000),
  reporter: z.string().trim().max(200),
  jurisdictionId: entityId.optional(),
});

const operatorName = z.string().trim().min(1, 'a name is required').max(OPERATOR_NAME_MAX);
/** Checked against the stored hash only: the length rule is the enrolment's (PASSWORD_MIN). */
const givenPassword = z.string().min(1, 'a password is required').max(PASSWORD_MAX);

const countersign = z.strictObject({
  supervisor: operatorName,
  password: givenPassword,
});

const clockSpeed = z
  .number()
  .min(CLOCK_SPEED_MIN, `from ${CLOCK_SPEED_MIN}×`)
  .max(CLOCK_SPEED_MAX, `up to ${CLOCK_SPEED_MAX}×`);

const unitOrder = z.discriminatedUnion('type', [
  z.object({ type: z.literal('return') }),
  z.object({ type: z.literal('reassign'), incidentId: entityId }),
]);

/**
 * Argument schemas per command, parsed by every host adapter (IPC, WebSocket) before the core sees
 * them. Tied to the command table so a new command without a schema fails to compile.
 */
export const COMMAND_ARGS = {
  login: z.tuple([operatorName, givenPassword]),
  logout: z.tuple([]),
  whoAmI: z.tuple([]),
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
  listQuarantine: z.tuple([]),
  ackAlert: z.tuple([z.number().int().positive().max(Number.MAX_SAFE_INTEGER)]),
  getSupportSetup: z.tuple([]),
  listIncidents: z.tuple([]),
  createIncident: z.tuple([incidentDraft]),
  regradeIncident: z.tuple([entityId, z.enum(GRADES)]),
  closeIncident: z.tuple([entityId, reason]),
  // The order schema's bound on a commander's name.
  handOverCommand: z.tuple([
    entityId,
    z.string().trim().min(1, 'name the commander taking over').max(64),
    reason,
  ]),
  requestSupport: z.tuple([entityId]),
  evaluatePackage: z.tuple([entityId, unitIds]),
  approveSupport: z.tuple([
    entityId,
    unitIds.min(1, 'approve at least one unit'),
    z
      .union([
        countersign,
        z.strictObject({
          emergencyReason: z
            .string()
            .trim()
            .min(1, 'emergency authority needs its reason')
            .max(500),
        }),
      ])
      .optional(),
  ]),
  confirmEmergency: z.tuple([entityId]),
  rejectSupport: z.tuple([entityId, reason]),
  cancelSupport: z.tuple([entityId, reason]),
  releaseSupport: z.tuple([entityId]),
  listSupport: z.tuple([]),
  getSupportTimeline: z.tuple([entityId]),
  getUnitStatuses: z.tuple([]),
  orderUnit: z.tuple([entityId, unitOrder]),
  listSuggestions: z.tuple([]),
  dismissSuggestion: z.tuple([entityId]),
  verifyAudit: z.tuple([]),
  exportAudit: z.tuple([]),
  getReport: z
    .tuple([
      z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
      z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
    ])
    .refine(
      ([from, to]) => from === undefined || to === undefined || from <= to,
      'the period must not end before it starts',
    ),
  getReachGrid: z.tuple([]),
  listSessions: z.tuple([]),
  startExercise: z.tuple([
    z.strictObject({
      name: z.string().trim().min(1, 'name the exercise').max(80),
      speed: clockSpeed.optional(),
    }),
  ]),
  endExercise: z.tuple([entityId]),
  controlClock: z.tuple([
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('pause') }),
      z.strictObject({ type: z.literal('resume') }),
      z.strictObject({ type: z.literal('speed'), speed: clockSpeed }),
      z.strictObject({
        type: z.literal('seek'),
        sessionMs: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
      }),
    ]),
  ]),
  openReplay: z.tuple([entityId]),
  closeReplay: z.tuple([entityId]),
  listMarks: z.tuple([]),
  listScenarios: z.tuple([]),
  loadScenario: z.tuple([
    z.union([
      z.strictObject({ scenarioId: entityId }),
      z.strictObject({
        csv: z.string().max(1024 * 1024, 'a scenario file is at most 1 MB'),
        name: z.string().trim().min(1, 'name the scenario').max(80),
      }),
    ]),
  ]),
  getDrill: z.tuple([]),
  drillAction: z.tuple([
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('fire'), injectId: entityId }),
      z.strictObject({ type: z.literal('fire-next') }),
      z.strictObject({ type: z.literal('skip'), injectId: entityId }),
      z.strictObject({
        type: z.literal('inject'),
        draft: z.partialRecord(z.enum(SCENARIO_COLUMNS), z.string().max(500)),
      }),
      z.strictObject({ type: z.literal('note'), text: z.string().trim().min(1).max(2000) }),
    ]),
  ]),
  getWallLayout: z.tuple([]),
  saveWallLayout: z.tuple([
    z
      .array(z.object({ displayId: z.string().trim().min(1).max(64), role: z.enum(SCREEN_ROLES) }))
      .min(1, 'a layout needs at least one screen')
      .max(16, 'at most 16 screens')
      .refine(
        (s) => new Set(s.map((x) => x.displayId)).size === s.length,
        'each display appears once',
      ),
  ]),
  listOperators: z.tuple([]),
  enrolOperator: z.tuple([
    z.strictObject({
      name: operatorName,
      role: z.enum(OPERATOR_ROLES),
      password: z
        .string()
        .min(PASSWORD_MIN, `a password has at least ${PASSWORD_MIN} characters`)
        .max(PASSWORD_MAX),
    }),
  ]),
  removeOperator: z.tuple([operatorName]),
  listWallTokens: z.tuple([]),
  issueWallToken: z.tuple([z.enum(SCREEN_ROLES), z.string().trim().max(80)]),
  revokeWallToken: z.tuple([entityId]),
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
