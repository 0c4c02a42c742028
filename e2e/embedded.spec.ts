import { expect, test } from "@playwright/test";

// The server of this project runs with no DATABASE_URL: embedded PGlite, migrated and seeded on first use.
test("the embedded database serves the seeded article in both locales", async ({ page }) => {
  await page.goto("/en/q/docker-overlay-network");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What is a Docker overlay network and when do you need it?");
  await page.goto("/uk/q/swarm-routing-mesh");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Що таке routing mesh у Docker Swarm і як він пов’язаний з overlay?");
});
