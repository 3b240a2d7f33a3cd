/** ‖∂L/∂h_t‖ per time step for each layer (log axis): watch it fade toward early steps (vanishing) or grow. */
import { format, line, scaleLinear, scaleLog } from 'd3';
import { Axis } from './Axis';
import { formatValue } from './format';
import { useAppState } from './storeContext';

const W = 520;
const H = 240;
const M = { top: 12, right: 16, bottom: 42, left: 72 };

/** One line per layer·direction of the latest step's hidden-state gradient norms. */
export function GradientFlow() {
  const norms = useAppState((s) => s.frame?.hiddenGradNorms);
  const info = useAppState((s) => s.runInfo);
  const rows = info?.layerDirs ?? 1;
  const steps = info?.steps ?? 1;
  const series: number[][] = [];
  if (norms && norms.length === rows * steps) for (let r = 0; r < rows; r++) series.push(Array.from(norms.subarray(r * steps, (r + 1) * steps)));
  const positive = series.flat().filter((v) => v > 0 && Number.isFinite(v));
  const lo = positive.length ? Math.min(...positive) : 1e-4;
  const hi = positive.length ? Math.max(...positive) : 1;
  const x = scaleLinear().domain([1, Math.max(2, steps)]).range([M.left, W - M.right]);
  const y = scaleLog().domain([lo, Math.max(hi, lo * 10)]).range([H - M.bottom, M.top]).nice();
  const dirs = useAppState((s) => (s.config.bidirectional ? 2 : 1));
  const nameOf = (r: number) => `layer ${Math.floor(r / dirs)}${dirs === 2 ? (r % dirs ? ' backward' : ' forward') : ''}`;
  const top = series.at(-1);
  const description = top
    ? `Gradient norm per time step for the top layer: ${formatValue(top[0])} at step 1 and ${formatValue(top[top.length - 1])} at step ${steps}.`
    : 'Gradient norm per time step: no backward pass yet.';
  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">‖∂L/∂h<sub>t</sub>‖ per time step</span>
        <span className="legend">
          {series.map((_, r) => (
            <span key={r}>
              <span className={`swatch swatch-grad-${r % 4}`} /> {nameOf(r)}{' '}
            </span>
          ))}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={description}>
        <Axis scale={x} orient="bottom" offset={H - M.bottom} label="time step t" />
        <Axis scale={y} orient="left" offset={M.left} label="gradient norm" ticks={4} format={format('~g')} />
        {series.map((values, r) => (
          <path
            key={r}
            className={`line line-grad line-grad-${r % 4}`}
            d={line<number>().defined((v) => v > 0 && Number.isFinite(v)).x((_, k) => x(k + 1)).y((v) => y(v))(values) ?? ''}
          />
        ))}
      </svg>
    </figure>
  );
}
