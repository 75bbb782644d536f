import { expect, type Page } from '@playwright/test';

/**
 * Waits until React has hydrated the whole page: the root (app/providers.tsx marks <html
 * data-hydrated>) and every Suspense boundary, which may hydrate later. A boundary's controls are
 * React's once React has put its props on them; until then a click on them is lost or, in a form,
 * submits it natively.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('button, input, select, textarea')).every((el) => Object.keys(el).some((k) => k.startsWith('__reactProps$'))),
  );
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
