import type { ServerLogger } from './write-answer';

/** A line the server's logger wrote, as kept by keptLog (tests). */
export interface LogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  fields: Record<string, unknown>;
}

/** A stand-in for the structured logger that keeps its lines, for the server's tests. */
export function keptLog(): { log: ServerLogger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (msg: string, fields: Record<string, unknown> = {}) => void lines.push({ level, msg, fields });
  return { log: { info: at('info'), warn: at('warn'), error: at('error') }, lines };
}
