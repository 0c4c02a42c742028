"use client";

import { createAuthClient } from "better-auth/client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useOnline } from "@/components/offline/useOnline";
import { signUpSchema } from "@/server/api/schemas/account";
import { authErrorKey, type AuthErrorKey } from "./errors";
import styles from "./auth.module.css";

const client = createAuthClient();

type Mode = "signIn" | "signUp";
type FieldErrors = Partial<Record<"name" | "email" | "password", AuthErrorKey>>;

/** Sign in or create an account (email + password, better-auth), then go to `next`. */
export function SignInForm({ next, initialMode = "signIn" }: { next: string; initialMode?: Mode }) {
  const t = useTranslations("auth");
  const id = useId();
  const [mode, setMode] = useState<Mode>(initialMode);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ key: AuthErrorKey; message?: string } | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const online = useOnline();

  function validate(): FieldErrors {
    const out: FieldErrors = {};
    const parsed = signUpSchema.safeParse({ name: mode === "signUp" ? name : "x", email, password });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === "name") out.name = "name";
        if (field === "email") out.email = "email";
        if (field === "password") out.password = password.length < 8 ? "passwordShort" : "passwordLong";
      }
    }
    // Signing in checks only that something was typed; the server says whether it is right.
    if (mode === "signIn" && out.password && password.length > 0) delete out.password;
    return out;
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const found = validate();
    setFields(found);
    if (Object.keys(found).length > 0) return;
    if (!navigator.onLine) {
      setError({ key: "offline" });
      return;
    }
    setBusy(true);
    try {
      const result =
        mode === "signIn"
          ? await client.signIn.email({ email, password })
          : await client.signUp.email({ name: name.trim(), email, password });
      if (result.error) {
        setError({ key: authErrorKey(result.error), message: result.error.message });
        return;
      }
      // A full navigation, so server-rendered pages see the new session cookie.
      window.location.assign(next);
    } catch {
      setError({ key: navigator.onLine ? "network" : "offline" });
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (f: keyof FieldErrors) =>
    fields[f] ? (
      <p id={`${id}-${f}-error`} className={styles.error}>
        {t(`errors.${fields[f]}`, { message: "" })}
      </p>
    ) : null;
  const described = (f: keyof FieldErrors, hint?: string) => [hint, fields[f] ? `${id}-${f}-error` : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className={styles.card}>
      <div role="tablist" aria-label={t("account")} className={styles.tabs}>
        {(["signIn", "signUp"] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            className={styles.tab}
            onClick={() => {
              setMode(m);
              setError(null);
              setFields({});
            }}
          >
            {m === "signIn" ? t("tabSignIn") : t("tabSignUp")}
          </button>
        ))}
      </div>
      <form onSubmit={submit} noValidate className={styles.form} role="tabpanel">
        <h2 className={styles.h2}>{mode === "signIn" ? t("signInTitle") : t("signUpTitle")}</h2>
        {!online && (
          <p className={styles.offline} role="status" data-testid="signin-offline">
            {t("offline")}
          </p>
        )}
        {mode === "signUp" && (
          <div className={styles.field}>
            <label htmlFor={`${id}-name`}>{t("name")}</label>
            <input
              id={`${id}-name`}
              className={styles.input}
              autoComplete="name"
              value={name}
              maxLength={100}
              aria-invalid={fields.name ? true : undefined}
              aria-describedby={described("name")}
              onChange={(e) => setName(e.target.value)}
            />
            {fieldError("name")}
          </div>
        )}
        <div className={styles.field}>
          <label htmlFor={`${id}-email`}>{t("email")}</label>
          <input
            id={`${id}-email`}
            className={styles.input}
            type="email"
            autoComplete="email"
            value={email}
            maxLength={254}
            aria-invalid={fields.email ? true : undefined}
            aria-describedby={described("email")}
            onChange={(e) => setEmail(e.target.value)}
          />
          {fieldError("email")}
        </div>
        <div className={styles.field}>
          <label htmlFor={`${id}-password`}>{t("password")}</label>
          <input
            id={`${id}-password`}
            className={styles.input}
            type="password"
            autoComplete={mode === "signIn" ? "current-password" : "new-password"}
            value={password}
            maxLength={128}
            aria-invalid={fields.password ? true : undefined}
            aria-describedby={described("password", mode === "signUp" ? `${id}-password-hint` : undefined)}
            onChange={(e) => setPassword(e.target.value)}
          />
          {mode === "signUp" && (
            <p id={`${id}-password-hint`} className={styles.hint}>
              {t("passwordHint")}
            </p>
          )}
          {fieldError("password")}
        </div>
        <button type="submit" className={styles.primary} disabled={busy} aria-busy={busy}>
          {busy ? t("working") : mode === "signIn" ? t("submitSignIn") : t("submitSignUp")}
        </button>
        <p className={styles.formError} role="alert">
          {error ? t(`errors.${error.key}`, { message: error.message ?? "" }) : null}
        </p>
      </form>
    </div>
  );
}
