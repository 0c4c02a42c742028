import { getTranslations } from "next-intl/server";
import styles from "./layout.module.css";

export async function SiteFooter() {
  const t = await getTranslations("site.footer");
  return (
    <footer className={styles.footer}>
      <div className="container">
        <p>{t("tagline")}</p>
        <p className={styles.footerMuted}>{t("contribute")}</p>
      </div>
    </footer>
  );
}
