// Incidents and the response plans (run cards, 预案) that say what support each one needs.
import type { LonLat } from './region';
import type { CapabilityModule } from './units';

/** Incident grades, most severe first (I 特别重大 … IV 一般). */
export const GRADES = ['I', 'II', 'III', 'IV'] as const;
export type Grade = (typeof GRADES)[number];

export const INCIDENT_TYPES = [
  'public-disorder',
  'violent-crime',
  'hostage',
  'bomb-threat',
  'traffic-accident',
  'missing-person',
  'natural-disaster',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

/** Support time targets of a grade, minutes from approval (start) and to on-scene. */
export interface GradeTarget {
  /** Every ordered unit has acknowledged and is moving within this many minutes. */
  readonly startMin: number;
  /** Every unit is on scene within this many minutes. */
  readonly onSceneMin: number;
}

export type GradeTargets = Readonly<Record<Grade, GradeTarget>>;

/** Seed 003's targets (I: start ≤ 15, on scene ≤ 30; II ≤ 30; IV ≤ 60; III between). Editable per region. */
export const DEFAULT_GRADE_TARGETS: GradeTargets = {
  I: { startMin: 15, onSceneMin: 30 },
  II: { startMin: 15, onSceneMin: 30 },
  III: { startMin: 20, onSceneMin: 45 },
  IV: { startMin: 30, onSceneMin: 60 },
};

export interface ModuleNeed {
  readonly module: CapabilityModule;
  readonly count: number;
}

/** A run card: what an incident of this type and grade needs, and how hard the task is. */
export interface RunCard {
  readonly type: IncidentType;
  readonly grade: Grade;
  readonly needs: readonly ModuleNeed[];
  /** Expected time on task, hours (used for the 12 h duty check and task points). */
  readonly expectedHours: number;
  /** Task points factors (积分 = difficulty × duration h × risk). */
  readonly difficulty: number;
  readonly risk: number;
}

export const INCIDENT_STATES = ['open', 'closed'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export interface Incident {
  readonly id: string;
  readonly type: IncidentType;
  readonly grade: Grade;
  readonly lonLat: LonLat;
  /** The receiving jurisdiction (a station id): it commands on scene (属地为主). */
  readonly jurisdictionId: string;
  readonly description: string;
  readonly reporter: string;
  /** Operator id who commands the incident; orders to units attached to it come only from them. */
  readonly commander: string;
  readonly state: IncidentState;
  readonly createdMs: number;
  readonly updatedMs: number;
  /** True in exercise mode: drill data never mixes with live data. */
  readonly drill: boolean;
  /** Who closed it (结案) and why; absent while open. */
  readonly closedBy?: string;
  readonly closeReason?: string;
}

/** What the renderer sends to create an incident; the core fills id, commander, state, times. */
export interface IncidentDraft {
  readonly type: IncidentType;
  readonly grade: Grade;
  readonly lonLat: LonLat;
  readonly description: string;
  readonly reporter: string;
  /** Defaults to the station area containing lonLat. */
  readonly jurisdictionId?: string;
}
