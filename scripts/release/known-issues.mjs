// Hygiene findings that are real (not false positives) and reported to their owners, but not fixed yet.
// scripts/check-hygiene.mjs prints each one on every run and fails only on findings NOT listed here, so a
// new problem breaks CI while these wait for their owners. Delete an entry once it is fixed (the check
// says which entries no longer occur). False positives are configured in knip.jsonc instead.
//
// Key format: `<tool> <kind> <file> <name>` as check-hygiene prints it.
export const KNOWN_ISSUES = {};
