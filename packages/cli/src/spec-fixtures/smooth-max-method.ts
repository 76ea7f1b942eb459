// The trainer's test-only smoothed-max method as a scenario plugin (bin-plugins.spec.ts names this file).
export { trainingMethods } from "../../../trainer/src/spec-fixtures/smooth-max-method.js";
