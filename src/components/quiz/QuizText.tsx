"use client";

import { createContext, useCallback, useContext } from "react";
import { formatMessage, type Values } from "@/lib/i18n/icu-lite";

/** The quiz's strings (the `quiz` namespace of the page's locale), given by the server page. */
export interface QuizMessages {
  [key: string]: string | QuizMessages;
}

const QuizTextContext = createContext<{ locale: string; messages: QuizMessages } | null>(null);

export function QuizTextProvider({ locale, messages, children }: { locale: string; messages: QuizMessages; children: React.ReactNode }) {
  return <QuizTextContext.Provider value={{ locale, messages }}>{children}</QuizTextContext.Provider>;
}

function lookup(messages: QuizMessages, key: string): string | null {
  let node: string | QuizMessages | undefined = messages;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : null;
}

function useQuizText() {
  const value = useContext(QuizTextContext);
  if (!value) throw new Error("quiz components need a QuizTextProvider");
  return value;
}

/** `t(key, values)` over the quiz's messages, as next-intl's `useTranslations("quiz")` reads them. */
export function useQuizT() {
  const { locale, messages } = useQuizText();
  return useCallback(
    (key: string, values?: Values) => {
      const message = lookup(messages, key);
      if (message === null) {
        console.error(`quiz: missing message ${key} for ${locale}`);
        return `quiz.${key}`;
      }
      return formatMessage(locale, message, values);
    },
    [locale, messages],
  );
}

export function useQuizLocale(): string {
  return useQuizText().locale;
}
