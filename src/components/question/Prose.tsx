import styles from "./prose.module.css";

/** Sanitized HTML from the Markdown pipeline (src/lib/markdown) — never anything else. */
export function Prose({ html, className }: { html: string; className?: string }) {
  return <div data-markdown className={`${styles.prose} ${className ?? ""}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
