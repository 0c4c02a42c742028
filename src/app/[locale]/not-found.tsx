import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import styles from "@/components/question/question.module.css";

export default async function NotFound() {
  const [t, locale] = await Promise.all([getTranslations("site.notFound"), getLocale()]);
  return (
    <div className={`container ${styles.narrow}`}>
      <h1 className={styles.title}>{t("title")}</h1>
      <p className={styles.lead}>{t("text")}</p>
      <p>
        <Link href={`/${locale}`}>{t("back")}</Link>
      </p>
    </div>
  );
}
