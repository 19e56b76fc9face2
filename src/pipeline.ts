/**
 * The whole run, host-independent: tables → parsed inputs → engine → one sorted list of issues.
 * The engine runs whenever there is a roster to rank, even when parsing found errors, so that the JSON
 * and the pane show as much as possible; but any error issue means nothing may be written to a workbook
 * (SPEC §4.1): callers check `canWrite`.
 */
import type { Config } from './engine/config';
import { runEngine } from './engine';
import { hasErrors, withPlace, type Issue } from './engine/issues';
import type { EngineOutput, ResultJson } from './engine/result';
import { dedupeIssues, parseTables, type ParsedWorkbook, type ParseOptions } from './sheets/parse';
import type { RawTable } from './sheets/table';

export interface Analysis {
  parsed: ParsedWorkbook;
  /** null when there is no student to rank. Its result.issues are the combined issues. */
  output: EngineOutput | null;
  /** Parse and engine issues, deduplicated and sorted (severity, sheet, row, column). */
  issues: Issue[];
  /** False when any error issue exists: nothing may be written. */
  canWrite: boolean;
}

export function analyse(tables: RawTable[], config: Config, options: ParseOptions = {}): Analysis {
  const parsed = parseTables(tables, config, options);
  let output: EngineOutput | null = null;
  // Every error and warning names its sheet and cell (issue 5), whichever layer raised it.
  let issues = parsed.issues.map(withPlace);
  if (parsed.input.students.length > 0) {
    const engine = runEngine(parsed.input, config);
    issues = dedupeIssues([...parsed.issues, ...engine.result.issues].map(withPlace));
    output = { ...engine, result: { ...engine.result, issues } };
  }
  return { parsed, output, issues, canWrite: !hasErrors(issues) && output !== null };
}

/** The SPEC §3.3 object for a run: the engine's result, or an empty one holding the issues. */
export function resultJson(a: Analysis, config: Config): ResultJson {
  return a.output?.result ?? { version: 1, config, groups: [], students: [], issues: a.issues };
}
