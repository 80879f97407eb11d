/**
 * The serving layer takes its observer when it is built, but the monitor's runtime can only be built
 * later (from the serving layer's metrics registry, or once a commit is applied). This observer exists
 * from the start and forwards to the runtime once there is one; until then observations are ignored
 * and feedback is answered "unknown" with the subclass's reason.
 */
import type { MonitorRuntime } from "../monitor/runtime/index.js";
import type {
  FeedbackOutcome,
  InferenceFeedback,
  InferenceObservation,
  InferenceObserver,
} from "../serving/index.js";

export abstract class LateRuntimeObserver implements InferenceObserver {
  runtime: MonitorRuntime | undefined;
  /** Why feedback cannot be joined yet (shown to the client). */
  protected abstract readonly notReadyReason: string;

  observe(observation: InferenceObservation): void {
    this.runtime?.observe(observation);
  }

  wantsInputs(model: string, version: string): boolean {
    return this.runtime?.wantsInputs(model, version) ?? false;
  }

  feedback(feedback: InferenceFeedback): FeedbackOutcome {
    return this.runtime
      ? this.runtime.feedback(feedback)
      : { result: "unknown", message: this.notReadyReason };
  }
}
