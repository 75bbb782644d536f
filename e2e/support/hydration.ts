import { expect, type Page } from '@playwright/test';

/** Waits until React has hydrated the page (app/providers.tsx marks <html data-hydrated>). */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}
