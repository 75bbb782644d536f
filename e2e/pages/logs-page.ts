import { expect, type Page } from '@playwright/test';

/** Page object for /logs, the logs explorer. */
export class LogsPage {
  constructor(private readonly page: Page) {}

  /** Opens the explorer with a query already in the URL (as a shared link would). */
  async open(query: string) {
    await this.page.goto(`/logs?query=${encodeURIComponent(query)}&from=now-1h&to=now`);
  }

  /** Waits until the page is interactive: the label picker has Loki's label names (so typing is not lost to hydration). */
  async ready() {
    await expect(this.page.getByLabel('Label', { exact: true }).locator('option', { hasText: /^service_name$/ })).toHaveCount(1);
  }

  async run(query: string) {
    await this.ready();
    await this.page.getByRole('textbox', { name: 'LogQL' }).fill(query);
    await this.page.getByRole('button', { name: 'Run' }).click();
  }

  lines() {
    return this.page.getByRole('list', { name: 'Log lines' }).getByRole('listitem');
  }

  line(text: string) {
    return this.lines().filter({ hasText: text });
  }

  queryError() {
    return this.page.getByRole('alert').filter({ hasText: /parse error/ });
  }

  async pickLabel(name: string, value: string) {
    await this.ready();
    await this.page.getByLabel('Label', { exact: true }).selectOption(name);
    await expect(this.page.getByLabel('Label value').locator('option', { hasText: value })).toHaveCount(1);
    await this.page.getByLabel('Label value').selectOption(value);
  }
}
