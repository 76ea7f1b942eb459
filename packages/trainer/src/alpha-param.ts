import { z } from "zod";

/** α of an α-sized method: the worst-off fraction of samples it protects, in (0, 1]. */
export const alphaParam = z.number().gt(0, { message: "alpha must be in (0, 1]" }).max(1, { message: "alpha must be in (0, 1]" });

/** β of the combined objective (1 − β)·L + β·MSE (Appendix A.5), in [0, 1]. */
export const betaParam = z.number().min(0).max(1);
