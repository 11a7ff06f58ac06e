#!/usr/bin/env node
import { pathToFileURL } from 'node:url';
// Monorepo hygiene: consistent manifests (sherif) and no unused files, exports or dependencies (knip,
// configured in knip.jsonc). Findings listed in scripts/release/known-issues.mjs are printed but do not
// fail the run (they wait for their owners); any other finding does.
//
//   node scripts/check-hygiene.mjs [--strict]   (--strict: known issues fail too)
import { parseArgs } from 'node:util';
import { KNOWN_ISSUES } from './release/known-issues.mjs';
import { bin, capture, seconds } from './release/util.mjs';

/** sherif's findings as keys `sherif <rule> <file>`; throws if its output cannot be read. */
function sherif() {
  const { status, stdout, stderr } = capture(bin('sherif'), ['--fail-on-warnings', '--no-install']);
  const findings = [];
  let file = '.';
  for (const line of `${stdout}\n${stderr}`.split('\n')) {
    const header = /issues? found in (\S+?):?$/.exec(line.trim());
    if (header) file = header[1].replace(/^\.\//, '');
    const finding = /^\s*(?:⨯|⚠️?)\s+(?:error|warning)\s+(.*)$/.exec(line);
    if (finding) {
      const rule = /\s([a-z]+(?:-[a-z]+)+)$/.exec(finding[1])?.[1];
      findings.push({ key: `sherif ${rule ?? finding[1]} ${file}`, detail: finding[1] });
    }
  }
  if (status !== 0 && findings.length === 0) throw new Error(`sherif failed:\n${stdout}${stderr}`);
  return findings;
}

/** knip's findings as keys `knip <kind> <file> <name>`. */
function knip() {
  const { status, stdout, stderr } = capture(bin('knip'), ['--no-progress', '--reporter', 'json']);
  const json = stdout.slice(stdout.indexOf('{'));
  let report;
  try {
    report = JSON.parse(json);
  } catch {
    throw new Error(`knip failed (exit ${status}):\n${stdout}${stderr}`);
  }
  const findings = [];
  for (const issue of report.issues ?? []) {
    for (const [kind, entries] of Object.entries(issue)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        const name = kind === 'files' ? '.' : entry.name;
        const line = entry.line ? `:${entry.line}` : '';
        findings.push({ key: `knip ${kind} ${issue.file} ${name}`, detail: `${issue.file}${line}` });
      }
    }
  }
  return findings;
}

export function checkHygiene({ strict = false } = {}) {
  const start = performance.now();
  const findings = [...sherif(), ...knip()];
  const keys = new Set(findings.map((finding) => finding.key));
  const fresh = findings.filter((finding) => strict || !(finding.key in KNOWN_ISSUES));
  const known = findings.filter((finding) => finding.key in KNOWN_ISSUES);
  const fixed = Object.keys(KNOWN_ISSUES).filter((key) => !keys.has(key));
  return { fresh, known, fixed, seconds: seconds(start) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { strict: { type: 'boolean' } } });
  const { fresh, known, fixed, seconds: took } = checkHygiene({ strict: values.strict });
  for (const { key } of known) console.log(`  ! known: ${key} — ${KNOWN_ISSUES[key]}`);
  for (const key of fixed) console.log(`  ✓ fixed: ${key} — delete it from scripts/release/known-issues.mjs`);
  if (fresh.length > 0) {
    console.error(`check-hygiene: ${fresh.length} finding(s) (sherif, knip)\n`);
    for (const { key, detail } of fresh) console.error(`  ✗ ${key}  (${detail})`);
    process.exit(1);
  }
  console.log(`check-hygiene: sherif and knip clean apart from ${known.length} known issue(s), in ${took}`);
}
