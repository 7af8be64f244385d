// Run a query (or a script of several) on a Kùzu connection and return
// the rows of its last statement. Every result is closed before the
// connection goes: Kùzu's node binding crashes at exit otherwise.
"use strict";

async function run(conn, text) {
  let results = await conn.query(text);
  if (!Array.isArray(results)) results = [results];
  const last = await results[results.length - 1].getAll();
  for (const r of results) r.close();
  return last;
}

module.exports = { run };
