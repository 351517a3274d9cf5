// Bundles src/cli/main.ts into dist/. Code splitting keeps each command in its own chunk, so `--version` parses one small file
// instead of Node resolving hundreds of modules one by one.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  define: {
    __CASSETTE_VERSION__: JSON.stringify(pkg.version),
    'process.env.NODE_ENV': '"production"',
  },
  // CommonJS dependencies (fast-glob, under globby) call require() for Node's built-ins; give the ESM bundle one.
  banner: {
    js: "import { createRequire as __cassetteCreateRequire } from 'node:module'; const require = __cassetteCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
});
