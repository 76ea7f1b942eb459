import { z } from "zod";

const values = <T extends z.ZodTypeAny>(item: T, what: string) =>
  z.array(item).nonempty({ message: `lists no ${what}: give at least one, or leave the field off for the scenario's own` });

/** A path into a scenario ("training.learningRate", "agents[0].count" or "agents.0.count"). */
const paramPath = z.string().regex(/^[A-Za-z_$][\w$]*(\[\d+\]|\.[\w$]+)*$/, "not a field path such as training.learningRate or agents[0].count");

/**
 * The sweep file format (JSON): scenario file(s) × lists of methods, q, β, seeds, epochs and any
 * scenario field by path. A list left off means the scenario's own value. Every combination is one
 * cell; Plain PM (no q, no β) is one cell per seed whatever the q and β lists say.
 */
export const sweepSchema = z.object({
  /** Where an editor finds a schema; ignored. */
  $schema: z.string().optional(),
  /** Names the sweep (the report's title; BullMQ's queue). */
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, '.', '_' and '-' only"),
  description: z.string().default(""),
  /** Scenario file(s), relative to the sweep file. */
  scenario: z.union([z.string().min(1), z.array(z.string().min(1)).nonempty({ message: "lists no scenario" })]),
  /** Registered training methods by name. */
  methods: values(z.string().min(1), "methods").optional(),
  /** The paper's q values (≥ 0; the exponent on mean regrets is q + 1). */
  q: values(z.number().nonnegative({ message: "q must be ≥ 0 (the exponent q + 1 must be ≥ 1)" }), "q values").optional(),
  /** β of (1 − β)·L^q + β·MSE. */
  beta: values(z.number().min(0).max(1), "β values").optional(),
  /** One explicit seed per replication: data, agents, initial weights and batches all derive from it. */
  seeds: values(z.number().int().nonnegative(), "seeds").optional(),
  /** training.epochs values. */
  epochs: values(z.number().int().positive(), "epoch counts").optional(),
  /** Any other scenario field by path, each with its list of values. */
  params: z.record(paramPath, z.array(z.unknown()).nonempty({ message: "lists no values" })).default({}),
}).strict();

/** A validated sweep file. */
export type SweepFile = z.infer<typeof sweepSchema>;
