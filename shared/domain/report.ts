// The after-action report (复盘) of a session or a period of it: how fast support went out and
// arrived per grade, whether the grade's target held, the alerts and how fast they were taken,
// the burden per jurisdiction and who helped whom. Computed in the core from the session's log.
import type { AlertKind } from './alerts';
import type { Grade } from './incidents';
import type { SessionInfo } from './session';

/** The support loop's steps, each timed from the step before it; 'total' is request → on scene. */
export const REPORT_STAGES = ['recommend', 'approve', 'dispatch', 'on-scene', 'total'] as const;
export type ReportStage = (typeof REPORT_STAGES)[number];

export interface StageStats {
  /** Requests that reached the stage in the period. */
  readonly n: number;
  /** Seconds; null when no request reached it. */
  readonly p50S: number | null;
  readonly p90S: number | null;
}

export interface GradeReport {
  readonly incidents: number;
  readonly requests: number;
  readonly stages: Readonly<Record<ReportStage, StageStats>>;
  /** The grade's target from approval to every unit on scene, in minutes. */
  readonly targetOnSceneMin: number;
  /** Approved requests whose whole package was on scene within the target, or not, or not yet. */
  readonly sla: { readonly met: number; readonly missed: number; readonly open: number };
}

export interface AfterActionReport {
  readonly session: SessionInfo;
  readonly fromMs: number;
  readonly toMs: number;
  readonly generatedMs: number;
  readonly byGrade: Readonly<Record<Grade, GradeReport>>;
  readonly alerts: {
    readonly raised: number;
    readonly acked: number;
    /** Seconds from raised to acknowledged. */
    readonly ackP50S: number | null;
    readonly ackP90S: number | null;
    readonly byKind: Readonly<Partial<Record<AlertKind, number>>>;
  };
  /** Task points per jurisdiction (station id), most first, and the Gini of the burden. */
  readonly points: {
    readonly byJurisdiction: readonly { id: string; points: number }[];
    readonly gini: number;
  };
  /** Units lent, from the lending station to the incident's jurisdiction. */
  readonly helped: readonly {
    readonly from: string;
    readonly to: string;
    readonly units: number;
  }[];
}
