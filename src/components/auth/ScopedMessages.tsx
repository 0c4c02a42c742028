import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";

/**
 * Gives the client components below only the message namespaces they read, so the forms'
 * strings travel with these pages and never with the public question pages.
 */
export async function ScopedMessages({ namespaces, children }: { namespaces: string[]; children: React.ReactNode }) {
  const all = await getMessages();
  const messages = Object.fromEntries(namespaces.filter((ns) => ns in all).map((ns) => [ns, all[ns]]));
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
