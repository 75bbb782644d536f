import 'server-only';
import { logger } from '@/lib/observability/log';
import { getDb } from './client';

export interface AuditInput {
  actor: string;
  action: string;
  target: string;
  details?: unknown;
}

/** Writes an audit event; a failure is logged, never hidden, and rethrown to the caller. */
export async function recordAudit(input: AuditInput): Promise<void> {
  const db = await getDb();
  try {
    await db.auditEvent.create({
      data: { actor: input.actor, action: input.action, target: input.target, details: input.details === undefined ? null : JSON.stringify(input.details) },
    });
  } catch (err) {
    logger.error('audit event not written', { ...input, err: String(err) });
    throw err;
  }
}
