#!/usr/bin/env bash
# `npm run bench`: every benchmark, then docs/BENCHMARKS.md rebuilt from docs/benchmarks/*.md.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run bench -w sim-core
npx tsx scripts/bench-web.ts
npx tsx scripts/bench-cache.ts
npx tsx scripts/bench-lab.ts
npx tsx scripts/bench-topology.ts
npx tsx scripts/bench-suggest.ts
npx tsx scripts/bench-markdown.ts
npx tsx scripts/bench-quiz.ts
npx tsx scripts/bench-exercises.ts
# Two standalone instances through a PostgreSQL restart and a killed instance (docs/benchmarks/load.md).
npx tsx scripts/load-test.ts
node scripts/bench-index.mjs
