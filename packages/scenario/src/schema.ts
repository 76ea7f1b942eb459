import { z } from "zod";
import { agentKinds, modelKinds, responseModels, trainingMethods, type AgentGroupFields, type AgentKind, type ModelKind, type ResponseModel } from "@equitable/core";
import { loadedPlugins } from "./loaded-plugins.js";
import { dataPath } from "./data-path.js";
import { runMemoryProblem } from "./run-memory.js";

const positiveInt = z.number().int().positive();

/** A group's population weight: each of its agents stands for this many in the objective (Σ_m w_m·C̄_m^(q+1)). */
const groupWeight = z.number().positive().finite().optional()
  .describe("population weight: each agent of the group stands for this many in the training objective, Σ_m w_m·C̄_m^(q+1) (default 1; the test table lists each agent once)");

/** Where the signals come from: the real files under --data-dir (the kinds add theirs), or the seeded generator. */
function dataSchema(kinds: readonly AgentKind[]) {
  const files: Record<string, z.ZodOptional<ReturnType<typeof dataPath>>> = {};
  for (const kind of kinds) {
    for (const need of kind.data ?? []) files[need.field] = dataPath().optional().describe(`${need.description}, relative to the data directory`);
  }
  return z.discriminatedUnion("source", [
    z.object({
      source: z.literal("real"),
      carbon: dataPath().describe("EIA fuel-mix CSV, relative to the data directory (carbon, and offsite water when used)"),
      weather: dataPath().optional().describe("EPW weather file, relative to the data directory (onsite water in the EV signal)"),
      ...files,
    }).strict(),
    z.object({
      source: z.literal("synthetic"),
      hours: positiveInt.describe("length of the generated series in hours"),
    }).strict(),
  ]);
}

/** The schema of one kind's group: `type`, the population `weight` every group has, and the kind's own fields. */
export function groupSchema(kind: AgentKind) {
  return kind.fields.extend({ type: z.literal(kind.type), weight: groupWeight }).strict();
}

/** Agent groups of the registered kinds; an unknown type lists the known ones and the plugins loaded. */
function agentGroupSchema(kinds: readonly AgentKind[]): z.ZodType<AgentGroup> {
  const byType = new Map(kinds.map((k) => [k.type, groupSchema(k)]));
  return z
    .object({ type: z.string() })
    .passthrough()
    .transform((value, ctx) => {
      const schema = byType.get(value.type);
      if (!schema) {
        const plugins = loadedPlugins();
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["type"],
          message: `unknown agent type '${value.type}' (known: ${[...byType.keys()].join(", ")}; plugins loaded: ${plugins.length > 0 ? plugins.join(", ") : "none"})`,
        });
        return z.NEVER;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue(issue);
        return z.NEVER;
      }
      return parsed.data as AgentGroup;
    }) as unknown as z.ZodType<AgentGroup>;
}

/** The schema of one model kind's `model` object: `kind` first (as saved scenarios have it), then the kind's fields. */
export function modelSchema(kind: ModelKind) {
  return z.object({ kind: z.literal(kind.kind) }).extend(kind.fields.shape).strict();
}

/** The public model: a registered model kind (default "lstm") and its fields; an unknown kind lists the registered ones. */
function modelFieldSchema(models: readonly ModelKind[]): z.ZodType<ModelFields> {
  const byKind = new Map(models.map((k) => [k.kind, modelSchema(k)]));
  return z
    .object({ kind: z.string().default("lstm") })
    .passthrough()
    .transform((value, ctx) => {
      const schema = byKind.get(value.kind);
      if (!schema) {
        const plugins = loadedPlugins();
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["kind"],
          message: `unknown model kind '${value.kind}' (known: ${[...byKind.keys()].join(", ")}; plugins loaded: ${plugins.length > 0 ? plugins.join(", ") : "none"})`,
        });
        return z.NEVER;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue(issue);
        return z.NEVER;
      }
      return parsed.data as ModelFields;
    })
    .default({}) as unknown as z.ZodType<ModelFields>;
}

/**
 * The closed loop's `feedback`: a registered response model by name and its own fields (absent:
 * the agents' actions never reach the signal, as in every replay of history).
 */
function feedbackSchema(models: readonly ResponseModel[]): z.ZodType<FeedbackFields> {
  const byName = new Map(models.map((m) => [m.name, z.object({ model: z.literal(m.name) }).extend(m.fields.shape).strict()]));
  return z
    .object({ model: z.string().describe("a registered response model (merit-order, linear-shift, or a plugin's)") })
    .passthrough()
    .transform((value, ctx) => {
      const schema = byName.get(value.model);
      if (!schema) {
        const plugins = loadedPlugins();
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["model"],
          message: `unknown response model '${value.model}' (known: ${[...byName.keys()].join(", ")}; plugins loaded: ${plugins.length > 0 ? plugins.join(", ") : "none"})`,
        });
        return z.NEVER;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue(issue);
        return z.NEVER;
      }
      return parsed.data as FeedbackFields;
    }) as unknown as z.ZodType<FeedbackFields>;
}

