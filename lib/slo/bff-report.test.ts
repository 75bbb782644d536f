import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/api/errors';
import { parseReportMonth } from './bff-report';

const NOW = Date.UTC(2026, 10, 22, 12);

function refusal(month: string): string {
  try {
    parseReportMonth(month, NOW);
  } catch (e) {
    if (e instanceof AppError && e.code === 'INVALID_INPUT') return e.message;
    throw e;
  }
  return 'accepted';
}

describe('parseReportMonth', () => {
  it('gives a month its UTC start and the next month’s start', () => {
    expect(parseReportMonth('2026-02', NOW)).toEqual({ startMs: Date.UTC(2026, 1, 1), endMs: Date.UTC(2026, 2, 1) });
    expect(parseReportMonth('2025-12', NOW)).toEqual({ startMs: Date.UTC(2025, 11, 1), endMs: Date.UTC(2026, 0, 1) });
    expect(parseReportMonth('2026-11', NOW).startMs).toBe(Date.UTC(2026, 10, 1));
  });

  it('refuses malformed months, months before 1970 and months that have not started, saying which', () => {
    expect(refusal('2026-13')).toBe('month must look like 2026-11, got "2026-13"');
    expect(refusal('0000-01')).toBe('month 0000-01 is before 1970');
    expect(refusal('0099-05')).toBe('month 0099-05 is before 1970');
    expect(refusal('1969-12')).toBe('month 1969-12 is before 1970');
    expect(refusal('1970-01')).toBe('accepted');
    expect(refusal('2026-12')).toBe('month 2026-12 has not started yet');
  });
});
