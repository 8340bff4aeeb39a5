// Renders reference PNGs of the text amplifiers deploymap draws, with milsymbol: a friendly
// infantry unit with each field alone (unique designation T, higher formation M, additional
// information H, date-time group W) and with none, into tests/fixtures/symbols/amplifiers/,
// with amplifiers.json giving each picture's size and the pixel of the frame centre.
// tests/symbol_amplifiers.rs checks that our text stands where milsymbol puts it.
//
// Run: cd tools/symbols && npm ci && node amplifiers.js
"use strict";
const fs = require("fs");
const path = require("path");
const ms = require("milsymbol");
const { Resvg } = require("@resvg/resvg-js");

const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
const SIZE = 100;
const CODE = "10031000001211000000";
const OUT = path.join(__dirname, "..", "..", "tests", "fixtures", "symbols", "amplifiers");
const fields = [
  ["none", null, ""],
  ["designation", "uniqueDesignation", "3/7"],
  ["higher_formation", "higherFormation", "1 Bde"],
  ["strength", "additionalInformation", "~200"],
  ["date_time_group", "dtg", "301200Z"],
];

ms.setStandard("APP6");
fs.mkdirSync(OUT, { recursive: true });
const manifest = [];
for (const [field, option, text] of fields) {
  const options = { size: SIZE, colorMode: "Light", outlineWidth: 0, square: false };
  if (option) options[option] = text;
  const symbol = new ms.Symbol(CODE, options);
  if (!symbol.isValid()) throw new Error(`milsymbol does not know ${CODE}`);
  const png = new Resvg(symbol.asSVG(), {
    font: { loadSystemFonts: false, fontFiles: [FONT], defaultFontFamily: "DejaVu Sans" },
  })
    .render()
    .asPng();
  const file = `${field}.png`;
  fs.writeFileSync(path.join(OUT, file), png);
  const size = symbol.getSize();
  const anchor = symbol.getOctagonAnchor();
  manifest.push({
    field,
    text,
    file,
    width: Math.ceil(size.width),
    height: Math.ceil(size.height),
    centre_x: anchor.x,
    centre_y: anchor.y,
  });
}
const version = require("milsymbol/package.json").version;
fs.writeFileSync(
  path.join(OUT, "amplifiers.json"),
  JSON.stringify({ milsymbol: version, size: SIZE, code: CODE, amplifiers: manifest }, null, 1) + "\n",
);
console.log(`${manifest.length} amplifier references from milsymbol ${version} in ${OUT}`);
