import { parseArgs } from 'node:util';
import { countBySeverity, formatDiagnostic, lintFiles } from '@/lib/dashboards/lint';
import { lintOnline } from '@/lib/dashboards/lint-online';
import { kindOfPath, parseDashboardFile } from '@/lib/dashboards/parse-file';
import { DEFAULT_DASHBOARDS_DIR, collectFiles, readAlertRuleNames, readSources } from './files';

// npm run lint:dashboards -- [files or folders] [--online <prometheus-url>]
// Prints `file:line:col: severity: message`; exits 1 when there is an error.
const { values, positionals } = parseArgs({ allowPositionals: true, options: { online: { type: 'string' }, rules: { type: 'string', default: 'scripts/backends/prometheus/rules' } } });

async function main(): Promise<number> {
  const sources = readSources(collectFiles(positionals.length ? positionals : [DEFAULT_DASHBOARDS_DIR]));
  const context = readSources(collectFiles([DEFAULT_DASHBOARDS_DIR]));
  const alertRules = readAlertRuleNames(values.rules ?? '');
  const diagnostics = lintFiles(sources, { context, ...(alertRules ? { alertRules } : {}) });
  if (values.online) {
    const dashboards = sources.filter((s) => kindOfPath(s.file) === 'dashboard').map((s) => parseDashboardFile(s.file, s.text));
    diagnostics.push(...(await lintOnline(dashboards, values.online)));
  }
  for (const d of diagnostics) console.log(formatDiagnostic(d));
  const n = countBySeverity(diagnostics);
  console.error(`${sources.length} files checked: ${n.error} errors, ${n.warning} warnings${values.online ? `, ${n.info} notes` : ''}`);
  return n.error > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`lint:dashboards failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  },
);
