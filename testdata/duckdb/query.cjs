// Runs SQL queries in DuckDB and prints their results as JSON, so that a Go
// test can read the Parquet outputs back as an analyst's engine does
// (cmd/c2isurvey/parquet_test.go).
//
// Usage: node query.cjs NPM_DIR SQL...
// NPM_DIR is the folder `npm install @duckdb/node-api` was run in (.ci/run
// installs it). Prints [{"columns": [...], "rows": [[...], ...]}, ...], one
// object per query, values as DuckDB's JSON conversion gives them (BIGINT as
// a string, NULL as null); exits 1 with the message on stderr on an error.
'use strict';
const path = require('node:path');
const { createRequire } = require('node:module');

const [npmDir, ...queries] = process.argv.slice(2);
if (!npmDir || queries.length === 0) {
  process.stderr.write('usage: node query.cjs NPM_DIR SQL...\n');
  process.exit(2);
}
// Resolve the package from NPM_DIR, not from this file's folder.
const requireFrom = createRequire(path.join(path.resolve(npmDir), 'package.json'));
const { DuckDBInstance } = requireFrom('@duckdb/node-api');

(async () => {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const out = [];
  for (const sql of queries) {
    const r = await con.runAndReadAll(sql);
    out.push({ columns: r.columnNames(), rows: r.getRowsJson() });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => {
  process.stderr.write(String((e && e.message) || e) + '\n');
  process.exit(1);
});
