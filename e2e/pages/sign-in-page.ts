import { expect, type Page } from '@playwright/test';
import { DEMO_LOGINS } from '../../lib/auth/demo-logins';
import type { Role } from '../../lib/env';
import { waitForHydration } from '../support/hydration';

/** Page object for /signin and the signed-in shell's user menu. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async signInAs(role: Role, callbackUrl = '/dashboards') {
    const login = DEMO_LOGINS.find((l) => l.role === role);
    if (!login) throw new Error(`no demo login for ${role}`);
    await this.page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await this.page.getByLabel('Email').fill(login.email);
    await this.page.getByLabel('Password').fill(login.password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page.getByTestId('current-user')).toContainText(login.email);
    // Tests go on to click React handlers on the landing page: a click before hydration is lost.
    await waitForHydration(this.page);
  }

  async signOut() {
    await this.page.getByRole('button', { name: 'Sign out' }).click();
    await expect(this.page.getByRole('heading', { name: 'Sign in to Sightline' })).toBeVisible();
  }

  mainNavLinks() {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link');
  }
}
