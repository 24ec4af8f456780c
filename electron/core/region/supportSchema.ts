// support.json of a region pack: run cards, approval rules, reserves and the timers of the support
// loop. Everything a county tunes lives here, schema-checked like the rest of the pack.

import { z } from 'zod';
import { APPROVAL_ROLES, type ApprovalRole } from '../../../shared/domain/operators';
import {
  DEFAULT_GRADE_TARGETS,
  GRADES,
  INCIDENT_TYPES,
  type Grade,
  type GradeTargets,
  type RunCard,
} from '../../../shared/domain/incidents';
import { MODULES, UNIT_KINDS, type UnitKind } from '../../../shared/domain/units';
import type { ReserveRule, SupportRules } from '../support/types';

const positive = z.number().positive();
const gradeTarget = z
  .object({ startMin: positive.max(24 * 60), onSceneMin: positive.max(24 * 60) })
  .refine((t) => t.startMin <= t.onSceneMin, 'startMin must not exceed onSceneMin');
const perGrade = <T extends z.ZodType>(v: T) => z.object({ I: v, II: v, III: v, IV: v });

const runCard = z.object({
  type: z.enum(INCIDENT_TYPES),
  grade: z.enum(GRADES),
  needs: z
    .array(z.object({ module: z.enum(MODULES), count: z.number().int().min(1).max(50) }))
    .min(1, 'a run card needs at least one module')
    .refine((n) => new Set(n.map((x) => x.module)).size === n.length, 'modules must not repeat'),
  expectedHours: positive.max(72),
  difficulty: positive.max(10),
  risk: positive.max(10),
});

const stationRef = z.string().regex(/^(\*|[A-Za-z0-9_.-]{1,64})$/, "a station id or '*'");

/** A minimum of a kind, or of units carrying a module: one of the two per rule. */
const reserveRule = z
  .object({
    stationId: stationRef,
    kind: z.enum(UNIT_KINDS).optional(),
    module: z.enum(MODULES).optional(),
    min: z.number().int().min(0),
  })
  .transform((r, ctx): ReserveRule => {
    if (r.kind !== undefined && r.module === undefined) {
      return { stationId: r.stationId, kind: r.kind, min: r.min };
    }
    if (r.module !== undefined && r.kind === undefined) {
      return { stationId: r.stationId, module: r.module, min: r.min };
    }
    ctx.addIssue({
      code: 'custom',
      message:
        'a reserve keeps units of a kind or units with a module: name exactly one of the two',
    });
    return z.NEVER;
  });

export const supportFileSchema = z
  .object({
    gradeTargets: perGrade(gradeTarget),
    approvalRole: perGrade(z.enum(APPROVAL_ROLES)),
    emergencyAuthority: perGrade(z.boolean()).optional(),
    runCards: z.array(runCard),
    reserves: z.array(reserveRule),
    maxDutyHours: positive.max(24),
    batteryFloorPct: z.partialRecord(z.enum(UNIT_KINDS), z.number().min(0).max(100)),
    weights: z.object({
      burdenS: z.number().min(0),
      nonLocalS: z.number().min(0),
      latePenalty: z.number().min(0),
      coverageS: z.number().min(0).optional(),
      etaWeight: z.number().min(0).max(10).optional(),
    }),
    /**
     * The coverage term: demand = the stations (weighted by jurisdictionNeeds), covered when a
     * unit reaches them within thresholdMin; busyFraction = chance a unit is busy (MEXCLP q).
     */
    coverage: z
      .object({
        thresholdMin: positive.max(24 * 60),
        busyFraction: z.number().min(0).max(0.99),
      })
      .optional(),
    solverTimeLimitMs: z.number().int().min(10).max(10_000),
    travel: z.object({
      detourFactor: z.number().min(1).max(5),
      terrainFactor: z.number().min(1).max(5).optional(),
      speedsKmh: z.partialRecord(z.enum(UNIT_KINDS), z.number().positive().max(400)).optional(),
    }),
    geofenceM: z.number().min(10).max(10_000),
    ackTimeoutS: z.number().min(1).max(600),
    maxAttempts: z.number().int().min(1).max(20),
    slaWarnBeforeS: z.number().min(0).max(3600),
    recommendationExpiryMin: z
      .number()
      .min(1)
      .max(24 * 60),
    shifts: z.object({
      startHours: z.array(z.number().min(0).lt(24)).min(1),
      lengthH: positive.max(24),
      utcOffsetMin: z.number().int().min(-720).max(840),
    }),
    /** Available units each station area needs; a shortfall over 30 % raises a suggestion. */
    jurisdictionNeeds: z.record(
      z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
      z.number().int().min(1),
    ),
    burdenWindowDays: positive.max(366),
  })
  .superRefine((f, ctx) => {
    // Every type × grade exactly once: a request must always find its card.
    const seen = new Set<string>();
    f.runCards.forEach((c, i) => {
      const key = `${c.type}/${c.grade}`;
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['runCards', i], message: `duplicate card ${key}` });
      }
      seen.add(key);
    });
    for (const t of INCIDENT_TYPES) {
      for (const g of GRADES) {
        if (!seen.has(`${t}/${g}`)) {
          ctx.addIssue({
            code: 'custom',
            path: ['runCards'],
            message: `no run card for ${t} ${g}`,
          });
        }
      }
    }
  });
export type SupportFile = z.infer<typeof supportFileSchema>;

