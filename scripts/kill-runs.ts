// Kills `equitable run` with SIGKILL at random moments, then re-runs it, N times (default 20), and
// checks that the output directory is never a mix of two runs and that every re-run ends
// complete and consistent, with a summary.json byte-identical to an undisturbed run's:
// `npx -y pnpm@10 kill-runs [N] [seed] [from]`: kill moments are uniform over [from, 1] × the last
// undisturbed run's time (from = 0.4 skips most of the start-up, aiming at training and saving).
// Heavier than a test (about 10 s a round on 2 cores).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "packages/cli/src/bin.ts");
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const rounds = Number(process.argv[2] ?? 20);
const seed = Number(process.argv[3] ?? Date.now() % 1_000_000);
const from = Number(process.argv[4] ?? 0);

/** mulberry32: the kill moments are reproducible from the printed seed. */
function random(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

function filesBelow(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesBelow(dir, prefix ? `${prefix}/${e.name}` : e.name) : [prefix ? `${prefix}/${e.name}` : e.name]))
    .sort();
}

interface Marker {
  status: string;
  files: Record<string, string | null>;
}

const markerOf = (dir: string): Marker | undefined =>
  existsSync(path.join(dir, ".equitable-run.json")) ? (JSON.parse(readFileSync(path.join(dir, ".equitable-run.json"), "utf8")) as Marker) : undefined;

/** Runs the CLI; kills it with SIGKILL after `killAfterMs` if given. Resolves with its exit status (null: killed). */
function run(args: string[], killAfterMs?: number): Promise<{ status: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", tsx, "--conditions=@equitable/source", bin, ...args], { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  return new Promise((resolve) => {
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stderr, ms: Date.now() - started });
    });
  });
}

/** What a killed run left: never a mix. Returns a word for the table, or throws. */
function stateAfterKill(dir: string): string {
  if (!existsSync(dir)) return "no directory yet";
  const marker = markerOf(dir);
  const summary = existsSync(path.join(dir, "summary.json"));
  if (!marker) {
    if (summary) throw new Error("summary.json without a marker");
    return "no marker yet";
  }
  if (marker.status === "complete") {
    // The earlier run untouched (killed before it began replacing), or this one finished first.
    for (const [rel, hash] of Object.entries(marker.files)) {
      if (!existsSync(path.join(dir, rel)) || sha(path.join(dir, rel)) !== hash) throw new Error(`complete marker, but ${rel} differs`);
    }
    return "previous/complete run intact";
  }
  if (summary && marker.files["summary.json"] === undefined) throw new Error("summary.json not the marker's");
  const written = Object.values(marker.files).filter((h) => h !== null).length;
  return `marked ${marker.status}: ${written}/${Object.keys(marker.files).length} files written`;
}

/** A complete, consistent directory whose summary.json is `reference`, byte for byte. */
function checkComplete(dir: string, reference: string): void {
  const marker = markerOf(dir);
  if (marker?.status !== "complete") throw new Error(`marker status ${marker?.status}`);
  const listed = Object.keys(marker.files).sort();
  const present = filesBelow(dir).filter((f) => f !== ".equitable-run.json");
  if (JSON.stringify(present) !== JSON.stringify(listed)) throw new Error(`files ${present.join(" ")} ≠ listed ${listed.join(" ")}`);
  for (const rel of listed) if (sha(path.join(dir, rel)) !== marker.files[rel]) throw new Error(`${rel} does not match its hash`);
  if (readFileSync(path.join(dir, "summary.json"), "utf8") !== reference) throw new Error("summary.json differs from the undisturbed run's");
}

const work = mkdtempSync(path.join(tmpdir(), "equitable-kill-"));
const scenario = path.join(work, "kill.json");
writeFileSync(scenario, JSON.stringify({
  name: "kill", seed: 3, data: { source: "synthetic", hours: 1200 }, window: 12,
  agents: [{ type: "datacenter", count: 5, lambda: "different", demand: "different", perturbed: 2 }],
  model: { kind: "mlp", hidden: 8 }, training: { epochs: 8, batchSize: 64 }, q: [0, 1, 2, 4],
}));
const args = (out: string) => ["run", scenario, "--out", out, "--quiet", "--backend", "cpu"];
const rand = random(seed);
let failures = 0;
let kills = 0;
let played = 0;
try {
  const ref = await run(args(path.join(work, "ref")));
  if (ref.status !== 0) throw new Error(`reference run failed: ${ref.stderr}`);
  const reference = readFileSync(path.join(work, "ref", "summary.json"), "utf8");
  process.stdout.write(`seed ${seed}; kill moments uniform over [${from}, 1] × the last undisturbed run's time; ${rounds} kills wanted\n\n`);
  process.stdout.write("round  kill at  killed  left behind                              re-run  consistent\n");
  const out = path.join(work, "out");
  // The machine's load changes a run's time: each re-run (undisturbed) sets the next kill's range.
  let span = ref.ms;
  for (let i = 1; kills < rounds && i <= 3 * rounds; i++) {
    const at = Math.round((from + (1 - from) * rand()) * span);
    const killed = await run(args(out), at);
    played++;
    if (killed.status === null) kills++;
    let left = "?";
    let verdict = "yes";
    let rerunStatus: number | null = null;
    try {
      left = stateAfterKill(out);
    } catch (err) {
      left = `MIX: ${(err as Error).message}`;
      failures++;
    }
    try {
      const rerun = await run(args(out));
      rerunStatus = rerun.status;
      span = rerun.ms;
      if (rerun.status !== 0) throw new Error(`re-run exited ${rerun.status}: ${rerun.stderr.trim()}`);
      checkComplete(out, reference);
    } catch (err) {
      verdict = `NO: ${(err as Error).message}`;
      if (!left.startsWith("MIX")) failures++;
    }
    process.stdout.write(`${String(i).padStart(5)}  ${String(at).padStart(6)} ms  ${killed.status === null ? "yes   " : `no (${killed.status})`}  ${left.padEnd(40)} ${String(rerunStatus).padStart(6)}  ${verdict}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(`\n${kills} runs killed, each followed by a re-run\n${played - failures} passed, ${failures} failed\n`);
process.exitCode = failures === 0 && kills >= rounds ? 0 : 1;
