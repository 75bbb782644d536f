import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BudgetBar } from './budget-bar';

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('BudgetBar', () => {
  it('says a budget met exactly is spent with none left, not overspent', () => {
    expect(text(renderToStaticMarkup(<BudgetBar remaining={0} />))).toBe('Budget spent (none left)');
    expect(text(renderToStaticMarkup(<BudgetBar remaining={-0.4} />))).toBe('Budget spent (40% over)');
    expect(text(renderToStaticMarkup(<BudgetBar remaining={0.6} />))).toBe('60% of budget left');
  });
});
