/** The training loss over steps (SVG; d3 computes scales and the path), with an optional log scale. */
import { useId, useMemo, useState } from 'react';
import { extent, format, line, scaleLinear, scaleLog } from 'd3';
import { Axis } from './Axis';
import { formatValue } from './format';
import { useAppState } from './storeContext';

const W = 520;
const H = 240;
const M = { top: 12, right: 16, bottom: 42, left: 72 };

/** Loss vs step. */
export function LossChart() {
  const lossVersion = useAppState((s) => s.lossVersion);
  const history = useAppState((s) => s.lossHistory);
  const initialLoss = useAppState((s) => s.initialLoss);
  const [logScale, setLogScale] = useState(true);
  const checkId = useId();

  const { path, x, y, last, count } = useMemo(() => {
    const points = history.points().filter(([, loss]) => Number.isFinite(loss) && (!logScale || loss > 0));
    const [s0 = 0, s1 = 1] = extent(points, (p) => p[0]);
    const [l0 = 0.001, l1 = 1] = extent(points, (p) => p[1]);
    const xScale = scaleLinear().domain([s0, Math.max(s1, s0 + 1)]).range([M.left, W - M.right]);
    const yScale = (logScale ? scaleLog().domain([Math.max(l0, 1e-12), Math.max(l1, l0 * 10)]) : scaleLinear().domain([Math.min(0, l0), l1 || 1]))
      .range([H - M.bottom, M.top])
      .nice();
    const d = line<[number, number]>()
      .x((p) => xScale(p[0]))
      .y((p) => yScale(p[1]))(points);
    return { path: d ?? '', x: xScale, y: yScale, last: points.at(-1), count: points.length };
    // lossVersion tells us the history (mutated in place) changed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lossVersion, history, logScale]);

  const description = last
    ? `Training loss over ${last[0]} steps: from ${formatValue(initialLoss)} to ${formatValue(last[1])}.`
    : 'Training loss: no steps yet.';

  return (
    <figure className="chart">
      <figcaption>
        <span className="chart-title">Loss</span>
        <span className="chart-controls">
          <input id={checkId} type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} />
          <label htmlFor={checkId}>Log scale</label>
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={description}>
        <Axis scale={x} orient="bottom" offset={H - M.bottom} label="training step" />
        <Axis scale={y} orient="left" offset={M.left} label="loss (MSE)" ticks={logScale ? 4 : 5} format={logScale ? format('~g') : undefined} />
        {count > 0 && <path className="line line-loss" d={path} />}
        {count === 0 && (
          <text x={(M.left + W - M.right) / 2} y={H / 2} textAnchor="middle" className="chart-empty">
            Press Train to start
          </text>
        )}
      </svg>
    </figure>
  );
}
