import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { diffDashboardSets, formatDiffs } from '@/lib/dashboards/diff';
import { isDefinitionFile, kindOfPath, parseDashboardFile } from '@/lib/dashboards/parse-file';
import type { Dashboard } from '@/lib/dashboards/schema';
import { DEFAULT_DASHBOARDS_DIR, collectFiles, readSources } from './files';

// npm run diff:dashboards -- <git-ref> [folder]
// Compares the dashboards at <git-ref> with the working tree and prints what a reviewer needs.
const { positionals } = parseArgs({ allowPositionals: true });
const [ref, dir = DEFAULT_DASHBOARDS_DIR] = positionals;

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

/** Parses dashboards, reporting (not hiding) files that do not validate. */
function toDashboards(sources: { file: string; text: string }[], side: string): Dashboard[] {
  const out: Dashboard[] = [];
  for (const s of sources.filter((f) => kindOfPath(f.file) === 'dashboard')) {
    const parsed = parseDashboardFile(s.file, s.text);
    if (parsed.value) out.push(parsed.value);
    else console.error(`${side}: ${s.file} does not validate (${parsed.errors[0]?.message ?? 'unknown error'}); run npm run lint:dashboards`);
  }
  return out;
}

function main(): number {
  if (!ref) {
    console.error('usage: npm run diff:dashboards -- <git-ref> [folder]');
    return 2;
  }
  const prefix = git('rev-parse', '--show-prefix').trim();
  const listed = git('ls-tree', '-r', '--name-only', ref, '--', dir).split('\n').filter((f) => f && isDefinitionFile(f));
  const before = listed.map((file) => ({ file, text: git('show', `${ref}:${prefix}${file}`) }));
  const after = readSources(collectFiles([dir]));
  console.log(formatDiffs(diffDashboardSets(toDashboards(before, ref), toDashboards(after, 'working tree'))));
  return 0;
}

try {
  process.exit(main());
} catch (e) {
  console.error(`diff:dashboards failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
