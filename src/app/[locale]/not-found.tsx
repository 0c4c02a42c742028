import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";
import styles from "@/components/question/question.module.css";

export default async function NotFound() {
  const t = await getTranslations("site.notFound");
  return (
    <div className={`container ${styles.narrow}`}>
      <h1 className={styles.title}>{t("title")}</h1>
      <p className={styles.lead}>{t("text")}</p>
      <p>
        <Link href="/">{t("back")}</Link>
      </p>
    </div>
  );
}
