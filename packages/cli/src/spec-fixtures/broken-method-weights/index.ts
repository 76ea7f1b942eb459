// (e) A methods-only plugin whose weights are not the derivative of its value: the mean-power
// method with the factor p of ∂(C̄^p)/∂C̄ forgotten, so training descends another loss than the
// one its tables report. `equitable check` must fail weights-match-value and nothing else.
import { meanPowerMethod } from "../good-method/index.js";

/** Mean-power PM with weights C̄_m^(p−1)/M instead of p·C̄_m^(p−1)/M. */
export const forgotFactor: ReturnType<typeof meanPowerMethod> = {
  ...meanPowerMethod("forgetful-power"),
  weights: (means, o) => means.map((c) => c ** (o.p - 1) / means.length),
};

/** What the plugin registers. */
export const trainingMethods = [forgotFactor];
