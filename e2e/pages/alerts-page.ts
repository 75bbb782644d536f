import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for /alerts, /alerts/{id} and the trace page reached from an alert. */
export class AlertsPage {
  constructor(private readonly page: Page) {}

  /** Opens the alerts list from the main navigation, as a user would. */
  async openFromNav() {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await expect(this.page.getByRole('heading', { name: 'Alerts', exact: true })).toBeVisible();
    await expect(this.page.getByTestId('alert-list')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  }

  serviceGroup(service: string): Locator {
    return this.page.getByRole('region', { name: `Alerts of ${service}` });
  }

  alertLink(service: string, alertname: string): Locator {
    return this.serviceGroup(service).getByRole('link', { name: alertname, exact: true });
  }

  chart(): Locator {
    return this.page.getByTestId('alert-chart');
  }

  thresholdLine(): Locator {
    return this.chart().getByTestId('threshold-line');
  }

  deploymentMarker(service: string): Locator {
    return this.chart().locator(`[data-testid="deployment-marker"][data-service="${service}"]`);
  }

  /** Exemplar points of bad events (errors), drawn on top of the others. */
  badExemplars(): Locator {
    return this.chart().locator('[data-testid="exemplar-point"][data-bad="true"]');
  }

  /** The waterfall row of a span, by service and operation. */
  spanRow(service: string, operation: string): Locator {
    return this.page.getByRole('treeitem', { name: new RegExp(`^${service} ${operation},`) });
  }

  traceLogLines(): Locator {
    return this.page.getByRole('list', { name: 'Log lines of the trace' }).getByRole('listitem');
  }
}
