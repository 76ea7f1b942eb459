import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { z } from "zod";
import { InputError, agentKinds, trainingMethods } from "@equitable/core";
import { dataPath, groupSchema, parseJsonText, toInputError, withPlugins, type AgentGroup } from "@equitable/scenario";

const band = z.object({
  name: z.string().min(1).describe("how tables name the band (\"0-24 h\")"),
  leadHours: z.number().nonnegative().describe("the decision starts at the first aligned target at least this many hours after the issue"),
}).strict();

const candidateGrid = z.object({
  q: z.array(z.number().nonnegative()).nonempty().optional().describe("the Equitable Objective's q values to try (the paper's q; exponent q + 1); equitable only"),
  beta: z.array(z.number().min(0).max(1)).nonempty().optional().describe("β values to try (regret methods with a β)"),
  warmStart: z.array(z.boolean()).nonempty().optional().describe("start from the seed's Plain layer (true), from the published forecast (false), or try both"),
  epochs: z.number().int().positive().optional().describe("this method's epochs (default: recalibration.epochs)"),
}).strict();

const recalibration = z.object({
  trainFraction: z.number().gt(0).lt(1).default(0.67).describe("first fraction of decision days (chronological) to train on; the rest is audited"),
  validationFraction: z.number().gt(0).lt(1).default(0.25)
    .describe("last fraction of the training days held out to choose each method's setting among its grid; the test days are never seen by the selection"),
  grid: z.record(z.string(), candidateGrid).default({})
    .describe("per method, the candidate settings to choose among on the validation days; unlisted fields take the single values q, beta, warmStart"),
  seeds: z.array(z.number().int().nonnegative()).nonempty().default([1, 2, 3, 4, 5]),
  methods: z.array(z.string()).nonempty().default(["plain", "equitable", "irw"]).describe("registered training methods"),
  q: z.number().nonnegative().default(2).describe("the Equitable Objective's q (exponent q + 1)"),
  beta: z.number().min(0).max(1).default(0).describe("β of the regret methods' combined objective (1 − β)·L + β·MSE (Appendix A.5)"),
  epochs: z.number().int().positive().default(30),
  learningRate: z.number().positive().default(0.005),
  warmStart: z.boolean().default(true).describe("regret methods start from the same seed's Plain (MSE) layer, as the experiment's Equitable PMs do (needs \"plain\" among methods)"),
  fineTuneLearningRate: z.number().positive().optional().describe("learning rate of warm-started methods (default learningRate / 5)"),
  batchSize: z.number().int().positive().default(32),
}).strict();

/** The audit scenario's own fields; `agents` are checked against the registered kinds separately. */
const auditSchema = z.object({
  $schema: z.string().optional(),
  plugins: z.array(z.string().min(1)).default([]),
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' and '-' only (it names runs/<name>)"),
  description: z.string().default(""),
  seed: z.number().int().default(0).describe("agents' contexts and the bootstrap derive from it"),
  forecasts: z.object({
    table: dataPath().describe("the vintages table `issued_at,target_from,forecast[,actual]`, relative to --data-dir"),
    actuals: dataPath().optional().describe("a table `from,actual`, relative to --data-dir (default: the table's `actual` column)"),
    stepMinutes: z.number().positive().optional().describe("the targets' grid step (default: inferred)"),
  }).strict(),
  decision: z.object({
    steps: z.number().int().positive().describe("forecast steps each agent decides over (48 half-hours = one day)"),
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a UTC time of day HH:MM").optional()
      .describe("UTC time of day the decision vector starts at (\"00:00\": a calendar day); default: the first target after the lead"),
  }).strict(),
  bands: z.array(band).nonempty().default([{ name: "next", leadHours: 0 }]),
  shortIssues: z.enum(["skip", "error"]).default("skip").describe("an issue too short for a decision: skipped and counted, or an error naming it"),
  persistenceDays: z.number().int().positive().max(14).default(7).describe("persistence looks back at most this many days for the same time of day's latest known outturn"),
  bootstrap: z.object({
    resamples: z.number().int().min(100).max(100_000).default(1000),
    level: z.number().gt(0).lt(1).default(0.95),
  }).strict().default({}),
  alpha: z.number().gt(0).max(1).default(0.2).describe("worst-α: the worst-off fraction"),
  agents: z.array(z.object({ type: z.string(), group: z.string().min(1).optional() }).passthrough()).nonempty(),
  recalibration: recalibration.optional(),
}).strict();

