/** Accounts for e2e tests, made through the sign-up form as a person makes them. */
import type { Page } from "@playwright/test";

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** Signs `who` up on the English form and waits for the page `next` (a path) it leads to. */
export async function signUp(page: Page, who: Person, next: string): Promise<void> {
  await page.goto(`/en/signin?mode=signup&next=${next}`);
  await page.getByRole("tab", { name: "Create account" }).click();
  await page.getByLabel("Name").fill(who.name);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.locator("form").getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => url.pathname === next);
}
