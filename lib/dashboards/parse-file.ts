import type { z } from 'zod';
import { SloSchema, type Slo } from '@/lib/slo/schema';
import { DashboardSchema, type Dashboard } from './schema';
import { positionOf, scanJson, toPointer, type Position } from './json-position';

/**
 * Parses one file of dashboards/ into a dashboard or an SLO, with every problem located by JSON
 * pointer and line/column. Pure: the loader and the lint command both read files, then call this.
 */

/** A problem in one file; `pointer` is "" for the whole file. */
export interface FileError {
  file: string;
  pointer: string;
  message: string;
  line?: number;
  column?: number;
}

/** SLO definitions live in a `slos` folder; everything else is a dashboard. */
export type DefinitionKind = 'dashboard' | 'slo';

export interface ParsedFile<T> {
  file: string;
  text: string;
  /** Where each JSON pointer's value starts; empty when the JSON did not parse. */
  positions: ReadonlyMap<string, Position>;
  value: T | null;
  errors: FileError[];
}

/** Decides what a file holds from its path: `.../slos/<id>.json` is an SLO. */
export function kindOfPath(file: string): DefinitionKind {
  return /(^|[\\/])slos[\\/][^\\/]+\.json$/.test(file) ? 'slo' : 'dashboard';
}

/** True for files in dashboards/ that are definitions (not the generated JSON Schema). */
export function isDefinitionFile(file: string): boolean {
  return file.endsWith('.json') && !/(^|[\\/])([^\\/]*\.)?schema\.json$/.test(file);
}

/** Builds a located error for a pointer of a scanned file. */
export function locate(file: string, positions: ReadonlyMap<string, Position>, pointer: string, message: string): FileError {
  const pos = positionOf(positions, pointer);
  return { file, pointer, message, ...(pos ? { line: pos.line, column: pos.column } : {}) };
}

function parseWith<S extends z.ZodType>(schema: S, file: string, text: string): ParsedFile<z.infer<S>> {
  const scan = scanJson(text);
  if (scan.error) {
    const { line, column } = scan.error.position;
    return { file, text, positions: scan.positions, value: null, errors: [{ file, pointer: '', message: `invalid JSON: ${scan.error.message}`, line, column }] };
  }
  const result = schema.safeParse(JSON.parse(text));
  if (result.success) return { file, text, positions: scan.positions, value: result.data, errors: [] };
  const errors = result.error.issues.map((issue) => {
    // An unknown key is best pointed at the key's own value, not at the object holding it.
    const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    return locate(file, scan.positions, toPointer(path), describeIssue(issue));
  });
  return { file, text, positions: scan.positions, value: null, errors };
}

/** Turns a zod issue into a sentence that names the field. */
function describeIssue(issue: z.core.$ZodIssue): string {
  // Name the field as an editor shows it: the last key, with an index when the path ends in one.
  const last = issue.path.findLastIndex((p) => typeof p !== 'number');
  const field = last < 0 ? 'file' : `${String(issue.path[last])}${issue.path.slice(last + 1).map((i) => `[${String(i)}]`).join('')}`;
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) return `"${issue.discriminator}" must be one of the known types`;
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return `"${field}" is required`;
  return `"${field}": ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`;
}

/** Parses and validates a dashboard file. */
export function parseDashboardFile(file: string, text: string): ParsedFile<Dashboard> {
  return parseWith(DashboardSchema, file, text);
}

/** Parses and validates an SLO definition file. */
export function parseSloFile(file: string, text: string): ParsedFile<Slo> {
  return parseWith(SloSchema, file, text);
}
