/**
 * The "deeper inside" readings a telemetry frame can carry (issue #16): the probe example's step-to-step
 * Jacobians and its connectivity ‖∂ŷ_t/∂x_k‖. Computed in the worker (worker/deeperReadings.ts) on the model's
 * weights at `step`; every k-th frame when one costs more than a tenth of a training step. No tfjs.
 */

/** How often a reading is taken, and why. */
export interface ReadingCadence {
  /** The model step whose weights the reading is of. */
  step: number;
  /** Taken every this many frames while training (1: every frame). */
  everyFrames: number;
  /** What the reading cost in the worker, ms, and a training step's time when last measured (0 before training). */
  costMs: number;
  stepMs: number;
}

/**
 * J_t = ∂s_t/∂s_{t−1} of the top layer (forward direction) for each step of the probe example: s = h, or [h; c]
 * for an LSTM. For an encoder–decoder the decoder's steps use the decoder's top layer.
 */
export interface JacobianReading extends ReadingCadence {
  /** Which layer (0-based), and the size S of the state the Jacobian maps (H, or 2H for an LSTM). */
  layer: number;
  stateSize: number;
  /**
   * The first step read (0-based): 0, unless the state is large (an LSTM of 128 units: 256 × 256 Jacobians),
   * when only the last steps are read and the earlier ones are NaN.
   */
  fromStep: number;
  /** How many singular values per step (min(3, S)). */
  count: number;
  /** The `count` largest singular values of each J_t, largest first: (T, count) row-major. */
  singularValues: Float32Array;
  /**
   * ‖J_T ⋯ J_{t+1}‖₂ for each step t (spectral norm; 1 at t = T, the empty product): how much the product that
   * carries ∂L/∂h_T back to step t can stretch a vector.
   */
  productNorms: Float32Array;
  /** Plain RNNs: the mean and the largest act′ (tanh′ = 1 − h², ReLU′ = 0 or 1) over units at each step, (T). */
  slopeMean?: Float32Array;
  slopeMax?: Float32Array;
  /** Plain RNNs: σ_max(W_hh) of that layer (J_t = diag(act′) · W_hh, so σ_max(J_t) ≤ max act′ · σ_max(W_hh)). */
  recurrentSigmaMax?: number;
}

/** Which number of the output a connectivity row follows (core/connectivity.ts's OutputScore). */
export type ConnectivityScore = 'value' | 'positive' | 'predicted';

/** ‖∂ŷ_t/∂x_k‖ for the probe example: one row per output step t, one column per input step k. */
export interface ConnectivityReading extends ReadingCadence {
  /** (outputSteps.length, T) row-major: every output step, or the last ones when there are many and they are costly. */
  values: Float32Array;
  /** The input step t each row's output is read at (0-based); an encoder–decoder's decoder outputs at E + its step. */
  outputSteps: number[];
  /**
   * Encoder–decoder only: how many of the T input steps are the encoder's (E); the rest are the decoder's
   * teacher-forced inputs, and row r is the decoder's output r.
   */
  encoderSteps?: number;
  /**
   * Encoder–decoder only: what replacing encoder input k by each other token the decoder writes changes, (D, E)
   * row-major: the share of replacements that change the token output t writes (greedy decoding, the weights of `step`).
   */
  replacement?: Float32Array;
  score: ConnectivityScore;
  /** For 'predicted': the class each row's output predicts (index into the head's outputs). */
  predicted?: number[];
}
