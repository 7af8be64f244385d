// What tools/bench_extract.sh times against rawi --lang en: the npm package
// compromise finding people, places and organisations in each document of
// a file (documents separated by form feeds), counting what it finds.
const fs = require('fs');
const nlp = require('compromise');
const docs = fs.readFileSync(process.argv[2], 'utf8').split('\f\n');
let found = 0;
for (const text of docs) {
  if (!text.trim()) continue;
  const d = nlp(text);
  found += d.people().length + d.places().length + d.organizations().length;
}
console.log(found);
