import type { LiveFactory } from "./live-population.js";
import type { ZodObject, ZodRawShape } from "zod";
import type { AgentPopulation } from "./agent.js";
import type { Random } from "./random.js";
import type { AgentKindCheck } from "./agent-kind-check.js";

/** A real data file an agent kind reads, named by a field of a scenario's `data` (relative to --data-dir). */
export interface DataNeed {
  /** The field under `data` ("demand"). */
  readonly field: string;
  /** What the file holds, for the docs and the JSON Schema. */
  readonly description: string;
  /** The error when a group of the kind needs it and the field is absent, e.g. "EV agents need a sessions file (e.g. …)". */
  readonly missing: string;
}

/** What every agent group of a scenario has, whatever its kind. */
export interface AgentGroupFields {
  /** The kind's registered `type`. */
  readonly type: string;
  /** Number of agents in the group. */
  readonly count: number;
}

/** The scenario-wide settings a kind's cross-field checks may read. */
export interface ScenarioFacts {
  /** Past signal values the public model sees. */
  readonly window: number;
  /** Steps the public model predicts; agents decide over them. */
  readonly horizon: number;
}

/** What the world builder hands a kind's `build`: the data set's shape, seeded randomness and data access. */
export interface AgentBuildContext {
  /** Index of the group among the scenario's `agents`. */
  readonly index: number;
  /** Ids of the group's agents: `<type>-<group>-<jj>`. */
  readonly ids: readonly string[];
  /** Hour on the signal's time axis predicted by each row (row i's first target step). */
  readonly ticks: Int32Array;
  /** Rows of the windowed data set (= ticks.length). */
  readonly rows: number;
  /** Length of the signal in hours. */
  readonly hours: number;
  /** The scenario's window. */
  readonly window: number;
  /** The scenario's horizon. */
  readonly horizon: number;
  /** The run's master seed (synthetic data derive from it). */
  readonly seed: number;
  /** The group's own random stream, forked from the seed by group index. */
  readonly rng: Random;
  /** Whether the scenario reads real files or generates its signals. */
  readonly source: "real" | "synthetic";
  /** Loads something once per world and shares it with the other groups (a data file, a trace). */
  shared<T>(key: string, load: () => T): T;
  /** Absolute path of the real file named by `data.<field>`; an InputError when it is not given. */
  dataFile(field: string): string;
  /** Records a data file's handled quirks (counts > 0 are reported in run.json). */
  quirks(file: string, quirks: object): void;
  /** Records one quirk by name. */
  quirk(what: string, count: number): void;
}

/** One agent group, built: its population and ξ (rows×count×xiWidth, row i = the tick row i predicts). */
export interface BuiltGroup {
  readonly population: AgentPopulation;
  readonly xi: Float32Array;
  /** Pairwise W1 span of the group's needs or demands, when the kind measures it. */
  readonly spread?: { readonly min: number; readonly max: number };
  /** How the group's agents act when deployed over time with state; absent: statelessly, tick by tick (the simulator adapts them). */
  readonly live?: LiveFactory;
}

/**
 * An agent kind, as a package registers it (Gymnasium's `register(id, entry_point)`): the fields
 * of its scenario groups, the data it reads, and how to build its population and ξ. The scenario
 * schema, the world builder, the docs' field table and the JSON Schema are generated from these.
 */
export interface AgentKind<G extends AgentGroupFields = AgentGroupFields> {
  /** The name scenario groups give as `type` ("datacenter"). */
  readonly type: string;
  /** One line: who the agents are and which equation they implement. */
  readonly description: string;
  /** zod object of a group's fields besides `type` (with `count`); `.describe()` texts become the docs. */
  readonly fields: ZodObject<ZodRawShape>;
  /** Real data files the kind reads. */
  readonly data?: readonly DataNeed[];
  /** Smallest horizon the kind can decide over (agents scheduling slots need several). */
  readonly minHorizon?: number;
  /** Checks across fields and the scenario (a window that must fit the horizon); `issue` names a field of the group. */
  refine?(group: G, facts: ScenarioFacts, issue: (field: string, message: string) => void): void;
  /** The population of a group, without data (what `equitable check` exercises). */
  population(group: G, facts: { readonly horizon: number; readonly ids: readonly string[] }): AgentPopulation;
  /** The group's population and ξ from the loaded data. */
  build(group: G, ctx: AgentBuildContext): BuiltGroup;
  /** One population for several groups when a scenario's groups are all of this kind (fewer, larger tensor ops). */
  merge?(populations: readonly AgentPopulation[]): AgentPopulation;
  /** Whether its live population reports its load (LivePopulation.load), so a scenario's `feedback` can move the signal with it. */
  readonly loads?: boolean;
  /** Arbitraries and decision hooks for `equitable check`. */
  readonly check?: AgentKindCheck<G>;
}
