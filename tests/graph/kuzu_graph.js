// Load the Cypher script of `rawi graph --format kuzu` into Kùzu and ask
// the graph questions.
//   node kuzu_graph.js DB QUERIES OUT SCRIPT...
// Runs each SCRIPT in turn on the database DB, then each line of QUERIES
// ("NAME<TAB>QUERY"), writing the rows of query NAME to OUT.NAME, values
// separated by tabs.
"use strict";
const fs = require("fs");
const kuzu = require("kuzu");
const { run } = require("./kuzu_run");

async function main() {
  const [dbPath, queries, out, ...scripts] = process.argv.slice(2);
  const db = new kuzu.Database(dbPath);
  const conn = new kuzu.Connection(db);
  for (const s of scripts) await run(conn, fs.readFileSync(s, "utf8"));
  for (const line of fs.readFileSync(queries, "utf8").split("\n")) {
    if (!line.trim() || line.startsWith("//")) continue;
    const [name, query] = line.split("\t");
    const rows = await run(conn, query);
    const text = rows.map((r) => Object.values(r).join("\t") + "\n").join("");
    fs.writeFileSync(`${out}.${name}`, text);
  }
  await conn.close();
  await db.close();
}

main().catch((e) => {
  console.error(`kuzu: ${e.message}`);
  process.exit(1);
});
