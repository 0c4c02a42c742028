import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clip, shareImage, type ShareCard } from "./share-image";

const card = (title: string): ShareCard => ({
  siteName: "Overlay Lab",
  kicker: "Відповідь для співбесіди",
  title,
  summary: "Overlay-мережа з’єднує контейнери на різних хостах через VXLAN.",
  localeLabel: "UA",
  host: "overlay.example",
});

/** White pixels (the text colour) in the title's band of the card. */
async function titleInk(png: Buffer): Promise<number> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let ink = 0;
  for (let y = 200; y < 470; y++) for (let x = 0; x < info.width; x++) {
    const i = (y * info.width + x) * 3;
    if (data[i] > 200 && data[i + 1] > 200 && data[i + 2] > 200) ink++;
  }
  return ink;
}

describe("share image text", () => {
  it("is cut at a word with one ellipsis", () => {
    expect(clip("short", 10)).toBe("short");
    expect(clip("It routes them across the underlay network. Then more text follows here", 45)).toBe("It routes them across the underlay network…");
    expect(clip("Overlay-мережа з’єднує контейнери на різних хостах", 30)).toBe("Overlay-мережа з’єднує…");
  });
});

describe("share image", () => {
  afterEach(() => vi.unstubAllGlobals());

  /** Renders, recording any font the renderer had to fetch because the shipped ones lack a glyph. */
  async function render(title: string) {
    const fetches: string[] = [];
    vi.stubGlobal("fetch", async (url: string) => {
      fetches.push(String(url));
      throw new Error("no network in tests");
    });
    const png = Buffer.from(await (await shareImage(card(title))).arrayBuffer());
    vi.unstubAllGlobals();
    return { png, fetches };
  }

  it("is a 1200×630 PNG", async () => {
    const { png } = await render("What is a Docker overlay network?");
    expect(await sharp(png).metadata()).toMatchObject({ format: "png", width: 1200, height: 630 });
  });

  it("draws Ukrainian with the shipped font: no glyph is missing, and the title is as inked as a Latin one", async () => {
    const uk = await render("Що таке overlay-мережа Docker і коли вона потрібна? ґ є ї ’");
    expect(uk.fetches).toEqual([]);
    const latin = await render("Sho take overlay-merezha Docker i koly vona potribna? g e i '");
    expect(await titleInk(uk.png)).toBeGreaterThan((await titleInk(latin.png)) * 0.7);
  });

  it("would notice a script the fonts lack (the check above can fail)", async () => {
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const { fetches } = await render("什么是 overlay 网络");
    quiet.mockRestore();
    expect(fetches.length).toBeGreaterThan(0);
  });
});
