import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import type { SessionUser } from "@/server/api/trpc";
import { getSessionUser } from "@/server/auth";
import { getDb } from "@/server/db";
import styles from "./moderation.module.css";

/**
 * What the moderation pages show before their content: a sign-in prompt when anonymous, a 403
 * message for non-moderators. The page reflects the role; every procedure checks it again.
 */
export async function moderatorGate(locale: string, path: string): Promise<{ user: SessionUser | null; block: React.ReactNode | null }> {
  const t = await getTranslations("moderation");
  const user = await getSessionUser(await getDb(), await headers());
  if (!user) {
    return {
      user,
      block: (
        <div className={styles.gate} data-testid="moderation-signin">
          <p>{t("signInPrompt")}</p>
          <a className={styles.primary} href={`/${locale}/signin?next=${encodeURIComponent(path)}`}>
            {t("signIn")}
          </a>
        </div>
      ),
    };
  }
  if (user.role !== "moderator" && user.role !== "admin") {
    return {
      user,
      block: (
        <div className={styles.gate} role="alert" data-testid="moderation-forbidden">
          <h2>{t("forbiddenTitle")}</h2>
          <p>{t("forbidden", { name: user.name })}</p>
        </div>
      ),
    };
  }
  return { user, block: null };
}
