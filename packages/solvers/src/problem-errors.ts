import { InputError } from "@equitable/core";
import { describeInstance, type InstanceRef } from "./instance-ref.js";

// Both errors extend InputError: an infeasible or unbounded instance is a property of the caller's
// data (k larger than the horizon, a missing bound), so the CLI reports it like any bad input.
// `name` stays "InputError": core types it as that literal, so a subclass cannot rename it; tell
// the two apart with instanceof.

/** Base of the two outcome errors: carries which agent/instance/problem kind failed. */
export abstract class ProblemOutcomeError extends InputError {
  /** The agent the problem belongs to, when known. */
  readonly agent?: string;
  /** The instance (sample number or a label such as "row 5, agent 2"), when known. */
  readonly instance?: string | number;
  /** The problem kind: "k-cheapest", "single-sum", "linear", "integer linear" */
  readonly kind: string;
  protected constructor(outcome: string, kind: string, detail: string, ref: InstanceRef | undefined) {
    const where = describeInstance(ref);
    super(where === "" ? kind : where, `${outcome} ${kind} problem${detail === "" ? "" : ` (${detail})`}`);
    if (ref?.agent !== undefined) this.agent = ref.agent;
    if (ref?.instance !== undefined) this.instance = ref.instance;
    this.kind = kind;
  }
}

/** The problem has no feasible point: "agent ev-3, sample 17: infeasible k-cheapest problem (k = 14 > 12 slots)". */
export class InfeasibleProblemError extends ProblemOutcomeError {
  constructor(kind: string, detail: string, ref?: InstanceRef) {
    super("infeasible", kind, detail, ref);
  }
}

/** The objective can improve without limit: "agent a, sample 2: unbounded linear problem (...)". */
export class UnboundedProblemError extends ProblemOutcomeError {
  constructor(kind: string, detail: string, ref?: InstanceRef) {
    super("unbounded", kind, detail, ref);
  }
}
