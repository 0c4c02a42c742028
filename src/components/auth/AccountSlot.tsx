import { getTranslations } from "next-intl/server";
import { AccountMenu } from "./AccountMenu";

/** For the site header: the account menu, with its strings resolved on the server. */
export async function AccountSlot({ locale }: { locale: string }) {
  const t = await getTranslations({ locale, namespace: "auth" });
  return (
    <AccountMenu
      locale={locale}
      labels={{
        signIn: t("signIn"),
        signedInAs: t.raw("signedInAs") as string,
        roles: { contributor: t("roles.contributor"), moderator: t("roles.moderator"), admin: t("roles.admin") },
        mySuggestions: t("mySuggestions"),
        moderation: t("moderation"),
        signOut: t("signOut"),
        signingOut: t("signingOut"),
      }}
    />
  );
}
