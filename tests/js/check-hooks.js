// Checks .pre-commit-hooks.yaml against pre-commit's manifest format: a
// list of hooks, each with the required keys id, name, entry, language,
// and only keys pre-commit knows.  Exits 1 on any violation.
'use strict';
const fs = require('fs');
const yaml = require('js-yaml');

const file = process.argv[2];
const known = new Set(['id', 'name', 'entry', 'language', 'files', 'exclude',
  'types', 'types_or', 'exclude_types', 'always_run', 'fail_fast', 'verbose',
  'pass_filenames', 'require_serial', 'description', 'language_version',
  'minimum_pre_commit_version', 'args', 'stages', 'additional_dependencies',
  'log_file', 'alias']);
const languages = new Set(['system', 'script', 'python', 'node', 'docker',
  'docker_image', 'fail', 'pygrep', 'golang', 'rust', 'ruby', 'conda',
  'coursier', 'dart', 'dotnet', 'haskell', 'julia', 'lua', 'perl', 'r', 'swift']);
let doc;
try {
  doc = yaml.load(fs.readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`${file}: ${e.message}`);
  process.exit(1);
}
const errors = [];
if (!Array.isArray(doc) || doc.length === 0) errors.push('not a non-empty list of hooks');
(Array.isArray(doc) ? doc : []).forEach((h, i) => {
  for (const k of ['id', 'name', 'entry', 'language'])
    if (typeof h[k] !== 'string' || h[k] === '') errors.push(`hook ${i}: missing ${k}`);
  for (const k of Object.keys(h)) if (!known.has(k)) errors.push(`hook ${i}: unknown key ${k}`);
  if (h.language && !languages.has(h.language)) errors.push(`hook ${i}: unknown language ${h.language}`);
  for (const k of ['files', 'exclude']) if (h[k] !== undefined) {
    try { new RegExp(h[k]); } catch (e) { errors.push(`hook ${i}: ${k} is not a regex`); }
  }
});
if (errors.length) {
  console.error(`${file}:\n  ` + errors.join('\n  '));
  process.exit(1);
}
console.log(`hooks: ${file} valid (${doc.length} hooks)`);
