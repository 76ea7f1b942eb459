import { z } from "zod";

const positiveInt = z.number().int().positive();

/** Where the signals come from: the real files under --data-dir, or the seeded generator. */
const dataSchema = z.discriminatedUnion("source", [
  z.object({
    source: z.literal("real"),
    /** EIA fuel-mix CSV, relative to the data directory (carbon, and offsite water when used). */
    carbon: z.string().min(1),
    /** Azure Functions demand CSV, relative to the data directory (data-centre agents). */
    demand: z.string().min(1).optional(),
    /** ACN sessions CSV, relative to the data directory (EV agents). */
    ev: z.string().min(1).optional(),
    /** EPW weather file, relative to the data directory (onsite water in the EV signal). */
    weather: z.string().min(1).optional(),
  }).strict(),
  z.object({
    source: z.literal("synthetic"),
    /** Length of the generated series in hours. */
    hours: positiveInt,
  }).strict(),
]);

/** A group of data-centre agents (Eq. 12). */
const datacenterAgents = z.object({
  type: z.literal("datacenter"),
  count: positiveInt,
  /** "same": λ = 2 for all; "different": λ = 2, 4, …, 2·count; or an explicit list. */
  lambda: z.union([z.enum(["same", "different"]), z.array(z.number().positive()).nonempty()]),
  /** "similar": chunks of one trace; "different": `perturbed` of them shifted and noised. */
  demand: z.enum(["similar", "different"]),
  perturbed: z.number().int().nonnegative().default(20),
  shiftMax: z.number().nonnegative().default(60),
  noiseStd: z.number().nonnegative().default(1),
}).strict();

/** A group of EV agents (Eq. 13): ACN sessions split into contiguous chunks, one per agent. */
const evAgents = z.object({
  type: z.literal("ev"),
  count: positiveInt,
  /** "similar": chunks of the session list as they are; "different": `perturbed` of them get larger needs. */
  demand: z.enum(["similar", "different"]),
  perturbed: z.number().int().nonnegative().default(20),
  /** Largest added energy need of a perturbed agent, kWh (default: the agents-ev package's). */
  shiftMax: z.number().nonnegative().optional(),
  noiseStd: z.number().nonnegative().optional(),
  /** "session": each session's own rate (k = its duration); "agent": one rate per EV, k = need/ζ_j. */
  rate: z.enum(["session", "agent"]).default("session"),
  /** Charging window inside the forecast: steps [firstSlot, firstSlot + slots) (default: the whole horizon). */
  firstSlot: z.number().int().nonnegative().default(0),
  slots: positiveInt.optional(),
}).strict();

/** A group of phone agents (Appendix A.4): charge k of the window's slots, minimising carbon. */
const phoneAgents = z.object({
  type: z.literal("phone"),
  count: positiveInt,
  kMin: positiveInt.default(1),
  kMax: positiveInt.default(11),
  /** Energy per charged slot, drawn per phone in [muMin, muMax]. */
  muMin: z.number().positive().default(0.5),
  muMax: z.number().positive().default(1.5),
}).strict();

/** Agent kinds a scenario may name; each has its own fields. */
export const AGENT_TYPES = ["datacenter", "ev", "phone"] as const;

const agentGroup = z
  .object({ type: z.string() })
  .passthrough()
  .superRefine((value, ctx) => {
    if (!(AGENT_TYPES as readonly string[]).includes(value.type)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["type"],
        message: `unknown agent type '${value.type}' (known: ${AGENT_TYPES.join(", ")})`,
      });
    }
  })
  .pipe(z.discriminatedUnion("type", [datacenterAgents, evAgents, phoneAgents]));

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
const csvPrice = z.object({ kind: z.literal("csv"), file: z.string().min(1) }).strict();

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

/** The scenario file format (JSON), validated field by field. */
export const scenarioSchema = z.object({
  /** Names the default output directory runs/<name>, so it must be a plain file name. */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' and '-' only (it names runs/<name>)"),
  description: z.string().default(""),
  /** Master seed: data generation, agent noise, initial weights and shuffling all derive from it. */
  seed: z.number().int().default(0),
  data: dataSchema,
  window: positiveInt.default(12),
  horizon: positiveInt.default(1),
  trainFraction: z.number().gt(0).lt(1).default(0.67),
  agents: z.array(agentGroup).nonempty(),
  signal: signalSchema,
  model: z.object({
    kind: z.enum(["lstm", "mlp", "transformer"]).default("lstm"),
    /** LSTM / MLP width. */
    hidden: positiveInt.default(50),
    /** Transformer: model width d, attention heads, feed-forward width (the paper: 250, 10). */
    dModel: positiveInt.default(250),
    heads: positiveInt.default(10),
    ffHidden: positiveInt.default(250),
  }).strict().default({}),
  training: z.object({
    epochs: positiveInt.default(20),
    batchSize: positiveInt.default(128),
    learningRate: z.number().positive().default(0.05),
    lrStepEpochs: positiveInt.default(50),
    lrGamma: z.number().positive().max(1).default(0.5),
    clipNorm: z.number().nonnegative().default(0),
    /** Start each Equitable PM from the trained Plain PM's weights (fine-tuning) instead of afresh. */
    warmStart: z.boolean().default(false),
    /** Learning rate for Equitable PMs, when it should differ from Plain PM's. */
    equitableLearningRate: z.number().positive().optional(),
    policyGradient: policyGradientSchema,
  }).strict().default({}),
  /** Which methods `run` trains. */
  methods: z.array(z.enum(["plain", "equitable"])).nonempty().default(["plain", "equitable"]),
  /** The paper's q values (≥ 0) for Equitable PM; the exponent on mean regrets is q + 1. */
  q: z.array(z.number().nonnegative({ message: "q must be ≥ 0 (the exponent q + 1 must be ≥ 1)" })).nonempty().default([0]),
  /** β of the combined objective (A.5): (1 − β)·L^q + β·MSE. */
  beta: z.number().min(0).max(1).default(0),
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
  if (s.model.kind === "transformer" && s.model.dModel % s.model.heads !== 0) {
    issue(["model", "heads"], `dModel ${s.model.dModel} is not divisible by ${s.model.heads} heads`);
  }
  if (s.signal.priceWeight > 0 && !s.signal.price) issue(["signal", "price"], "priceWeight > 0 needs a price source (tou or csv)");
  s.agents.forEach((g, k) => {
    if (g.type === "ev" && g.firstSlot + (g.slots ?? 1) > s.horizon) {
      issue(["agents", k, "slots"], `the charging window [${g.firstSlot}, ${g.firstSlot + (g.slots ?? 1)}) does not fit the ${s.horizon}-step horizon`);
    }
    if (g.type !== "phone") return;
    if (g.kMin > g.kMax) issue(["agents", k, "kMin"], `kMin ${g.kMin} is above kMax ${g.kMax}`);
    if (g.kMax > s.horizon) issue(["agents", k, "kMax"], `phones choose slots of the forecast: kMax ${g.kMax} exceeds horizon ${s.horizon}`);
    if (g.muMin > g.muMax) issue(["agents", k, "muMin"], `muMin ${g.muMin} is above muMax ${g.muMax}`);
  });
});

/** A validated scenario with defaults filled in. */
export type Scenario = z.infer<typeof scenarioSchema>;