/** The validated `feedback` object: its response model's name and fields, defaults filled in. */
export type FeedbackFields = { readonly model: string } & Readonly<Record<string, unknown>>;

/** The validated `model` object: its kind's name and fields, defaults filled in. */
export type ModelFields = { readonly kind: string } & Readonly<Record<string, unknown>>;

/** One validated agent group: its kind's fields, defaults filled in. */
export type AgentGroup = AgentGroupFields & { readonly weight?: number } & Readonly<Record<string, unknown>>;

/** A time-of-use tariff in local time (no market-price file ships here). */
const touPrice = z.object({
  kind: z.literal("tou"),
  peakStart: z.number().int().min(0).max(23),
  peakEnd: z.number().int().min(0).max(24),
  peakRate: z.number().nonnegative(),
  offPeakRate: z.number().nonnegative(),
  /** Hours to add to the data's UTC time to get the tariff's local time (California: −8). */
  utcOffset: z.number().int().min(-12).max(14).default(0),
}).strict();

/** A user's own hourly price file (`time,price`), relative to the data directory. */
const csvPrice = z.object({ kind: z.literal("csv"), file: dataPath() }).strict();

/**
 * What the public model predicts (Eq. 13): E_t = carbon + γ·water + η·price, each min-max scaled
 * to [0, 10] first. The default is carbon alone (data centres, phones, the paper's Table 3).
 */
const signalSchema = z.object({
  /** γ: weight of water intensity (offsite from the fuel mix, plus onsite when data.weather is set). */
  water: z.number().nonnegative().default(0),
  /** η: weight of the electricity price. */
  priceWeight: z.number().nonnegative().default(0),
  price: z.discriminatedUnion("kind", [touPrice, csvPrice]).optional(),
}).strict().default({});

/** The Gaussian policy's standard deviation for policy-gradient training. */
const stdSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("learned"), init: z.number().positive() }).strict(),
  z.object({ kind: z.literal("fixed"), value: z.number().positive(), annealTo: z.number().positive().optional() }).strict(),
]);

/** How agents that cannot be differentiated are trained (Sec. 3.2, Eq. 3-4). */
const policyGradientSchema = z.object({
  /** "auto": chain rule where possible, policy gradient where needed; "policy-gradient": all agents as black boxes. */
  route: z.enum(["auto", "policy-gradient"]).default("auto"),
  estimator: z.enum(["paper", "reinforce-baseline"]).default("reinforce-baseline"),
  samples: positiveInt.default(8),
  baseline: z.enum(["leave-one-out", "running-mean"]).default("leave-one-out"),
  std: stdSchema.default({ kind: "fixed", value: 0.5 }),
}).strict().default({});

/**
 * The scenario file format (JSON), validated field by field, for the given agent kinds, training
 * methods and model kinds (by default every registered one, built-in or from a loaded plugin).
 */
