/** Optimiser settings of one training run, all taken from the scenario. */
export interface TrainingOptions {
  /** Passes over the training rows. */
  epochs: number;
  /** Rows per gradient step (the paper uses 128). */
  batchSize: number;
  /** Adam's initial learning rate (0.05 for data centres in A.3.1). */
  learningRate: number;
  /** Epochs between learning-rate decays. */
  lrStepEpochs: number;
  /** Factor applied at each decay. */
  lrGamma: number;
  /** Clip the global gradient norm to this value; 0 disables clipping. */
  clipNorm: number;
  /**
   * Agents sampled (uniformly, without replacement, seeded by the run's rng) per step; the step's
   * objective is the method's over that sample. Unset, or ≥ M: every agent every step.
   */
  agentsPerStep?: number;
}
