// Types of `@equitable/core/tf`: tfjs-core's own, with its chained ops (tensor.sum() …), as
// @tensorflow/tfjs declares them; the module re-exports the runtime values, loaded with require.
export * from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js";
