/** Number formatting shared by the views. */

/** A loss or norm with 3–4 significant digits; "—" for missing, "NaN"/"∞" spelled out. */
export function formatValue(value: number | undefined): string {
  if (value === undefined) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2);
  return abs >= 100 ? value.toFixed(1) : value.toPrecision(3);
}

/** The status line's text: "Step 120 · loss 0.0345 · 35 steps/s · WebGL". */
export function statusText(parts: { status: string; step: number; loss?: number; stepsPerSecond?: number; backend?: string; error?: string }): string {
  const { status, step, loss, stepsPerSecond, backend, error } = parts;
  if (status === 'error') return `Error: ${error ?? 'the trainer stopped'}`;
  if (status === 'starting') return 'Starting the trainer…';
  if (status === 'building') return `Building the model…${backend ? ` · ${backend}` : ''}`;
  const pieces = [`Step ${step}`];
  if (loss !== undefined && step > 0) pieces.push(`loss ${formatValue(loss)}`);
  if (status === 'running' && stepsPerSecond) pieces.push(`${stepsPerSecond.toFixed(stepsPerSecond < 10 ? 1 : 0)} steps/s`);
  if (status === 'paused') pieces.push('paused');
  if (status === 'diverged') pieces.push('diverged');
  if (status === 'idle' && step === 0) pieces.push('ready');
  if (backend) pieces.push(backend);
  return pieces.join(' · ');
}
