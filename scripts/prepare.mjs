// npm runs `prepare` in a checkout after `npm install` (devDependencies installed), and in the
// clone it makes of a git dependency before packing it. In that clone, a global install (how
// pre-commit installs a node hook: `npm install -g --install-links git+file://…`) passes
// `global` on to the clone's own install, which then leaves the devDependencies out, and
// esbuild with them. Install them into the clone first, locally, without scripts (this one
// included), then build.
import { spawnSync } from 'node:child_process';

async function hasEsbuild() {
  try {
    await import('esbuild');
    return true;
  } catch {
    return false;
  }
}

if (!(await hasEsbuild())) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_config_(global|location|prefix|omit|only|production)$/i.test(key)),
  );
  const npm = process.env.npm_execpath
    ? [process.execPath, [process.env.npm_execpath]]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
  const install = spawnSync(
    npm[0],
    [...npm[1], 'install', '--include=dev', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund', '--location=project'],
    { env, stdio: 'inherit' },
  );
  if (install.status !== 0) process.exit(install.status ?? 1);
}
await import('./build.mjs');
