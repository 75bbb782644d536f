import type { Slo } from '@/lib/slo/schema';
import type { Dashboard } from './schema';
import { positionOf } from './json-position';
import { kindOfPath, parseDashboardFile, parseSloFile, type ParsedFile } from './parse-file';
import { findingPosition, lintDashboard, type Severity } from './lint-dashboard';

/**
 * The dashboards linter: schema, cross-file references and per-dashboard checks over a set of
 * files held in memory. The CLI (scripts/dashboards/lint.ts) reads the files and prints the result.
 */

export type { Severity } from './lint-dashboard';

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
  pointer: string;
}

export interface SourceFile {
  file: string;
  text: string;
}

export interface LintOptions {
  /** Files that are not linted but whose slugs and SLO ids references may point at. */
  context?: readonly SourceFile[];
  /** Known Prometheus alert rule names; when given, threshold references are checked. */
  alertRules?: ReadonlySet<string>;
}

/** Formats one diagnostic the way compilers do: `file:line:col: severity: message`. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

type Parsed = { kind: 'dashboard'; parsed: ParsedFile<Dashboard> } | { kind: 'slo'; parsed: ParsedFile<Slo> };

function parse(f: SourceFile): Parsed {
  return kindOfPath(f.file) === 'slo' ? { kind: 'slo', parsed: parseSloFile(f.file, f.text) } : { kind: 'dashboard', parsed: parseDashboardFile(f.file, f.text) };
}

/** Lints `files`; returns diagnostics sorted by file and position. */
export function lintFiles(files: readonly SourceFile[], options: LintOptions = {}): Diagnostic[] {
  const targets = files.map(parse);
  const targetNames = new Set(files.map((f) => f.file));
  const context = (options.context ?? []).filter((f) => !targetNames.has(f.file)).map(parse);
  const out: Diagnostic[] = [];
  const report = (p: ParsedFile<unknown>, pointer: string, severity: Severity, message: string, line?: number, column?: number) => {
    const pos = line === undefined ? positionOf(p.positions, pointer) : undefined;
    out.push({ file: p.file, pointer, severity, message, line: line ?? pos?.line ?? 1, column: column ?? pos?.column ?? 1 });
  };

  for (const t of targets) for (const e of t.parsed.errors) report(t.parsed, e.pointer, 'error', e.message, e.line, e.column);

  // Slugs and SLO ids of every readable file, first owner wins; duplicates are reported on the later file.
  const slugOwner = new Map<string, string>();
  const sloOwner = new Map<string, string>();
  for (const { kind, parsed } of [...context, ...targets]) {
    if (!parsed.value) continue;
    const [owners, key] = kind === 'dashboard' ? [slugOwner, (parsed.value as Dashboard).slug] : [sloOwner, (parsed.value as Slo).id];
    const owner = owners.get(key);
    if (owner === undefined) owners.set(key, parsed.file);
    else if (targetNames.has(parsed.file)) report(parsed, kind === 'dashboard' ? '/slug' : '/id', 'error', `${kind === 'dashboard' ? 'slug' : 'SLO id'} "${key}" is already used by ${owner}`);
  }
  const refs = { slugs: new Set(slugOwner.keys()), sloIds: new Set(sloOwner.keys()), ...(options.alertRules ? { alertRules: options.alertRules } : {}) };

  for (const t of targets) {
    if (t.kind === 'slo') {
      const dash = t.parsed.value?.links.dashboard;
      if (dash !== undefined && !refs.slugs.has(dash)) report(t.parsed, '/links/dashboard', 'error', `links to dashboard "${dash}", which does not exist`);
      continue;
    }
    const d = t.parsed.value;
    if (!d) continue;
    for (const f of lintDashboard(d, t.parsed.text, t.parsed.positions, refs)) {
      const pos = findingPosition(f, t.parsed.positions);
      report(t.parsed, f.pointer, f.severity, f.message, pos?.line ?? 1, pos?.column ?? 1);
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Counts diagnostics by severity, for the summary line. */
export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}
