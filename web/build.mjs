// Builds the pages into dist/, which the Go package web embeds. The output
// is committed and scripts/test rebuilds it and fails when it differs, so
// the build must be deterministic: no hashes of time, no absolute paths, no
// source maps (they would carry this machine's paths), one fixed esbuild.
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
const dist = join(here, 'dist');

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, 'assets'), { recursive: true });

const result = await esbuild.build({
  absWorkingDir: here,
  entryPoints: {
    playground: 'src/playground.tsx',
    timeline: 'src/timeline.ts',
    explore: 'src/explore.ts',
    add: 'src/add.ts',
  },
  outdir: 'dist/assets',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // Every byte the pages load comes from this bundle; fonts and images the
  // libraries ship in their CSS are inlined, so that no request leaves the
  // server.
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.ttf': 'dataurl', '.svg': 'dataurl', '.png': 'dataurl' },
  // Licences are collected whole into THIRD-PARTY-LICENSES.txt below.
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
  metafile: true,
});

for (const f of await readdir(src)) {
  if (f.endsWith('.html')) await copyFile(join(src, f), join(dist, f));
}

// The licence of every package whose code is in a bundle, with its text:
// MIT and Apache-2.0 ask that the notice travel with the code.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = input.match(/^(.*node_modules\/(@[^/]+\/[^/]+|[^/]+))\//);
  if (m) packages.set(m[2], m[1]);
}
let notice = 'Third-party software in the diplograph web bundles (dist/assets/*.js, *.css)\n';
for (const name of [...packages.keys()].sort()) {
  const dir = join(here, packages.get(name));
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const licenseFile = (await readdir(dir)).filter((f) => /^(licen[cs]e|copying)/i.test(f)).sort()[0];
  const text = licenseFile ? await readFile(join(dir, licenseFile), 'utf8') : '(no licence file in the package)';
  notice += `\n${'='.repeat(72)}\n${name} ${pkg.version} — ${pkg.license}\n${'='.repeat(72)}\n${text.trim()}\n`;
}
await writeFile(join(dist, 'assets', 'THIRD-PARTY-LICENSES.txt'), notice);

const sizes = Object.entries(result.metafile.outputs)
  .map(([file, o]) => `${file.replace(/^dist\//, '')} ${(o.bytes / 1024).toFixed(0)} KiB`)
  .sort();
console.log(sizes.join('\n'));
