/** Progress of a training run, emitted as a stream so CLIs, tests and sweeps can observe it. */
export type TrainingEvent =
  | {
      type: "step";
      /** 0-based epoch. */
      epoch: number;
      /** 0-based step within the epoch. */
      step: number;
      /** Steps per epoch. */
      steps: number;
    }
  | {
      type: "epoch";
      /** 0-based epoch that just finished. */
      epoch: number;
      /** Total epochs of the run. */
      epochs: number;
      /** Mean training loss over the epoch's batches. */
      loss: number;
      /** Learning rate used during the epoch. */
      learningRate: number;
      /** Wall-clock seconds the epoch took. */
      seconds: number;
      /** tf.memory().numTensors after the epoch: flat across epochs when nothing leaks. */
      numTensors: number;
    };
