/**
 * schema.org structured data for a question page: a QAPage whose main entity is the question with
 * its one accepted answer (the published revision). https://schema.org/QAPage,
 * https://developers.google.com/search/docs/appearance/structured-data/qapage
 */
import { cutAtWord } from "../text";

export interface QaInput {
  url: string;
  locale: string;
  title: string;
  /** Plain text of the short answer, then the full answer (Markdown is fine: it is text to schema.org). */
  answerText: string;
  /** When the question was first published and when its current revision was. */
  created: Date;
  modified: Date;
  siteName: string;
  siteUrl: string;
}

/**
 * The most of the answer's text the structured data carries. Every answer we publish fits (the longest is
 * some 9,000 characters); one at the 60,000-character limit would otherwise be carried three more times in
 * its page (here, and escaped twice in the page's React payload), which made the page's first render slow.
 */
export const ANSWER_TEXT_MAX = 12_000;

export function questionJsonLd(q: QaInput): Record<string, unknown> {
  const publisher = { "@type": "Organization", name: q.siteName, url: q.siteUrl };
  return {
    "@context": "https://schema.org",
    "@type": "QAPage",
    url: q.url,
    inLanguage: q.locale,
    mainEntity: {
      "@type": "Question",
      name: q.title,
      text: q.title,
      answerCount: 1,
      datePublished: q.created.toISOString(),
      dateModified: q.modified.toISOString(),
      author: publisher,
      acceptedAnswer: {
        "@type": "Answer",
        text: cutAtWord(q.answerText, ANSWER_TEXT_MAX),
        url: q.url,
        datePublished: q.modified.toISOString(),
        author: publisher,
      },
    },
  };
}

/** JSON for a <script type="application/ld+json">: `<` escaped so no text can close the script. */
export function jsonLdScript(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
