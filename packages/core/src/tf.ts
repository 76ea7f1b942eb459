// tfjs for every package of the framework, loaded with require: Node's ESM loader lexes the whole
// source of a CommonJS bundle to find its export names, about 0.45 s at every start for
// @tensorflow/tfjs (layers, converter, data and webgl included), while require takes 0.07 s for
// tfjs-core and the cpu backend. Import it as `import * as tf from "@equitable/core/tf"`: the types
// are tfjs-core's own (tf.d.ts), and the same engine serves plugins importing @tensorflow/tfjs.
import { createRequire } from "node:module";
import type * as Tf from "@tensorflow/tfjs-core";

const require = createRequire(import.meta.url);
const tf = require("@tensorflow/tfjs-core") as typeof Tf;
// The plain-JavaScript backend, always there as with @tensorflow/tfjs; the others register on import (model/backend.ts).
require("@tensorflow/tfjs-backend-cpu");
// The gradients and chained ops, which tfjs-core's node bundle leaves to @tensorflow/tfjs (scripts/build-tf-registrations.mjs).
require("../vendor/tf-registrations.cjs");

// Every runtime export of tfjs-core by name (an ES module's exports are static); tf.spec.ts
// fails when a tfjs-core upgrade adds one: list it here. Typed unknown here: importers get
// tfjs-core's own declarations through the package's "types" condition (../tf.d.ts).
export const {
  Abs, Acos, Acosh, AdadeltaOptimizer, AdagradOptimizer, AdamOptimizer, AdamaxOptimizer, Add, AddN, All, Any,
  ArgMax, ArgMin, Asin, Asinh, Atan, Atan2, Atanh, AvgPool, AvgPool3D, AvgPool3DGrad, AvgPoolGrad,
  BatchMatMul, BatchToSpaceND, Bincount, BitwiseAnd, BroadcastArgs, BroadcastTo, Cast, Ceil, ClipByValue,
  Complex, ComplexAbs, Concat, Conv2D, Conv2DBackpropFilter, Conv2DBackpropInput, Conv3D,
  Conv3DBackpropFilterV2, Conv3DBackpropInputV2, Cos, Cosh, CropAndResize, Cumprod, Cumsum, DataStorage,
  DenseBincount, DepthToSpace, DepthwiseConv2dNative, DepthwiseConv2dNativeBackpropFilter,
  DepthwiseConv2dNativeBackpropInput, Diag, Dilation2D, Dilation2DBackpropFilter, Dilation2DBackpropInput,
  Draw, ENV, Einsum, Elu, EluGrad, Environment, Equal, Erf, Exp, ExpandDims, Expm1, FFT, Fill, FlipLeftRight,
  Floor, FloorDiv, FromPixels, FusedBatchNorm, FusedConv2D, FusedDepthwiseConv2D, GatherNd, GatherV2,
  Greater, GreaterEqual, IFFT, Identity, Imag, IsFinite, IsInf, IsNan, KernelBackend, LRN, LRNGrad,
  LeakyRelu, Less, LessEqual, LinSpace, Log, Log1p, LogSoftmax, LogicalAnd, LogicalNot, LogicalOr,
  LogicalXor, LowerBound, MatrixBandPart, Max, MaxPool, MaxPool3D, MaxPool3DGrad, MaxPoolGrad,
  MaxPoolWithArgmax, Maximum, Mean, Min, Minimum, MirrorPad, Mod, MomentumOptimizer, Multinomial, Multiply,
  Neg, NonMaxSuppressionV3, NonMaxSuppressionV4, NonMaxSuppressionV5, NotEqual, OP_SCOPE_SUFFIX, OneHot,
  OnesLike, Optimizer, OptimizerConstructors, Pack, PadV2, Pool, Pow, Prelu, Prod, RMSPropOptimizer,
  RaggedGather, RaggedRange, RaggedTensorToTensor, Range, Rank, Real, RealDiv, Reciprocal, Reduction, Relu,
  Relu6, Reshape, ResizeBilinear, ResizeBilinearGrad, ResizeNearestNeighbor, ResizeNearestNeighborGrad,
  Reverse, RotateWithOffset, Round, Rsqrt, SGDOptimizer, ScatterNd, SearchSorted, Select, Selu, Sigmoid,
  Sign, Sin, Sinh, Slice, Softmax, Softplus, SpaceToBatchND, SparseFillEmptyRows, SparseReshape,
  SparseSegmentMean, SparseSegmentSum, SparseToDense, SplitV, Sqrt, Square, SquaredDifference,
  StaticRegexReplace, Step, StridedSlice, StringNGrams, StringSplit, StringToHashBucketFast, Sub, Sum, Tan,
  Tanh, Tensor, TensorBuffer, TensorScatterUpdate, Tile, TopK, Transform, Transpose, Unique, Unpack,
  UnsortedSegmentSum, UpperBound, Variable, ZerosLike, _FusedMatMul, abs, acos, acosh, add, addN, all, any,
  argMax, argMin, asin, asinh, atan, atan2, atanh, avgPool, avgPool3d, backend, backend_util, basicLSTMCell,
  batchNorm, batchNorm2d, batchNorm3d, batchNorm4d, batchToSpaceND, bincount, bitwiseAnd, booleanMaskAsync,
  broadcastArgs, broadcastTo, broadcast_util, browser, buffer, cast, ceil, clipByValue, clone, complex,
  concat, concat1d, concat2d, concat3d, concat4d, conv1d, conv2d, conv2dTranspose, conv3d, conv3dTranspose,
  copyRegisteredKernels, cos, cosh, cosineWindow, cumprod, cumsum, customGrad, denseBincount,
  deprecationWarn, depthToSpace, depthwiseConv2d, device_util, diag, dilation2d, disableDeprecationWarnings,
  dispose, disposeVariables, div, divNoNan, dot, dropout, einsum, elu, enableDebugMode, enableProdMode,
  enclosingPowerOfTwo, engine, ensureShape, env, equal, erf, euclideanNorm, exp, expandDims, expm1, eye, fft,
  fill, findBackend, findBackendFactory, floor, floorDiv, fused, gather, gatherND, gather_util, getBackend,
  getGradient, getKernel, getKernelsForBackend, grad, grads, greater, greaterEqual, ifft, imag, image,
  inTopKAsync, io, irfft, isFinite, isInf, isNaN, keep, kernel_impls, leakyRelu, less, lessEqual, linalg,
  linspace, localResponseNormalization, log, log1p, logSigmoid, logSoftmax, logSumExp, logicalAnd,
  logicalNot, logicalOr, logicalXor, losses, lowerBound, matMul, math, max, maxPool, maxPool3d,
  maxPoolWithArgmax, maximum, mean, memory, meshgrid, min, minimum, mirrorPad, mod, moments, movingAverage,
  mul, multiRNNCell, multinomial, neg, nextFrame, norm, notEqual, oneHot, ones, onesLike, op, outerProduct,
  pad, pad1d, pad2d, pad3d, pad4d, pool, pow, prelu, print, prod, profile, raggedGather, raggedRange,
  raggedTensorToTensor, rand, randomGamma, randomNormal, randomStandardNormal, randomUniform,
  randomUniformInt, range, ready, real, reciprocal, registerBackend, registerGradient, registerKernel, relu,
  relu6, removeBackend, reshape, reverse, reverse1d, reverse2d, reverse3d, reverse4d, rfft, round, rsqrt,
  scalar, scatterND, scatter_util, searchSorted, selu, separableConv2d, serialization, setBackend,
  setPlatform, setdiff1dAsync, sigmoid, sign, signal, sin, sinh, slice, slice1d, slice2d, slice3d, slice4d,
  slice_util, softmax, softplus, spaceToBatchND, sparse, sparseToDense, spectral, split, sqrt, square,
  squaredDifference, squeeze, stack, step, stridedSlice, string, sub, sum, sumOutType, tan, tanh, tensor,
  tensor1d, tensor2d, tensor3d, tensor4d, tensor5d, tensor6d, tensorScatterUpdate, tensor_util, test_util,
  tidy, tile, time, topk, train, transpose, truncatedNormal, unique, unregisterGradient, unregisterKernel,
  unsortedSegmentSum, unstack, upcastType, upperBound, util, valueAndGrad, valueAndGrads, variable,
  variableGrads, version_core, where, whereAsync, zeros, zerosLike,
} = tf as unknown as Record<string, unknown>;