/** One agent group of an audit: its kind's validated fields and the name tables give it. */
export interface AuditGroup {
  readonly name: string;
  readonly fields: AgentGroup;
}

/** A validated audit scenario. */
export type AuditScenario = Omit<z.infer<typeof auditSchema>, "agents"> & { readonly agents: readonly AuditGroup[] };

/** Settings of the equitable recalibration. */
export type RecalibrationSettings = z.infer<typeof recalibration>;

/** Validates an audit scenario object (the agents against the registered kinds); InputError naming the field. */
export function parseAuditScenario(value: unknown, file = "scenario"): AuditScenario {
  const parsed = auditSchema.safeParse(value);
  if (!parsed.success) throw toInputError(file, parsed.error);
  const s = parsed.data;
  const names = new Set<string>();
  const agents = s.agents.map((raw, g) => {
    const { group, ...rest } = raw;
    const kind = agentKinds.get(rest.type);
    if (!kind) throw new InputError(`${file}: agents[${g}].type`, agentKinds.unknownMessage(rest.type));
    const fields = groupSchema(kind).safeParse(rest);
    if (!fields.success) {
      const issue = fields.error.issues[0];
      throw new InputError(`${file}: agents[${g}].${issue.path.join(".") || "type"}`, issue.code === "unrecognized_keys" ? `unknown field ${issue.keys.join(", ")}` : issue.message);
    }
    const name = group ?? `${rest.type}-${g}`;
    if (names.has(name)) throw new InputError(`${file}: agents[${g}].group`, `group name '${name}' is used twice`);
    names.add(name);
    kind.refine?.(fields.data as never, { window: 1, horizon: s.decision.steps }, (field, message) => {
      throw new InputError(`${file}: agents[${g}].${field}`, message);
    });
    return { name, fields: fields.data as AgentGroup };
  });
  const r = s.recalibration;
  if (r && !r.methods.includes("plain")) {
    const warm = [["warmStart", r.warmStart] as const, ...Object.entries(r.grid).map(([m, g]) => [`grid.${m}.warmStart`, g.warmStart?.includes(true) ?? false] as const)];
    const bad = warm.find(([, on]) => on);
    if (bad) throw new InputError(`${file}: recalibration.${bad[0]}`, "warm starts begin from the Plain layer: add \"plain\" to recalibration.methods or set warmStart false");
  }
  for (const m of Object.keys(r?.grid ?? {})) {
    if (!r!.methods.includes(m)) throw new InputError(`${file}: recalibration.grid.${m}`, `'${m}' is not among recalibration.methods (${r!.methods.join(", ")})`);
  }
  s.recalibration?.methods.forEach((m, k) => {
    if (!trainingMethods.get(m)) throw new InputError(`${file}: recalibration.methods[${k}]`, trainingMethods.unknownMessage(m));
  });
  return { ...s, agents };
}

/** Reads and validates an audit scenario file (a directory means its `scenario.json`; `.json` may be left off). */
export async function loadAuditScenario(file: string, host?: string): Promise<AuditScenario> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EISDIR") return loadAuditScenario(`${file.replace(/\/$/, "")}/scenario.json`, host);
    if (code === "ENOENT" && !file.endsWith(".json")) return loadAuditScenario(`${file}.json`, host);
    throw new InputError(file, code === "ENOENT" ? "scenario file not found" : `cannot read (${code})`);
  }
  const value = parseJsonText(text, file);
  return parseAuditScenario(await withPlugins(value, file, dirname(resolve(file)), host), file);
}
