import { defineConfig } from 'tsdown';
import { livepushBuild } from '../../tsdown.preset.ts';

// One entry: its `'use client'` directive is kept at the top of the one output file.
export default defineConfig(livepushBuild(['src/index.ts']));
