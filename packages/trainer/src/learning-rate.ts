/** Step schedule (PyTorch's StepLR, as the paper's A.3.1): lr·γ^⌊epoch / stepEpochs⌋. */
export function stepLearningRate(base: number, epoch: number, stepEpochs: number, gamma: number): number {
  return base * gamma ** Math.floor(epoch / stepEpochs);
}
