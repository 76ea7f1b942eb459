#!/usr/bin/env node
// The README's `./equitable …` (the root's `equitable` script execs this file), also `npx equitable …`
// (linked into node_modules/.bin by the root devDependency "equitable-launcher":
// "link:scripts/equitable-bin") and `pnpm equitable …` (the root's script). It runs the built
// CLI, packages/cli/dist/bin.js, what the published package's bin runs, so no TypeScript is
// transpiled at start. First it checks that no workspace package's sources are newer than its
// build (a stat of every file under packages/*/src, a few ms) and, if one is, or a dist is
// missing, rebuilds through turbo (only what changed; progress on stderr), so an edit never runs
// stale code. `npx -y pnpm@10 equitable:dev …` runs the TypeScript sources through tsx instead.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync, utimesSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const packages = join(root, "packages");
// Written after each rebuild this launcher runs, with the time the build started: turbo restores a
// cache hit without touching dist, so a touched but unchanged source would otherwise look newer forever.
const stamp = join(root, "node_modules/.cache/equitable-launcher/built");
// What tsconfig.build.json leaves out of dist: editing a spec needs no rebuild.
const SPEC = /(\.spec\.ts|\.spec-helper\.ts|spec-fixtures\.ts)$|^spec-fixtures$/;

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -Infinity;
  }
}

/** Newest mtime of the build's inputs under dir (src/**, specs excepted). */
function newest(dir) {
  let t = -Infinity;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SPEC.test(e.name)) continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : mtime(p));
  }
  return t;
}

/** The first package whose build is missing or older than its sources, or undefined. */
function stalePackage() {
  const built = mtime(stamp);
  for (const name of readdirSync(packages)) {
    const dir = join(packages, name);
    if (!existsSync(join(dir, "src"))) continue;
    const dist = mtime(join(dir, "dist/index.js"));
    if (dist === -Infinity) return `${name} (not built)`;
    const inputs = Math.max(newest(join(dir, "src")), mtime(join(dir, "package.json")), mtime(join(dir, "tsconfig.build.json")));
    if (inputs > Math.max(dist, built)) return `${name} (src newer than dist)`;
  }
  return undefined;
}

const stale = stalePackage();
if (stale) {
  const started = new Date();
  // turbo needs pnpm on PATH; npx finds the pnpm the install used.
  const args = ["-y", "pnpm@10", "exec", "turbo", "run", "build", "--filter=@equitable/cli...", "--concurrency=2", "--output-logs=errors-only"];
  process.stderr.write(`equitable: building first, ${stale}: npx ${args.join(" ")}\n`);
  // Build output goes to stderr: stdout stays the command's own (e.g. `evaluate --json`).
  const r = spawnSync(process.platform === "win32" ? "npx.cmd" : "npx", args, { cwd: root, stdio: ["ignore", 2, 2], shell: process.platform === "win32" });
  if (r.status !== 0) {
    process.stderr.write(`error: the build failed (exit ${r.status ?? r.signal}); \`npx -y pnpm@10 equitable:dev …\` runs the sources through tsx\n`);
    process.exit(2);
  }
  mkdirSync(dirname(stamp), { recursive: true });
  writeFileSync(stamp, "");
  utimesSync(stamp, started, started);
}

await import(pathToFileURL(join(root, "packages/cli/dist/bin.js")).href);
