import { expect, type Page } from '@playwright/test';

/** Waits until React has hydrated the page (app/providers.tsx marks <html data-hydrated>). */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
}

/**
 * Holds the page's scripts back until the returned function is called, so that the server-rendered
 * page is used as it is before React hydrates it (typing, clicking, native form submission).
 */
export async function holdScripts(page: Page): Promise<() => void> {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/**/*.js', async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
