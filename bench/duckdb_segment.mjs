// The peer of `rfm9 segment --format json` in the end-to-end benchmark: DuckDB reads the
// same CSV, builds the same per-document and per-client aggregates and counts the 27 codes
// under the default bounds (1,3 purchases; 90,180 days; tertiles at ranks ⌈n/3⌉, ⌈2n/3⌉).
// Usage: node duckdb_segment.mjs FILE.csv  → prints {"as_of", "clients", "codes": {code: n}}
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
  console.error('usage: node duckdb_segment.mjs FILE.csv');
  process.exit(2);
}

const sql = `
WITH lines AS (
  SELECT * FROM read_csv('${file.replaceAll("'", "''")}', header = true,
    columns = {'client_id': 'VARCHAR', 'document_id': 'VARCHAR', 'date': 'TIMESTAMP', 'amount': 'DECIMAL(18,2)'})
),
docs AS (
  SELECT client_id, min(date)::DATE AS day, sum(amount) AS net
  FROM lines GROUP BY client_id, document_id
),
cutoff AS (SELECT max(day) AS d FROM docs),
clients AS (
  SELECT client_id,
         count(*) FILTER (WHERE net > 0) AS f,
         max(day) FILTER (WHERE net > 0) AS last,
         sum(net) AS m
  FROM docs, cutoff WHERE day <= cutoff.d
  GROUP BY client_id
  HAVING count(*) FILTER (WHERE net > 0) > 0
),
ranked AS (SELECT m, row_number() OVER (ORDER BY m) AS rk, count(*) OVER () AS n FROM clients),
cuts AS (
  SELECT max(CASE WHEN rk = (n + 2) // 3 THEN m END) AS c1,
         max(CASE WHEN rk = (2 * n + 2) // 3 THEN m END) AS c2
  FROM ranked
),
coded AS (
  SELECT (CASE WHEN date_diff('day', last, cutoff.d) <= 90 THEN '3'
               WHEN date_diff('day', last, cutoff.d) <= 180 THEN '2' ELSE '1' END) ||
         (CASE WHEN f <= 1 THEN '1' WHEN f <= 3 THEN '2' ELSE '3' END) ||
         (CASE WHEN m <= c1 THEN '1' WHEN m <= c2 THEN '2' ELSE '3' END) AS code
  FROM clients, cutoff, cuts
)
SELECT (SELECT d FROM cutoff)::VARCHAR AS as_of, code, count(*)::INTEGER AS n FROM coded GROUP BY code ORDER BY code`;

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const reader = await conn.runAndReadAll(sql);
const out = { as_of: null, clients: 0, codes: {} };
for (const [asOf, code, n] of reader.getRows()) {
  out.as_of = asOf;
  out.codes[code] = n;
  out.clients += n;
}
console.log(JSON.stringify(out));
