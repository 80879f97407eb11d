/**
 * Serving: ONNX models over the Open Inference Protocol (KServe V2 REST), from a plain desired state.
 */
export { OnnxRuntimeServing, ROUTING_KEY_HEADER, MODEL_VERSION_HEADER, SERVER_EXTENSIONS } from "./server.js";
export type { ServingOptions, ApplyReport, ShadowResult } from "./server.js";
export type {
  ServingArtifact,
  ServingModelSpec,
  ServingModelDeployment,
  ServingEnvironmentSpec,
  TrafficSplit,
  BatchingSettings,
  DecisionPolicySpec,
  TensorMetadata,
  ServingLogger,
  InferenceObservation,
  InferenceFeedback,
  InferenceObserver,
  FeedbackOutcome,
} from "./types.js";
export type { WireTensor, TensorData } from "./tensors.js";
export { silentLogger } from "./types.js";
export { ModelLoadError, type LoadFailureReason } from "./model-repository.js";
export { defaultWorkerCount } from "./worker-pool.js";
export { ServingMetrics } from "./metrics.js";
export type { DecisionResult, DecisionInput, DecisionLogEntry } from "./decision.js";
export {
  fromRegistry,
  ServingSpecError,
  type ArtifactReader,
  type DecisionPolicyResolver,
} from "./from-registry.js";
