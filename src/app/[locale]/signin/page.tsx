import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { safeNext } from "@/components/auth/errors";
import { ScopedMessages } from "@/components/auth/ScopedMessages";
import { SignInForm } from "@/components/auth/SignInForm";
import styles from "@/components/auth/page.module.css";
import { getSessionUser } from "@/server/auth";
import { getDb } from "@/server/db";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: PageProps<"/[locale]/signin">): Promise<Metadata> {
  const { locale } = await params;
  if (locale !== "en" && locale !== "uk") return {};
  const t = await getTranslations({ locale, namespace: "auth" });
  return { title: t("metaTitle"), robots: { index: false } };
}

export default async function Page({ params, searchParams }: PageProps<"/[locale]/signin">) {
  const { locale } = await params;
  if (locale !== "en" && locale !== "uk") notFound();
  setRequestLocale(locale);
  const t = await getTranslations("auth");
  const query = await searchParams;
  const next = safeNext(typeof query.next === "string" ? query.next : null, `/${locale}/account/suggestions`);
  const user = await getSessionUser(await getDb(), await headers());
  return (
    <div className={styles.page}>
      <h1 className={styles.h1}>{user ? t("account") : t("signInTitle")}</h1>
      <p className={styles.lead}>{t("lead")}</p>
      {user ? (
        <p>
          {t("alreadySignedIn", { name: user.name })} <a href={next}>{t("continue")}</a>
        </p>
      ) : (
        <ScopedMessages namespaces={["auth"]}>
          <SignInForm next={next} initialMode={query.mode === "signup" ? "signUp" : "signIn"} />
        </ScopedMessages>
      )}
    </div>
  );
}
