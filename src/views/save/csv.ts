/**
 * The run's numbers as CSV files (RFC 4180: comma-separated, fields with a comma, quote or line break quoted,
 * quotes doubled, CRLF line ends), one header row, numbers as JavaScript writes them (NaN and Infinity as is).
 */
import type { HeldOutTrace } from '../../shared/protocol';
import type { SampledHistory, StepHistory } from '../../state/history';

/** One CSV field, quoted where it must be. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV text from a header and rows. */
export function toCsv(header: readonly string[], rows: Iterable<ReadonlyArray<string | number>>): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A float32 to 9 significant digits: enough to read back as the same float32, without float64 noise. */
export function float32(value: number): number {
  return Number.isFinite(value) ? Number(value.toPrecision(9)) : value;
}

/** The loss history: a row per kept step (every step until the history is full, then every 2nd, 4th …). */
export function lossCsv(history: StepHistory): string {
  const rows = Array.from({ length: history.length }, (_, k) => [history.steps[k], ...history.values.slice(0, 3).map((channel) => float32(channel[k]))]);
  return toCsv(['step', 'loss', 'gradient_norm_before_clipping', 'gradient_norm_after_clipping'], rows);
}

/**
 * The ‖∂L/∂h_t‖ history: a row per recorded training step, a column per layer·direction and time step
 * ("layer0_t1" … ; "layer0_reverse_t1" for the backward direction, PyTorch's suffix).
 */
export function gradientHistoryCsv(history: SampledHistory, layerDirs: number, steps: number, bidirectional: boolean): string {
  const dirs = bidirectional ? 2 : 1;
  const header = ['step'];
  for (let r = 0; r < layerDirs; r++) {
    const name = `layer${Math.floor(r / dirs)}${r % dirs === 1 ? '_reverse' : ''}`;
    for (let t = 1; t <= steps; t++) header.push(`${name}_t${t}`);
  }
  const samples = history.samples.filter((s) => s.values.length === layerDirs * steps);
  return toCsv(header, samples.map((s) => [s.step, ...Array.from(s.values, float32)]));
}

/** The held-out predictions: a row per held-out time step, the truth, this network's forecast and each baseline's. */
export function predictionsCsv(trace: HeldOutTrace): string {
  const baselines = Object.entries(trace.baselines ?? {}).filter(([, values]) => values.length === trace.truth.length);
  const header = ['held_out_step', 'truth', 'prediction', ...baselines.map(([name]) => `baseline_${name}`)];
  const rows = Array.from(trace.truth, (truth, k) => [k + 1, ...[truth, trace.prediction[k], ...baselines.map(([, values]) => values[k])].map(float32)]);
  return toCsv(header, rows);
}

/** The held-out metrics over training: a row per evaluation, a column per metric. */
export function metricsCsv(history: SampledHistory, names: readonly string[]): string {
  return toCsv(['step', ...names], history.samples.filter((s) => s.values.length === names.length).map((s) => [s.step, ...Array.from(s.values, float32)]));
}
