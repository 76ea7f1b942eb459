/** Training produced a non-finite loss: the message says where and what usually helps. */
export class TrainingDivergedError extends Error {
  override readonly name = "TrainingDivergedError";
  constructor(readonly epoch: number, readonly step: number, readonly loss: number) {
    super(
      `training diverged at epoch ${epoch + 1}, step ${step + 1} (loss ${loss}): ` +
        "lower training.learningRate or set training.clipNorm",
    );
  }
}