/** The support configuration of a loaded pack, in domain types. */
export interface SupportConfig {
  readonly gradeTargets: GradeTargets;
  readonly approvalRole: Readonly<Record<Grade, ApprovalRole>>;
  /** Grades a commander may dispatch under emergency authority (紧急授权). */
  readonly emergencyAuthority: Readonly<Record<Grade, boolean>>;
  readonly runCards: readonly RunCard[];
  readonly rules: SupportRules;
  readonly travel: {
    readonly detourFactor: number;
    readonly terrainFactor?: number;
    readonly speedsKmh?: Partial<Record<UnitKind, number>>;
  };
  readonly geofenceM: number;
  readonly ackTimeoutS: number;
  readonly maxAttempts: number;
  readonly slaWarnBeforeS: number;
  readonly recommendationExpiryMin: number;
  readonly shifts: {
    readonly startHours: readonly number[];
    readonly lengthH: number;
    readonly utcOffsetMin: number;
  };
  readonly jurisdictionNeeds: Readonly<Record<string, number>>;
  readonly burdenWindowDays: number;
  /** The recommender's coverage term; absent: no coverage term. */
  readonly coverage?: { readonly thresholdS: number; readonly busyFraction: number };
}

export function supportConfigFrom(f: SupportFile): SupportConfig {
  const reserves: ReserveRule[] = f.reserves;
  return {
    gradeTargets: f.gradeTargets,
    approvalRole: f.approvalRole,
    emergencyAuthority: f.emergencyAuthority ?? emergencyDefault(f.approvalRole),
    runCards: f.runCards,
    rules: {
      reserves,
      maxDutyHours: f.maxDutyHours,
      batteryFloorPct: f.batteryFloorPct,
      weights: {
        burdenS: f.weights.burdenS,
        nonLocalS: f.weights.nonLocalS,
        latePenalty: f.weights.latePenalty,
        ...(f.weights.coverageS !== undefined ? { coverageS: f.weights.coverageS } : {}),
        ...(f.weights.etaWeight !== undefined ? { etaWeight: f.weights.etaWeight } : {}),
      },
      solverTimeLimitMs: f.solverTimeLimitMs,
    },
    travel: {
      detourFactor: f.travel.detourFactor,
      ...(f.travel.terrainFactor !== undefined ? { terrainFactor: f.travel.terrainFactor } : {}),
      ...(f.travel.speedsKmh !== undefined ? { speedsKmh: f.travel.speedsKmh } : {}),
    },
    geofenceM: f.geofenceM,
    ackTimeoutS: f.ackTimeoutS,
    maxAttempts: f.maxAttempts,
    slaWarnBeforeS: f.slaWarnBeforeS,
    recommendationExpiryMin: f.recommendationExpiryMin,
    shifts: f.shifts,
    jurisdictionNeeds: f.jurisdictionNeeds,
    burdenWindowDays: f.burdenWindowDays,
    ...(f.coverage !== undefined
      ? {
          coverage: {
            thresholdS: f.coverage.thresholdMin * 60,
            busyFraction: f.coverage.busyFraction,
          },
        }
      : {}),
  };
}

/** Grades I–II need a supervisor, III–IV the commander: the county default. */
export const DEFAULT_APPROVAL_ROLE: Readonly<Record<Grade, ApprovalRole>> = {
  I: 'supervisor',
  II: 'supervisor',
  III: 'commander',
  IV: 'commander',
};

/** By default, every grade that needs a supervisor allows emergency authority. */
function emergencyDefault(
  approvalRole: Readonly<Record<Grade, ApprovalRole>>,
): Record<Grade, boolean> {
  return {
    I: approvalRole.I === 'supervisor',
    II: approvalRole.II === 'supervisor',
    III: approvalRole.III === 'supervisor',
    IV: approvalRole.IV === 'supervisor',
  };
}

const GRADE_SCALE: Readonly<Record<Grade, number>> = { I: 4, II: 3, III: 2, IV: 1 };

/**
 * For a pack without support.json: public-order officers scaled by grade, so any roster can answer.
 * A real region should ship its own run cards.
 */
export function defaultSupportConfig(): SupportConfig {
  const runCards: SupportFile['runCards'] = INCIDENT_TYPES.flatMap((type) =>
    GRADES.map((grade) => ({
      type,
      grade,
      needs: [{ module: 'public-order' as const, count: GRADE_SCALE[grade] }],
      expectedHours: GRADE_SCALE[grade],
      difficulty: GRADE_SCALE[grade],
      risk: 1,
    })),
  );
  return supportConfigFrom({
    gradeTargets: { ...DEFAULT_GRADE_TARGETS },
    approvalRole: { ...DEFAULT_APPROVAL_ROLE },
    runCards,
    reserves: [],
    maxDutyHours: 12,
    batteryFloorPct: { drone: 30, 'officer-pair': 25 },
    weights: { burdenS: 300, nonLocalS: 120, latePenalty: 3 },
    solverTimeLimitMs: 250,
    travel: { detourFactor: 1.35 },
    geofenceM: 200,
    ackTimeoutS: 15,
    maxAttempts: 3,
    slaWarnBeforeS: 300,
    recommendationExpiryMin: 30,
    shifts: { startHours: [8, 20], lengthH: 12, utcOffsetMin: 480 },
    jurisdictionNeeds: {},
    burdenWindowDays: 30,
  });
}
