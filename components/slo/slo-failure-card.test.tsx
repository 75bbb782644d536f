import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SloFailureCard } from './slo-failure-card';

describe('SloFailureCard', () => {
  it('names the SLO, links to its page and shows its own error', () => {
    const html = renderToStaticMarkup(
      <SloFailureCard failure={{ sloId: 'broken', name: 'Broken', journey: 'A thing happens', links: { dashboard: null, runbook: null }, error: { code: 'INTERNAL', message: 'internal error; see the server log for request r1' } }} />,
    );
    expect(html).toContain('aria-label="Broken"');
    expect(html).toContain('href="/slos/broken"');
    expect(html).toContain('SLO figures could not be loaded.');
    expect(html).toContain('INTERNAL: internal error; see the server log for request r1');
  });
});
