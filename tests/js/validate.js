// Validates tally's machine-readable outputs:
//   node validate.js sarif FILE    against the official SARIF 2.1.0 schema
//   node validate.js json FILE     against tally's own schema (schemas/tally-lint.schema.json)
//   node validate.js rdjson FILE   against reviewdog's rdjson DiagnosticResult (schemas/rdjson.schema.json)
//   node validate.js github FILE   every line a workflow command GitHub Actions parses
// Exits 1 with the errors on any violation.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

function fail(msg) {
  console.error(msg);
  process.exit(1);
}

const [kind, file] = process.argv.slice(2);
if (!kind || !file) fail('usage: node validate.js sarif|json|rdjson|github FILE');
const text = fs.readFileSync(file, 'utf8');

if (kind === 'github') {
  // ::error file=F,line=L,col=C,title=T::message — properties escape % , : CR LF;
  // the message escapes % CR LF.
  const re = /^::(error|warning|notice)( (file|line|col|endLine|endColumn|title)=[^,:\r\n]*(,(file|line|col|endLine|endColumn|title)=[^,:\r\n]*)*)?::[^\r\n]*$/;
  const lines = text.split('\n').filter((l) => l.length > 0);
  lines.forEach((l, i) => {
    if (!re.test(l)) fail(`${file}:${i + 1}: not a workflow command: ${l}`);
    const props = l.slice(2, l.indexOf('::', 2));
    if (/(^| )file=[^,]*%(?![0-9A-F]{2})/.test(props)) fail(`${file}:${i + 1}: bad escape`);
  });
  console.log(`github: ${lines.length} workflow commands ok`);
  process.exit(0);
}

const schemaFile = {
  sarif: path.join(__dirname, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'),
  json: path.join(__dirname, 'schemas/tally-lint.schema.json'),
  rdjson: path.join(__dirname, 'schemas/rdjson.schema.json'),
}[kind];
if (!schemaFile) fail(`unknown kind ${kind}`);

const ajv = new Ajv({ allErrors: true, schemaId: 'auto' });
try {
  ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
} catch (e) { /* already present */ }
const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
const validate = ajv.compile(schema);
let doc;
try {
  doc = JSON.parse(text);
} catch (e) {
  fail(`${file}: not JSON: ${e.message}`);
}
if (!validate(doc)) fail(`${file}: ${kind} invalid:\n` + ajv.errorsText(validate.errors, { separator: '\n' }));
if (kind === 'sarif' && doc.version !== '2.1.0') fail(`${file}: version is not 2.1.0`);
console.log(`${kind}: ${file} valid`);
