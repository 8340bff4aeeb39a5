// Renders reference PNGs of every symbol code deploymap supports with milsymbol (the reference
// implementation of APP-6 / MIL-STD-2525 that most tools compare against), into
// tests/fixtures/symbols/, with manifest.json giving each picture's size and the pixel where
// the frame centre lies. tests/symbols.rs compares our own drawing with these pictures.
//
// Run: cd tools/symbols && npm ci && node render.js
"use strict";
const fs = require("fs");
const path = require("path");
const ms = require("milsymbol");
const { Resvg } = require("@resvg/resvg-js");

const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
const SIZE = 100; // milsymbol's "size": one symbol unit is one pixel.
const OUT = path.join(__dirname, "..", "..", "tests", "fixtures", "symbols");

// 2525D / APP-6D numeric codes: version 10, context 0, identity, set, status, HQ/TF/FD,
// echelon (2 digits), entity (6 digits), modifiers (4 digits).
const numeric = (identity, set, entity, { status = "0", hq = "0", echelon = "00" } = {}) =>
  `100${identity}${set}${status}${hq}${echelon}${entity}0000`;

const units = [
  "121100", "121102", "120500", "121300", "130300", "130100", "120600", "120800",
  "121800", "141200", "141700", "140700", "163400", "163600", "161300", "111000",
  "110000", "000000",
];
const installations = ["120802", "120803", "121309"];
const identities = ["1", "3", "4", "6"];

const codes = [];
for (const identity of identities) {
  for (const entity of units) codes.push(numeric(identity, "10", entity));
  for (const entity of installations) codes.push(numeric(identity, "20", entity));
  codes.push(numeric(identity, "01", "110100"));
  codes.push(numeric(identity, "01", "110200"));
  codes.push(numeric(identity, "30", "120200"));
}
// Dashed frames: pending, assumed friend, suspect, and a planned unit.
for (const identity of ["0", "2", "5"]) codes.push(numeric(identity, "10", "121100"));
codes.push(numeric("3", "10", "120500", { status: "1" }));
// Every echelon, team to army group.
for (const echelon of ["11", "12", "13", "14", "15", "16", "17", "18", "21", "22", "23", "24"]) {
  codes.push(numeric("3", "10", "121100", { echelon }));
}
// Headquarters, task force, feint/dummy and their combinations.
for (const hq of ["1", "2", "4", "6"]) codes.push(numeric("3", "10", "120500", { hq, echelon: "16" }));
codes.push(numeric("6", "10", "121100", { hq: "2", echelon: "18" }));
// 2525C / APP-6B letter codes.
// Not SFAPMF: for letter-coded aircraft milsymbol draws the 2525C aircraft silhouette, while
// we draw one icon per function, APP-6D's, whatever the code family.
const letters = [
  "SFGPUCI----F---", "SHGPUCIZ---D---", "SNGPUCA--------", "SUGPUCR--------",
  "SFGPUCF----H---", "SHGPUCD--------", "SFGPUCVR-------", "SFGPUCVF-------",
  "SFGPUCE--------", "SHGPUSS--------", "SFGPUST--------", "SNGPUSM--------",
  "SFGPUUS--------", "SFGPUCS--------", "SHGPIB----H----",
  "SHAPMH---------", "SFSPCL---------", "SHSPCL---------", "SUGPUCA---A----",
];
codes.push(...letters);

ms.setStandard("APP6");
fs.mkdirSync(OUT, { recursive: true });
const manifest = [];
for (const code of codes) {
  const symbol = new ms.Symbol(code, {
    size: SIZE,
    colorMode: "Light",
    outlineWidth: 0,
    square: false,
  });
  if (!symbol.isValid()) throw new Error(`milsymbol does not know ${code}`);
  const svg = symbol.asSVG();
  // milsymbol asks for bold Arial, which is not free; DejaVu Sans Bold (Debian's
  // fonts-dejavu-core) stands in, so the pictures do not depend on the fonts a machine has.
  const png = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: [FONT], defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();
  const file = `${code}.png`;
  fs.writeFileSync(path.join(OUT, file), png);
  const size = symbol.getSize();
  const anchor = symbol.getOctagonAnchor();
  manifest.push({
    code,
    file,
    width: Math.ceil(size.width),
    height: Math.ceil(size.height),
    centre_x: anchor.x,
    centre_y: anchor.y,
  });
}
const version = require("milsymbol/package.json").version;
fs.writeFileSync(
  path.join(OUT, "manifest.json"),
  JSON.stringify({ milsymbol: version, size: SIZE, symbols: manifest }, null, 1) + "\n",
);
console.log(`${manifest.length} reference symbols from milsymbol ${version} in ${OUT}`);
