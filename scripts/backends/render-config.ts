import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/** The checked-in config templates: prometheus.yml, alertmanager.yml, jaeger.yaml, loki.yaml. */
export const CONFIG_DIR = path.join(import.meta.dirname, 'config');

type TemplateValue = string | number | boolean | string[];

/**
 * Replaces each `{{name}}` with the JSON form of its value. JSON is valid YAML, so paths with
 * spaces or colons stay one scalar and lists become flow sequences. An unknown placeholder throws.
 */
export function renderTemplate(template: string, values: Record<string, TemplateValue>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`config template: no value for {{${name}}}`);
    return JSON.stringify(value);
  });
}

/** Renders scripts/backends/config/<templateName> into outDir and returns the written path. */
export function writeRenderedConfig(templateName: string, outDir: string, values: Record<string, TemplateValue>): string {
  const template = readFileSync(path.join(CONFIG_DIR, templateName), 'utf8');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, templateName);
  writeFileSync(outFile, renderTemplate(template, values));
  return outFile;
}
