// Bundles src/cli/main.ts into dist/. Code splitting keeps each command in its own chunk, so `--version` parses one small file
// instead of Node resolving hundreds of modules one by one.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

// The caches trust only the build that wrote them: a fix to a rule or to the hash must not
// be hidden by results cached by the build before it, even under the same version number.
const sources = readdirSync('src', { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => `${entry.parentPath ?? entry.path}/${entry.name}`)
  .sort();
const buildHash = createHash('sha256');
for (const path of sources) buildHash.update(path).update('\0').update(readFileSync(path)).update('\0');

await build({
  entryPoints: { cli: 'src/cli/main.ts', worker: 'src/core/parallel/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  // ink imports it only when DEV=true, and says how to install it when it is missing.
  external: ['react-devtools-core'],
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  define: {
    __CASSETTE_VERSION__: JSON.stringify(pkg.version),
    __CASSETTE_BUILD__: JSON.stringify(buildHash.digest('hex').slice(0, 16)),
    'process.env.NODE_ENV': '"production"',
  },
  // CommonJS dependencies (fast-glob, under globby) call require() for Node's built-ins; give the ESM bundle one.
  banner: {
    js: "import { createRequire as __cassetteCreateRequire } from 'node:module'; const require = __cassetteCreateRequire(import.meta.url);",
  },
  // ink holds back every frame until exit when a CI variable is set (is-in-ci), made for logs.
  // browse runs only when stdin and stdout are terminals, so a CI variable there (a CI job
  // driving a terminal, a shell profile exporting CI=true) must not blank the screen.
  plugins: [
    {
      // commander requires child_process (and with it net, dgram and streams) at start-up for
      // executable subcommands, which cassette has none of: ~3 ms of every run, --version's too.
      name: 'commander-child-process-on-use',
      setup(bundle) {
        bundle.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
          /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'on-use' } : undefined,
        );
        bundle.onLoad({ filter: /.*/, namespace: 'on-use' }, () => ({
          contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
          loader: 'js',
        }));
      },
    },
    {
      name: 'terminal-is-not-ci',
      setup(bundle) {
        bundle.onResolve({ filter: /^is-in-ci$/ }, () => ({ path: 'is-in-ci', namespace: 'terminal-is-not-ci' }));
        bundle.onLoad({ filter: /.*/, namespace: 'terminal-is-not-ci' }, () => ({ contents: 'export default false;', loader: 'js' }));
      },
    },
  ],
  legalComments: 'none',
  logLevel: 'warning',
});
