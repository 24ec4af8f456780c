// The support recommender: pure code; the clock and the solver come in as arguments.
export { recommend, loadSolver, ALTERNATIVES, WARM_UP_RUNS } from './recommend';
export { evaluatePackage, assignCovers, RULE_VIOLATIONS } from './whatIf';
export type { RuleViolation, RuleViolationKind, WhatIfPackage } from './whatIf';
export { loadHighsSolver } from './solver';
export type { HighsLoader, MilpResult, MilpSolver, MilpStatus } from './solver';
export { greedy, greedyAlternatives, scarcityOrder } from './greedy';
export { assessPool, mergeNeeds, EXCLUSION_REASONS } from './eligibility';
export type { Candidate, Eligibility, ExclusionReason, UnitVerdict } from './eligibility';
export { buildModel, pruneCandidates, readPlan, cutFor, keepPerNeed } from './milp';
export type { MilpModel } from './milp';
export { explainPlan } from './explain';
export { planScore, planKey, uncoveredCount } from './plan';
export type { Plan, PlanPick } from './plan';
export { MAKESPAN_WEIGHT, UNCOVERED_PENALTY_S, unitCostS, packageScore } from './cost';
export { reserveBook, groupKey } from './reserve';
export type { ReserveBook } from './reserve';
