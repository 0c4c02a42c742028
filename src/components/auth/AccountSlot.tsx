import { ScopedMessages } from "./ScopedMessages";
import { AccountMenu } from "./AccountMenu";

/** For the site header: the account menu with its own strings (server component). */
export function AccountSlot({ locale }: { locale: string }) {
  return (
    <ScopedMessages namespaces={["auth"]}>
      <AccountMenu locale={locale} />
    </ScopedMessages>
  );
}
