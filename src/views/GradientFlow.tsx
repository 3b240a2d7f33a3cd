/** ‖∂L/∂h_t‖ per time step for each layer (log axis): watch it fade toward early steps (vanishing) or grow. */
import { formatValue } from './format';
import { LineChart, type Series } from './LineChart';
import { SERIES_CYCLE } from './palette';
import { useDeferredAppState } from './storeContext';
import { layerDirName, splitRows } from './telemetry';

const COLORS = SERIES_CYCLE;

/** One line per layer·direction of the latest step's hidden-state gradient norms. */
export function GradientFlow() {
  const { norms, step, info, dirs } = useDeferredAppState((s) => ({
    norms: s.frame?.hiddenGradNorms,
    step: s.frame?.step ?? 0,
    info: s.runInfo,
    dirs: s.runInfo?.bidirectional ? 2 : 1,
  }));
  const rows = info?.layerDirs ?? 1;
  const steps = info?.steps ?? 1;
  const series: Series[] =
    norms && norms.length === rows * steps && step > 0
      ? splitRows(norms, rows).map((values, r) => ({
          name: layerDirName(r, dirs),
          points: Array.from(values, (v, t) => [t + 1, v] as const),
          color: COLORS[r % COLORS.length],
        }))
      : [];
  const top = series.at(-1)?.points;
  const label = top
    ? `Gradient norm per time step at training step ${step}, top layer: ${formatValue(top[0][1])} at t = 1 and ${formatValue(top[top.length - 1][1])} at t = ${steps}.`
    : 'Gradient norm per time step: no backward pass yet.';
  return (
    <LineChart
      title={<>‖∂L/∂h<sub>t</sub>‖ per time step</>}
      name="‖∂L/∂hₜ‖ per time step"
      label={label}
      series={series}
      xLabel="time step t"
      yLabel="‖∂L/∂hₜ‖"
      logY
      xDomain={[1, Math.max(2, steps)]}
      empty="Press Step to run backprop once"
      legend={rows > 1}
    />
  );
}
