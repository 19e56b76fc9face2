/**
 * The engine's public API (a barrel): `runEngine` (run.ts) turns parsed inputs into the SPEC §3.3 result
 * plus the details the 附件 sheets need; each rule of SPEC §2 lives in its own file (README: 规则在哪里).
 */
export { runEngine } from './run';
export type { EngineHooks } from './run';
export { defaultConfig, parseConfig, configSchema } from './config';
export type { Config, ConfigProblem } from './config';
export { parseScore, normaliseText } from './scores';
export type { ParsedScore, ScoreFailureCode } from './scores';
export { groupOf, buildGroups } from './groups';
export * from './model';
export * from './result';
export * from './issues';
export * from './exact';
