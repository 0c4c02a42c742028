// Rebuilds docs/BENCHMARKS.md from the per-area result files each benchmark writes.
import fs from "node:fs";

const dir = "docs/benchmarks";
const parts = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".md")).sort() : [];
const body = parts.map((f) => fs.readFileSync(`${dir}/${f}`, "utf8").trim()).join("\n\n");
fs.writeFileSync(
  "docs/BENCHMARKS.md",
  `# Benchmarks\n\nResults of \`npm run bench\` (each area's script writes \`docs/benchmarks/<area>.md\`; this page collects them).\n\n${body}\n`,
);
console.log(`docs/BENCHMARKS.md: ${parts.length} sections`);
