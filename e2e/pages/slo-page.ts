import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Text that only operators and developers may see: raw PromQL, metric names, trace links. */
const OPERATOR_ONLY = [/http_server_requests_total/, /sum\(rate\(/, /increase\(/, /\/traces\//, /PromQL/i];

/** Page object for /slos and /slos/{id}. */
export class SloPage {
  constructor(private readonly page: Page) {}

  async gotoList() {
    await this.page.goto('/slos');
    await expect(this.page.getByRole('heading', { name: 'SLOs', level: 1 })).toBeVisible();
    await expect(this.page.getByRole('list', { name: 'SLOs' })).toBeVisible();
  }

  /** The summary card of one SLO in the list, by its name. */
  card(name: string): Locator {
    return this.page.getByRole('article', { name, exact: true });
  }

  async goto(id: string) {
    await this.page.goto(`/slos/${id}`);
    await expect(this.sentence()).toBeVisible();
  }

  sentence(): Locator {
    return this.page.getByTestId('slo-sentence');
  }

  state(): Locator {
    return this.page.getByRole('main').getByTestId('slo-state').first();
  }

  section(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }

  burnRateRows(): Locator {
    return this.page.getByRole('table', { name: 'Burn rate per alert window' }).locator('tbody tr');
  }

  complianceRows(): Locator {
    return this.page.getByTestId('compliance-row');
  }

  async downloadReport(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByRole('link', { name: /report \(CSV\)/ }).click()]);
    return download;
  }

  /** Fails when the main content shows anything operator-only. */
  async expectNoOperatorContent() {
    const text = await this.page.getByRole('main').innerText();
    for (const pattern of OPERATOR_ONLY) expect(text, `operator-only content ${pattern} on ${this.page.url()}`).not.toMatch(pattern);
    await expect(this.page.getByRole('main').locator('a[href*="/traces/"], a[href*="/explore"]')).toHaveCount(0);
  }
}
