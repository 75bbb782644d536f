import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isDefinitionFile } from '@/lib/dashboards/parse-file';
import type { SourceFile } from '@/lib/dashboards/lint';

/** The dashboards folder the commands use when given no paths. */
export const DEFAULT_DASHBOARDS_DIR = 'dashboards';

/** Definition files under the given files or folders (folders are walked, schema.json skipped). */
export function collectFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) throw new Error(`${p}: no such file or folder`);
    if (s.isFile()) return void out.push(p);
    for (const e of readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const child = path.join(p, e.name);
      if (e.isDirectory()) walk(child);
      else if (isDefinitionFile(e.name)) out.push(child);
    }
  };
  paths.forEach(walk);
  return out;
}

/** Reads files as lint sources, named relative to the current folder. */
export function readSources(files: readonly string[]): SourceFile[] {
  return files.map((f) => ({ file: path.relative(process.cwd(), path.resolve(f)), text: readFileSync(f, 'utf8') }));
}

/** Alert names in Prometheus rule files (`- alert: Name`), or undefined when there are none. */
export function readAlertRuleNames(dir: string): Set<string> | undefined {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  } catch {
    return undefined;
  }
  if (files.length === 0) return undefined;
  const names = new Set<string>();
  for (const f of files) for (const m of readFileSync(path.join(dir, f), 'utf8').matchAll(/^\s*-?\s*alert:\s*["']?([A-Za-z_:][\w:]*)/gm)) names.add(m[1] ?? '');
  return names;
}
