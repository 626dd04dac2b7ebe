// Checks that rfm9's JSON report and DuckDB's code counts agree, client for client per code.
// Usage: node compare.mjs rfm9.json duckdb.json
import { readFileSync } from 'node:fs';

const rfm9 = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const duck = JSON.parse(readFileSync(process.argv[3], 'utf8'));
const diffs = [];
if (rfm9.as_of !== duck.as_of) diffs.push(`as_of: rfm9 ${rfm9.as_of}, duckdb ${duck.as_of}`);
if (rfm9.clients !== duck.clients) diffs.push(`clients: rfm9 ${rfm9.clients}, duckdb ${duck.clients}`);
for (const c of rfm9.codes) {
  const d = duck.codes[c.code] ?? 0;
  if (c.clients !== d) diffs.push(`code ${c.code}: rfm9 ${c.clients}, duckdb ${d}`);
}
if (diffs.length) {
  console.error('MISMATCH\n' + diffs.join('\n'));
  process.exit(1);
}
console.log(`equal: ${rfm9.clients} clients in 27 codes as of ${rfm9.as_of}`);
