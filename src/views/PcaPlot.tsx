/** The probe example's hidden-state trajectory h_1 … h_T projected onto its two principal components. */
import { scaleLinear } from 'd3';
import { trajectoryColor } from './palette';
import { Axis } from './Axis';
import { useAppState } from './storeContext';
import { SaveMenu } from './save/SaveMenu';

const W = 520;
const H = 260;
const M = { top: 12, right: 16, bottom: 42, left: 72 };

/** A path through 2-D PCA space, coloured by time. */
export function PcaPlot() {
  const pca = useAppState((s) => s.hiddenPca);
  const steps = useAppState((s) => s.runInfo?.steps ?? 0);
  const n = pca ? pca.coords.length / 2 : 0;
  const xs = pca ? Array.from({ length: n }, (_, i) => pca.coords[i * 2]) : [];
  const ys = pca ? Array.from({ length: n }, (_, i) => pca.coords[i * 2 + 1]) : [];
  const span = (v: number[]) => {
    const lo = Math.min(...v, -1e-3);
    const hi = Math.max(...v, 1e-3);
    const pad = (hi - lo) * 0.08;
    return [lo - pad, hi + pad];
  };
  const x = scaleLinear().domain(n ? span(xs) : [-1, 1]).range([M.left, W - M.right]).nice();
  const y = scaleLinear().domain(n ? span(ys) : [-1, 1]).range([H - M.bottom, M.top]).nice();
  const explained = pca ? pca.explained.map((e) => `${(e * 100).toFixed(0)}%`) : ['–', '–'];
  const label = pca
    ? `Hidden-state trajectory of the probe example over ${n} steps, projected on its two principal components, which explain ${explained[0]} and ${explained[1]} of the variance.`
    : 'Hidden-state trajectory: not recorded yet.';
  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">Hidden state trajectory (PCA)</span>
        <span className="legend">
          t = 1 <span className="swatch swatch-gradient" /> t = {steps}
        </span>
        <SaveMenu name="Hidden state trajectory (PCA)" />
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        <Axis scale={x} orient="bottom" offset={H - M.bottom} label={`PC 1 (${explained[0]} of variance)`} ticks={4} />
        <Axis scale={y} orient="left" offset={M.left} label={`PC 2 (${explained[1]})`} ticks={4} />
        {xs.slice(1).map((_, i) => (
          <line key={i} x1={x(xs[i])} y1={y(ys[i])} x2={x(xs[i + 1])} y2={y(ys[i + 1])} stroke={trajectoryColor(i / Math.max(1, n - 1))} strokeWidth={2} />
        ))}
        {xs.map((_, i) => (
          <circle key={i} cx={x(xs[i])} cy={y(ys[i])} r={i === 0 || i === n - 1 ? 5 : 3} fill={trajectoryColor(i / Math.max(1, n - 1))}>
            <title>{`t = ${i + 1}`}</title>
          </circle>
        ))}
        {n > 0 && (
          <>
            <text x={x(xs[0]) + 7} y={y(ys[0]) - 7} className="pca-label">
              start
            </text>
            <text x={x(xs[n - 1]) + 7} y={y(ys[n - 1]) - 7} className="pca-label">
              end
            </text>
          </>
        )}
      </svg>
    </figure>
  );
}
