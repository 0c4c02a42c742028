// Renders the site's raster icons from src/app/icon.svg (run after changing it; the outputs are committed):
// favicon.ico (16, 32 and 48 px PNGs in one ICO), the Apple touch icon (180 px, opaque) and the
// manifest's 192/512 px icons, plus a maskable one with the safe-zone padding Android crops to.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";

const root = path.join(import.meta.dirname, "..");
const svg = fs.readFileSync(path.join(root, "src/app/icon.svg"));
async function icon(size, { pad = 0, background } = {}) {
  const inner = Math.round(size * (1 - 2 * pad));
  const art = await sharp(svg, { density: Math.ceil((72 * inner) / 64) * 2 }).resize(inner, inner).png().toBuffer();
  if (!pad && !background) return art;
  return sharp({ create: { width: size, height: size, channels: 4, background: background ?? "#0b5cad" } })
    .composite([{ input: art, gravity: "centre" }])
    .png()
    .toBuffer();
}

/** An ICO file holding PNG images (supported by every browser since Windows Vista-era ICO readers). */
function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt8(0, e + 2);
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

const write = (rel, data) => {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), data);
  console.log(`${rel}: ${data.length} bytes`);
};

const sizes = [16, 32, 48];
write("src/app/favicon.ico", ico(await Promise.all(sizes.map(async (size) => ({ size, data: await icon(size) })))));
// iOS fills transparency with black: the touch icon is square and opaque (iOS rounds the corners).
write("src/app/apple-icon.png", await icon(180, { pad: 0.0001, background: "#0b5cad" }));
write("public/icons/icon-192.png", await icon(192));
write("public/icons/icon-512.png", await icon(512));
write("public/icons/maskable-512.png", await icon(512, { pad: 0.1, background: "#0b5cad" }));
