import { z } from "zod";

const positiveInt = z.number().int().positive();

/** Where the signals come from: the real files under --data-dir, or the seeded generator. */
const dataSchema = z.discriminatedUnion("source", [
  z.object({
    source: z.literal("real"),
    /** EIA fuel-mix CSV, relative to the data directory. */
    carbon: z.string().min(1),
    /** Azure Functions demand CSV, relative to the data directory. */
    demand: z.string().min(1),
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

/** Agent kinds a scenario may name; each has its own fields. */
export const AGENT_TYPES = ["datacenter"] as const;

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
  .pipe(datacenterAgents);

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
  model: z.object({
    kind: z.enum(["lstm", "mlp"]).default("lstm"),
    hidden: positiveInt.default(50),
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
});

/** A validated scenario with defaults filled in. */
export type Scenario = z.infer<typeof scenarioSchema>;
