/**
 * A small YAML writer for generated rule and test files: block mappings and sequences, every
 * string quoted so no value can change meaning (`on`, `1e3`, `: `) when Prometheus reads it back.
 * Single quotes keep PromQL readable (no backslash escapes); strings with control characters
 * fall back to double quotes (a JSON string is a valid YAML double-quoted scalar).
 */

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function renderScalar(value: string | number | boolean | null): string {
  if (typeof value === 'string') {
    return /[\u0000-\u001f\u007f]/.test(value) ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot write ${value} to YAML`);
  return String(value);
}

function renderKey(key: string): string {
  return PLAIN_KEY.test(key) ? key : JSON.stringify(key);
}

function isCollection(value: YamlValue): value is YamlValue[] | { [key: string]: YamlValue | undefined } {
  return typeof value === 'object' && value !== null;
}

function renderLines(value: YamlValue, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}[]`];
    return value.flatMap((item) => {
      const lines = isCollection(item) && !(Array.isArray(item) && item.length === 0) ? renderLines(item, `${indent}  `) : [`${indent}  ${renderScalarOrEmpty(item)}`];
      const first = lines[0] ?? '';
      return [`${indent}- ${first.slice(indent.length + 2)}`, ...lines.slice(1)];
    });
  }
  if (isCollection(value)) {
    const entries = Object.entries(value).filter((e): e is [string, YamlValue] => e[1] !== undefined);
    if (entries.length === 0) return [`${indent}{}`];
    return entries.flatMap(([key, item]) => {
      if (isCollection(item) && !(Array.isArray(item) && item.length === 0) && !(!Array.isArray(item) && Object.keys(item).length === 0)) {
        return [`${indent}${renderKey(key)}:`, ...renderLines(item, `${indent}  `)];
      }
      return [`${indent}${renderKey(key)}: ${renderScalarOrEmpty(item)}`];
    });
  }
  return [`${indent}${renderScalar(value)}`];
}

function renderScalarOrEmpty(value: YamlValue): string {
  if (Array.isArray(value)) return '[]';
  if (isCollection(value)) return '{}';
  return renderScalar(value);
}

/** Renders a value as block YAML, with optional `# ` comment lines on top. */
export function toYaml(value: YamlValue, headerComments: string[] = []): string {
  return [...headerComments.map((c) => `# ${c}`.trimEnd()), ...renderLines(value, '')].join('\n') + '\n';
}
