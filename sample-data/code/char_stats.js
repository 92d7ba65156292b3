// Prints the distinct characters of a text file and how often each one occurs:
// the vocabulary a character-level tokenizer would build from it.
const fs = require("fs");

const text = fs.readFileSync(process.argv[2], "utf8");
const counts = new Map();
for (const ch of text) {
  counts.set(ch, (counts.get(ch) || 0) + 1);
}
const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1]);
console.log(`${sorted.length} distinct characters in ${text.length} characters`);
for (const [ch, n] of sorted.slice(0, 20)) {
  console.log(JSON.stringify(ch).padEnd(8), String(n).padStart(8));
}
