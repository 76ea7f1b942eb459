import type * as tf from "@tensorflow/tfjs-core";
import type { AgentPopulation } from "./agent.js";

/**
 * Agents whose cost ∘ policy is differentiable in the forecast (Sec. 3.2): their regrets
 * are tfjs ops over all agents of a batch, so the chain rule reaches θ.
 */
export interface DifferentiablePopulation extends AgentPopulation {
  /** Regrets C_{m,i} for a batch: forecast and truth B×horizon, xi B×(M·xiWidth); returns B×M. */
  regretsTensor(forecast: tf.Tensor2D, truth: tf.Tensor2D, xi: tf.Tensor2D): tf.Tensor2D;
  /**
   * The sub-population of the listed agents (ascending indices), whose ξ are those agents'
   * columns: what `training.agentsPerStep` samples each step so that a step's memory grows with
   * the sample, not with M. Optional; the caller disposes the result (disposePopulation).
   */
  select?(agents: Int32Array): DifferentiablePopulation;
}

/** Narrows a population to one the chain-rule route can train through. */
export function isDifferentiable(p: AgentPopulation): p is DifferentiablePopulation {
  return p.differentiable && typeof (p as Partial<DifferentiablePopulation>).regretsTensor === "function";
}
