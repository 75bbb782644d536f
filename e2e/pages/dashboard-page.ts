import { expect, type Locator, type Page, type Response } from '@playwright/test';

/** Page object for /dashboards and /d/{slug}. */
export class DashboardPage {
  constructor(private readonly page: Page) {}

  async open(slug: string, query = '') {
    await this.page.goto(`/d/${slug}${query ? `?${query}` : ''}`);
    await expect(this.page.getByTestId('dashboard')).toBeVisible();
  }

  panels(): Locator {
    return this.page.getByTestId('panel');
  }

  panel(id: string): Locator {
    return this.page.locator(`[data-testid="panel"][data-panel-id="${id}"]`);
  }

  /** Waits until no panel is loading any more. */
  async waitForPanelsSettled(timeout = 30_000) {
    await expect(this.page.locator('[data-testid="panel"][data-state="loading"]')).toHaveCount(0, { timeout });
  }

  /** Ids of panels in a given state (ready, no-data, empty, error, forbidden). */
  async panelIdsIn(state: string): Promise<string[]> {
    return this.page.locator(`[data-testid="panel"][data-state="${state}"]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-panel-id') ?? ''));
  }

  /** Every panel id on the page in order, optionally narrowed by a CSS suffix such as `[data-panel-type="stat"]`. */
  async panelIds(narrow = ''): Promise<string[]> {
    return this.page.locator(`[data-testid="panel"]${narrow}`).evaluateAll((els) => els.map((e) => e.getAttribute('data-panel-id') ?? ''));
  }

  variable(label: string): Locator {
    return this.page.getByRole('group', { name: 'Variables' }).getByLabel(label);
  }

  /** Resolves with the panel data response of `panelId` whose URL satisfies `match`. */
  waitForPanelResponse(slug: string, panelId: string, match: (url: URL) => boolean = () => true): Promise<Response> {
    return this.page.waitForResponse((r) => {
      const url = new URL(r.url());
      return url.pathname === `/api/dashboards/${slug}/panels/${panelId}` && match(url);
    });
  }

  deploymentMarkers(panelId: string): Locator {
    return this.panel(panelId).getByTestId('deployment-marker');
  }

  fileErrors(): Locator {
    return this.page.getByTestId('file-error');
  }
}