export function buildScenarioSchema(
  kinds: readonly AgentKind[] = agentKinds.values(),
  methods: readonly string[] = trainingMethods.keys(),
  models: readonly ModelKind[] = modelKinds.values(),
  responses: readonly ResponseModel[] = responseModels.values(),
) {
  const kindOf = new Map(kinds.map((k) => [k.type, k]));
  const modelOf = new Map(models.map((k) => [k.kind, k]));
  return z.object({
  /** Where an editor finds the JSON Schema of this format (docs/scenario.schema.json); ignored here. */
  $schema: z.string().optional(),
  /** Modules that register more agent kinds and training methods, resolved relative to the scenario file. */
  plugins: z.array(z.string().min(1)).default([]),
  /** Names the default output directory runs/<name>, so it must be a plain file name. */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' and '-' only (it names runs/<name>)"),
  description: z.string().default(""),
  /** Master seed: data generation, agent noise, initial weights and shuffling all derive from it. */
  seed: z.number().int().default(0),
  /** Replications: `run` trains every method once per seed (one explicit seed each) and reports mean ± 95 % CI. */
  seeds: z.array(z.number().int().nonnegative()).nonempty().optional(),
  data: dataSchema(kinds),
  window: positiveInt.default(12),
  horizon: positiveInt.default(1),
  trainFraction: z.number().gt(0).lt(1).default(0.67),
  agents: z.array(agentGroupSchema(kinds)).nonempty(),
  signal: signalSchema,
  /** The public model: a registered model kind by name and its own fields (docs/authoring-models.md). */
  model: modelFieldSchema(models),
  training: z.object({
    epochs: positiveInt.default(20),
    batchSize: positiveInt.default(128),
    learningRate: z.number().positive().default(0.05),
    lrStepEpochs: positiveInt.default(50),
    lrGamma: z.number().positive().max(1).default(0.5),
    clipNorm: z.number().nonnegative().default(0),
    /** Start each Equitable PM from the trained Plain PM's weights (fine-tuning) instead of afresh. */
    warmStart: z.boolean().default(false),
    /**
     * With warmStart: "equal" trains Plain PM for 2·epochs, as many as a fine-tuned model has seen
     * in all, and fine-tunes from its state after epochs; "fine-tune": Plain PM trains epochs, then
     * fine-tunes itself on MSE for epochs more exactly as the others do on their objectives
     * (equitableLearningRate, a fresh optimiser), so that only the objective differs between the
     * rows; "epochs": Plain PM trains epochs only.
     */
    plainBudget: z.enum(["equal", "fine-tune", "epochs"]).default("equal"),
    /** Learning rate for Equitable PMs, when it should differ from Plain PM's. */
    equitableLearningRate: z.number().positive().optional(),
    policyGradient: policyGradientSchema,
    /** Agents sampled per step (seeded): a step's memory grows with this, not with M. Unset: all agents every step. */
    agentsPerStep: positiveInt.optional(),
  }).strict().default({}),
  /** The closed loop (`equitable simulate --rounds`): how the agents' load moves the signal; absent, it never does. */
  feedback: feedbackSchema(responses).optional(),
  /** Which methods `run` trains: registered training methods by name. */
  methods: z.array(z.string().refine((m) => methods.includes(m), (m) => ({
    message: `unknown training method '${m}' (known: ${methods.join(", ")}; plugins loaded: ${loadedPlugins().join(", ") || "none"})`,
  }))).nonempty().default(["plain", "equitable"]),
  /** Options of methods beyond the shared q, β and lossForm, by method name (a plugin method's own fields). */
  methodOptions: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  /** The paper's q values (≥ 0) for Equitable PM; the exponent on mean regrets is q + 1. */
  q: z.array(z.number().nonnegative({ message: "q must be ≥ 0 (the exponent q + 1 must be ≥ 1)" })).nonempty().default([0]),
  /** β of the combined objective (A.5): (1 − β)·L^q + β·MSE. */
  beta: z.number().min(0).max(1).default(0),
  /** The worst-off fraction α: summaries report the mean regret of the worst ⌈α·M⌉ agents (`worstAlpha`); α-sized methods (cvar, irw, irwo) default to it. */
  alpha: z.number().gt(0, { message: "alpha must be in (0, 1]" }).max(1, { message: "alpha must be in (0, 1]" }).default(0.2),
  /** "norm": the authors' (Σ C̄^(q+1))^(1/(q+1))/M; "power": Eq. 2 verbatim. */
  lossForm: z.enum(["norm", "power"]).default("norm"),
  /** "per-tick" (default) or "mean-forecast" (the authors' published protocol, for comparison only). */
  evaluation: z.enum(["per-tick", "mean-forecast"]).default("per-tick"),
}).strict().refine((s) => !s.training.warmStart || s.methods.includes("plain"), {
  message: "warmStart needs \"plain\" among methods (Equitable PMs start from the Plain PM)",
  path: ["training", "warmStart"],
}).superRefine((s, ctx) => {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
  const pg = s.training.policyGradient;
  if (pg.baseline === "leave-one-out" && pg.samples < 2) {
    issue(["training", "policyGradient", "samples"], "a leave-one-out baseline needs at least 2 samples (or use baseline 'running-mean')");
  }
  // A model that failed its kind's schema is already reported (and undefined here).
  if (s.model) modelOf.get(s.model.kind)?.refine?.(s.model, (field, message) => issue(["model", field], message));
  if (s.signal.priceWeight > 0 && !s.signal.price) issue(["signal", "price"], "priceWeight > 0 needs a price source (tou or csv)");
  for (const name of Object.keys(s.methodOptions)) {
    if (!methods.includes(name)) issue(["methodOptions", name], trainingMethods.unknownMessage(name));
  }
  // Sizes whose allocations would not fit are refused now, not after a minute of allocating.
  const memory = s.agents.every((g) => g) && s.model ? runMemoryProblem(s) : undefined;
  if (memory) issue(memory.path, memory.message);
  if (s.feedback) {
    const loading = kinds.filter((k) => k.loads).map((k) => k.type);
    s.agents.forEach((g, k) => {
      if (g && kindOf.get(g.type) && !kindOf.get(g.type)!.loads) {
        issue(["agents", k, "type"], `'${g.type}' agents act statelessly and report no load, so \`feedback\` cannot move the signal with them (kinds that can: ${loading.join(", ") || "none"})`);
      }
    });
  }
  s.agents.forEach((g, k) => {
    // A group that failed its own schema is already reported; its fields cannot be trusted here.
    const kind = g && kindOf.get(g.type);
    kind?.refine?.(g, { window: s.window, horizon: s.horizon }, (field, message) => issue(["agents", k, field], message));
  });
});
}

/** A validated scenario with defaults filled in. */
export type Scenario = z.infer<ReturnType<typeof buildScenarioSchema>>;
