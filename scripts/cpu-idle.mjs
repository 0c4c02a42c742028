// Prints how idle the machine's cores were (a whole percentage) over the next N milliseconds (default 2000),
// from /proc/stat: the test script waits on it for the machine to settle before the load test.
import fs from "node:fs";

const sample = () => {
  const [, ...fields] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const n = fields.map(Number);
  // user nice system idle iowait irq softirq steal
  const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
  return { idle: n[3] + n[4], total };
};
const ms = Number(process.argv[2] ?? 2000);
const a = sample();
await new Promise((r) => setTimeout(r, ms));
const b = sample();
console.log(b.total > a.total ? Math.round((100 * (b.idle - a.idle)) / (b.total - a.total)) : 100);
