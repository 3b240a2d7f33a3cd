/** Number formatting shared by the views. */
import { speedLabel, type Speed } from '../shared/speed';

/** A loss or norm with 3–4 significant digits; "—" for missing, "NaN"/"∞" spelled out. */
export function formatValue(value: number | undefined): string {
  if (value === undefined) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2);
  return abs >= 100 ? value.toFixed(1) : value.toPrecision(3);
}

/**
 * The status line's text: "Step 120 · loss 0.0345 · 35 steps/s · WebGL"; in slow motion "… · slow motion 5 steps/s ·
 * …", with the rate reached when the backend cannot keep up.
 */
/**
 * The loss the status line shows at `step`: the frame's, when it has one; after a resume (or an import) no step
 * has run yet, so the frame has none (NaN) and the restored history's last loss stands in when it was taken
 * at that step (within the history's stride); otherwise none (undefined, not "NaN"). A diverged run shows its
 * frame's loss as it is: NaN or ∞ is then the news.
 */
export function shownLoss(
  status: string,
  step: number,
  frameLoss: number | undefined,
  history: { length: number; stride: number; steps: ArrayLike<number>; values: ArrayLike<number>[] },
): number | undefined {
  if (status === 'diverged' || (frameLoss !== undefined && Number.isFinite(frameLoss))) return frameLoss;
  const last = history.length - 1;
  if (last < 0) return undefined;
  const at = history.steps[last];
  return at <= step && step - at < history.stride ? history.values[0][last] : undefined;
}

export function statusText(parts: { status: string; step: number; loss?: number; stepsPerSecond?: number; speed?: Speed; backend?: string; error?: string }): string {
  const { status, step, loss, stepsPerSecond, speed = 'full', backend, error } = parts;
  if (status === 'error') return `Error: ${error ?? 'the trainer stopped'}`;
  if (status === 'starting') return 'Starting the trainer…';
  if (status === 'building') return `Building the model…${backend ? ` · ${backend}` : ''}`;
  const pieces = [`Step ${step}`];
  const measured = stepsPerSecond ? `${stepsPerSecond.toFixed(stepsPerSecond < 10 ? 1 : 0)} steps/s` : undefined;
  if (loss !== undefined && step > 0) pieces.push(`loss ${formatValue(loss)}`);
  if (speed === 'full') {
    if (status === 'running' && measured) pieces.push(measured);
  } else if (status !== 'diverged') {
    // slow motion: the rate chosen, and the one reached when the backend is slower than that
    const behind = status === 'running' && stepsPerSecond && stepsPerSecond < 0.8 * speed;
    pieces.push(`slow motion ${speedLabel(speed)}${behind ? ` (reaching ${measured})` : ''}`);
  }
  if (status === 'paused') pieces.push('paused');
  if (status === 'diverged') pieces.push('diverged');
  if (status === 'idle' && step === 0) pieces.push('ready');
  if (backend) pieces.push(backend);
  return pieces.join(' · ');
}
