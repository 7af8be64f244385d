// Run rawi's Cypher scripts (--format kuzu) in Kùzu and ask the graph
// "whom did Blinken meet".
//   node kuzu.js DB SCRIPT...   runs each script in turn on the database DB
// Prints the entity and relationship counts, then the names, one a line.
"use strict";
const fs = require("fs");
const kuzu = require("kuzu");
const { run } = require("./kuzu_run");

async function main() {
  const [dbPath, ...scripts] = process.argv.slice(2);
  const db = new kuzu.Database(dbPath);
  const conn = new kuzu.Connection(db);
  for (const s of scripts) await run(conn, fs.readFileSync(s, "utf8"));
  const nodes = await run(conn, "MATCH (e:Entity) RETURN count(*) AS n");
  const rels = await run(conn, "MATCH ()-[r]->() RETURN count(*) AS n");
  const met = await run(conn,
    "MATCH (b:Entity)-[r:MET_WITH]-(p:Entity) WHERE b.name CONTAINS 'بلينكن' " +
    "AND r.modality = 'asserted' " +
    "RETURN DISTINCT p.name AS name ORDER BY name");
  console.log(`entities ${nodes[0].n}`);
  console.log(`relations ${rels[0].n}`);
  for (const row of met) console.log(row.name);
  await conn.close();
  await db.close();
}

main().catch((e) => {
  console.error(`kuzu: ${e.message}`);
  process.exit(1);
});
