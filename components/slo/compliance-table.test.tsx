import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SloMonth } from '@/lib/slo/bff-types';
import { ComplianceTable } from './compliance-table';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const cells = (html: string): string[] => [...html.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => text(m[1] ?? ''));
const month = (over: Partial<SloMonth>): SloMonth => ({ month: '2026-10', partial: false, sli: 0.9999, validCount: 1_000, budgetSpent: 0.02, coverage: 1, verdict: 'met', ...over });

describe('ComplianceTable', () => {
  it('does not judge a month the data covers only partly', () => {
    const row = text(renderToStaticMarkup(<ComplianceTable objective={99.5} months={[month({ coverage: 22 / 31, verdict: 'partial_data' })]} />));
    expect(row).toContain('Partial data (70% covered)');
    expect(row).not.toMatch(/Met|Missed/);
  });

  it('shows the SLI with as many decimals as a precise objective, never rounded up', () => {
    const achieved = (sli: number): string | undefined => cells(renderToStaticMarkup(<ComplianceTable objective={99.9999} months={[month({ sli })]} />))[1];
    expect(achieved(0.99999989)).toBe('99.9999%');
    expect(achieved(0.99999899)).toBe('99.9998%');
  });
});
