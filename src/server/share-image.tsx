/**
 * The link-preview image of a page (1200×630 PNG), drawn by Next's ImageResponse (satori + resvg).
 * The fonts ship with the app (Noto Sans, SIL OFL; src/assets/fonts/OFL.txt): satori cannot read
 * woff2, and without a font holding Cyrillic it would fetch one from the network or draw nothing.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";

import { SHARE_IMAGE_SIZE } from "@/lib/seo/share-size";

export { SHARE_IMAGE_SIZE };

type Weight = 400 | 700;
const SUBSETS = ["latin", "cyrillic"] as const;
const FAMILY = SUBSETS.map((s) => `Noto Sans ${s}`).join(", ");

let fonts: Promise<{ name: string; data: Buffer; weight: Weight; style: "normal" }[]> | undefined;
function loadFonts() {
  const dir = path.join(process.cwd(), "src/assets/fonts");
  // One family per subset: satori looks a missing glyph up in the next family of the list, but not in
  // a second file of the same family.
  fonts ??= Promise.all(
    SUBSETS.flatMap((subset) =>
      ([400, 700] as const).map(async (weight) => ({
        name: `Noto Sans ${subset}`,
        data: await fs.readFile(path.join(dir, `noto-sans-${subset}-${weight}-normal.woff`)),
        weight,
        style: "normal" as const,
      })),
    ),
  ).catch((error: unknown) => {
    fonts = undefined;
    throw error;
  });
  return fonts;
}

export interface ShareCard {
  siteName: string;
  /** A short line above the title: what the page is. */
  kicker: string;
  title: string;
  summary: string;
  /** The locale's label (EN, UA). */
  localeLabel: string;
  /** The address shown at the bottom (host of the public URL). */
  host: string;
}

/** At most `max` characters, cut at a word, ending in one ellipsis (never "network.…"). */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(" ", max - 1);
  const cut = text.slice(0, space > max / 2 ? space : max - 1);
  return `${cut.replace(/[\s.,;:…—–-]+$/u, "")}…`;
}

export async function shareImage(card: ShareCard, init: ResponseInit = {}): Promise<ImageResponse> {
  const title = clip(card.title, 110);
  // Long titles take three lines at the large size: a smaller size and a shorter summary keep the card airy.
  const long = title.length > 48;
  const titleSize = title.length > 80 ? 48 : long ? 56 : 64;
  return new ImageResponse(
    (
      <div
        style={{
          width: "100%",
          height: "100%",
          display: "flex",
          flexDirection: "column",
          justifyContent: "space-between",
          padding: "64px 72px",
          background: "linear-gradient(135deg, #0b2a4f 0%, #0b5cad 100%)",
          color: "#ffffff",
          fontFamily: FAMILY,
        }}
      >
        <div style={{ display: "flex", alignItems: "center", gap: 20, fontSize: 30, fontWeight: 700 }}>
          <svg width="56" height="56" viewBox="0 0 64 64">
            <rect width="64" height="64" rx="14" fill="#ffffff" fillOpacity="0.14" />
            <path d="M12 40c6-14 34-14 40 0" fill="none" stroke="#9cc7ff" strokeWidth="3" strokeDasharray="4 3" strokeLinecap="round" />
            <path d="M16 46h32M16 46l16-24M48 46 32 22" fill="none" stroke="#fff" strokeWidth="3.5" strokeLinecap="round" />
            <circle cx="32" cy="20" r="7" fill="#fff" />
            <circle cx="15" cy="46" r="7" fill="#fff" />
            <circle cx="49" cy="46" r="7" fill="#fff" />
          </svg>
          <span>{card.siteName}</span>
          <span style={{ marginLeft: "auto", fontSize: 24, padding: "4px 14px", border: "2px solid #9cc7ff", borderRadius: 8, color: "#d6e8ff" }}>
            {card.localeLabel}
          </span>
        </div>
        <div style={{ display: "flex", flexDirection: "column", gap: 22 }}>
          <div style={{ fontSize: 26, color: "#9cc7ff", fontWeight: 700, textTransform: "uppercase", letterSpacing: 2 }}>{card.kicker}</div>
          <div style={{ fontSize: titleSize, fontWeight: 700, lineHeight: 1.15 }}>{title}</div>
          <div style={{ fontSize: 28, lineHeight: 1.4, color: "#d6e8ff" }}>{clip(card.summary, long ? 150 : 190)}</div>
        </div>
        <div style={{ display: "flex", fontSize: 24, color: "#9cc7ff" }}>{card.host}</div>
      </div>
    ),
    { ...SHARE_IMAGE_SIZE, fonts: await loadFonts(), ...init },
  );
}
