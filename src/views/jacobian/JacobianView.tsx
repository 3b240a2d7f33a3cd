/**
 * The step-to-step Jacobian J_t = ∂h_t/∂h_{t−1} of the probe example (issue #16), drawn under the unrolled
 * diagram's columns (the same layout, so step t sits under step t): its top singular values per step with
 * σ = 1 marked, and the running product's norm ‖J_T ⋯ J_{t+1}‖ beside ‖∂L/∂h_t‖ — the gradient at step t is
 * the loss's gradient pushed back through that product. For a plain RNN, J_t = diag(act′) · W_hh: act′'s mean
 * and largest value per step beside σ_max(W_hh). Keyboard: arrows move between steps; a table alternative.
 */
import { useId, useRef, useState } from 'react';
import { scaleLinear } from 'd3';
import type { JacobianReading } from '../../shared/deeperReadings';
import type { CellKind } from '../../shared/spec';
import { formatValue } from '../format';
import { powerOfTen } from '../logScale';
import { SERIES_COLORS } from '../palette';
import { layoutDiagram, type DiagramColumn, type DiagramShape } from '../unrolled/unrolledLayout';
import { useViewBoxWidth } from '../unrolled/useViewBoxWidth';
import { ValueTable } from '../ValueTable';
import { cadenceText } from './latestReading';
import { decadeDomain, describeStep, jacobianSteps, slopeName, type JacobianStep } from './jacobianSteps';
import './jacobian.css';

/** Props: the network's shape (as the diagram has it), the reading, and ‖∂L/∂h_t‖ of the same layer. */
export interface JacobianViewProps extends DiagramShape {
  cell: CellKind;
  reading?: JacobianReading;
  gradNorms?: ArrayLike<number>;
}

const SIGMA_TOP = 8;
const SIGMA_HEIGHT = 96;
const PRODUCT_TOP = SIGMA_TOP + SIGMA_HEIGHT + 22;
const PRODUCT_HEIGHT = 96;
const SLOPE_TOP = PRODUCT_TOP + PRODUCT_HEIGHT + 22;
const SLOPE_HEIGHT = 34;
/** Dot colours of σ₁, σ₂, σ₃. */
const SIGMA_COLORS = [SERIES_COLORS.vermillion, SERIES_COLORS.blue, SERIES_COLORS.green];

/** A log scale over whole decades onto [bottom, top] px. */
function logRows(domain: [number, number], top: number, height: number) {
  const y = scaleLinear().domain(domain).range([top + height, top]).clamp(true);
  return (value: number) => y(value > 0 ? Math.log10(value) : domain[0]);
}

/** Label every n-th decade of `domain` (exponents), so that labels stand at least 13 px apart; 10⁰ is one of them. */
function labelEvery(y: (value: number) => number, domain: [number, number]): number {
  const spacing = domain[1] > domain[0] ? Math.abs(y(10 ** domain[0]) - y(10 ** (domain[0] + 1))) : Infinity;
  return spacing === Infinity ? 1 : Math.max(1, Math.ceil(13 / spacing));
}

/** The view. */
export function JacobianView(props: JacobianViewProps) {
  const { cell, reading, gradNorms, steps: T, readout } = props;
  const ref = useRef<HTMLDivElement>(null);
  const width = useViewBoxWidth(ref);
  const layout = layoutDiagram(props, width);
  const [focus, setFocus] = useState<number>();
  const [showTable, setShowTable] = useState(false);
  const readoutId = useId();
  const rnn = cell === 'rnn-tanh' || cell === 'rnn-relu';
  const rows: JacobianStep[] = reading && reading.productNorms.length === T ? jacobianSteps(reading, gradNorms) : [];
  const height = rnn ? SLOPE_TOP + SLOPE_HEIGHT + 18 : PRODUCT_TOP + PRODUCT_HEIGHT + 18;
  const readRows = rows.filter((r) => r.read);
  const sigmaDomain = decadeDomain(readRows.flatMap((r) => r.singularValues));
  const productDomain = decadeDomain(rows.flatMap((r) => [r.read ? r.productNorm : 1, r.gradNorm ?? 1]), 8);
  const cut = rows.some((r) => [r.read ? r.productNorm : 1, r.gradNorm ?? 1].some((v) => v > 0 && v < 10 ** productDomain[0]));
  const sigmaY = logRows(sigmaDomain, SIGMA_TOP, SIGMA_HEIGHT);
  const productY = logRows(productDomain, PRODUCT_TOP, PRODUCT_HEIGHT);
  const slopeY = scaleLinear().domain([0, 1]).range([SLOPE_TOP + SLOPE_HEIGHT, SLOPE_TOP]);
  const visible = layout.columns;
  const focused = visible.find((c) => c.t === focus);
  const row = focused ? rows[focused.t] : undefined;
  const half = Math.max(3, layout.boxWidth / 2);
  const line = (value: (r: JacobianStep) => number | undefined, y: (v: number) => number) =>
    visible
      .filter((c) => rows[c.t] && Number.isFinite(value(rows[c.t])))
      .map((c) => `${c.x},${y(value(rows[c.t])!)}`)
      .join(' ');
  const layerName = `layer ${reading ? reading.layer : props.numLayers - 1}`;
  const label = rows.length
    ? `Singular values of the step-to-step Jacobian of the probe example, ${layerName}${props.bidirectional ? ' (forward direction)' : ''}, and the norm of their running product beside ‖∂L/∂h_t‖, over ${T} steps. Arrow keys move between steps.`
    : 'Step-to-step Jacobian: not read yet (it arrives with the frames once the run starts).';

  const move = (delta: number | 'first' | 'last') => {
    if (!visible.length) return;
    const index = visible.findIndex((c) => c.t === focus);
    const next = delta === 'first' ? 0 : delta === 'last' ? visible.length - 1 : Math.min(visible.length - 1, Math.max(0, index < 0 ? visible.length - 1 : index + delta));
    setFocus(visible[next].t);
  };
  const pointAt = (clientX: number, svg: SVGSVGElement) => {
    const rect = svg.getBoundingClientRect();
    const x = ((clientX - rect.left) / rect.width) * layout.width;
    let nearest: DiagramColumn | undefined;
    for (const c of visible) if (!nearest || Math.abs(c.x - x) < Math.abs(nearest.x - x)) nearest = c;
    setFocus(nearest && Math.abs(nearest.x - x) <= layout.columnWidth / 2 ? nearest.t : undefined);
  };

  return (
    <figure className="chart unrolled jacobian-view">
      <figcaption>
        <span className="chart-title">Step-to-step Jacobian J<sub>t</sub> = ∂{cell === 'lstm' ? 's' : 'h'}<sub>t</sub>/∂{cell === 'lstm' ? 's' : 'h'}<sub>t−1</sub></span>
        <span className="legend">
          {SIGMA_COLORS.slice(0, reading?.count ?? 3).map((color, k) => (
            <span key={k} className="legend-item">
              <span className="swatch" style={{ background: color }} /> σ<sub>{k + 1}</sub>
            </span>
          ))}
          <span className="legend-item">
            <span className="swatch" style={{ background: SERIES_COLORS.purple }} /> ‖J<sub>T</sub>⋯J<sub>t+1</sub>‖₂
          </span>
          <span className="legend-item">
            <span className="swatch swatch-dashed" style={{ borderColor: SERIES_COLORS.purple }} /> ∏σ<sub>1</sub> (its bound)
          </span>
          <span className="legend-item">
            <span className="swatch" style={{ background: SERIES_COLORS.orange }} /> ‖∂L/∂h<sub>t</sub>‖
          </span>
          <button type="button" className="link-button" aria-pressed={showTable} onClick={() => setShowTable((v) => !v)}>
            {showTable ? 'Hide table' : 'Table'}
          </button>
        </span>
      </figcaption>
      <div className="unrolled-canvas" ref={ref}>
        <svg
          viewBox={`0 0 ${layout.width} ${height}`}
          role="img"
          aria-label={label}
          aria-describedby={row ? readoutId : undefined}
          tabIndex={0}
          className="jacobian-svg"
          onMouseMove={(e) => pointAt(e.clientX, e.currentTarget)}
          onMouseLeave={() => setFocus(undefined)}
          onFocus={() => focus === undefined && move('last')}
          onBlur={() => setFocus(undefined)}
          onKeyDown={(e) => {
            const keys: Record<string, number | 'first' | 'last'> = { ArrowLeft: -1, ArrowRight: 1, Home: 'first', End: 'last' };
            if (e.key in keys) {
              e.preventDefault();
              move(keys[e.key]);
            } else if (e.key === 'Escape') setFocus(undefined);
          }}
        >
          <text className="row-label" x={4} y={SIGMA_TOP + 12}>σ(J<tspan className="sub" dy="3">t</tspan><tspan dy="-3">)</tspan></text>
          <text className="row-label" x={4} y={SIGMA_TOP + 28}>log scale</text>
          <text className="row-label" x={4} y={PRODUCT_TOP + 12}>products</text>
          <text className="row-label" x={4} y={PRODUCT_TOP + 28}>log scale</text>
          {[
            { domain: sigmaDomain, y: sigmaY },
            { domain: productDomain, y: productY },
          ].map(({ domain, y }, band) => (
            <g key={band} className="jacobian-band">
              {Array.from({ length: domain[1] - domain[0] + 1 }, (_, k) => domain[0] + k).map((e) => (
                <g key={e}>
                  <line x1={layout.columns[0]?.x - half} x2={(layout.columns.at(-1)?.x ?? 0) + half} y1={y(10 ** e)} y2={y(10 ** e)} className={e === 0 ? 'jacobian-one' : 'jacobian-grid'} />
                  {e % labelEvery(y, domain) === 0 && (
                    <text x={72} y={y(10 ** e) + 4} className="jacobian-tick" textAnchor="end">
                      {powerOfTen(e)}
                    </text>
                  )}
                </g>
              ))}
            </g>
          ))}
          {focused && <rect className="jacobian-focus" x={focused.x - layout.columnWidth / 2} y={0} width={layout.columnWidth} height={height - 14} />}
          {visible.map((c) =>
            rows[c.t]?.read && rows[c.t].singularValues.map((v, k) => <circle key={`${c.t}-${k}`} cx={c.x + (k - 1) * Math.min(7, half / 2)} cy={sigmaY(v)} r={3.2} fill={SIGMA_COLORS[k]} />),
          )}
          <polyline points={line((r) => (r.sigmaBound !== undefined && r.sigmaBound <= 10 ** productDomain[1] ? r.sigmaBound : undefined), productY)} className="jacobian-line jacobian-bound" stroke={SERIES_COLORS.purple} />
          <polyline points={line((r) => r.productNorm, productY)} className="jacobian-line" stroke={SERIES_COLORS.purple} />
          <polyline points={line((r) => r.gradNorm, productY)} className="jacobian-line" stroke={SERIES_COLORS.orange} />
          {/* a value below the band's floor is drawn on it; ▾ marks it as cut off, not equal to the floor */}
          {visible.map((c) =>
            [
              { value: rows[c.t]?.read ? rows[c.t].productNorm : undefined, color: SERIES_COLORS.purple, dx: -4 },
              { value: rows[c.t]?.gradNorm, color: SERIES_COLORS.orange, dx: 4 },
            ].map(({ value, color, dx }) =>
              value !== undefined && value > 0 && value < 10 ** productDomain[0] ? (
                <text key={`${c.t}-${dx}`} x={c.x + dx} y={productY(10 ** productDomain[0]) + 9} textAnchor="middle" className="jacobian-cut" fill={color}>
                  ▾
                </text>
              ) : null,
            ),
          )}
          {rnn && (
            <g>
              <text className="row-label" x={4} y={SLOPE_TOP + 14}>{slopeName(cell)}</text>
              <text className="row-label" x={4} y={SLOPE_TOP + 30}>mean, max</text>
              {visible.map((c) => {
                const r = rows[c.t];
                if (!r || r.slopeMean === undefined) return null;
                return (
                  <g key={c.t}>
                    <rect x={c.x - half / 2} width={half} y={slopeY(r.slopeMean)} height={slopeY(0) - slopeY(r.slopeMean)} className="jacobian-slope" />
                    <line x1={c.x - half / 2} x2={c.x + half / 2} y1={slopeY(r.slopeMax ?? 0)} y2={slopeY(r.slopeMax ?? 0)} className="jacobian-slope-max" />
                  </g>
                );
              })}
            </g>
          )}
          {layout.gap && (
            <text x={layout.gap.x} y={PRODUCT_TOP - 6} textAnchor="middle" className="step-label">
              … {layout.gap.hidden} steps …
            </text>
          )}
          {visible.map((c) => (
            <text key={c.t} x={c.x} y={height - 2} textAnchor="middle" className="step-label">
              t={c.t + 1}
            </text>
          ))}
        </svg>
      </div>
      <p className="jacobian-readout" id={readoutId} aria-live="off">
        {row ? describeStep(row, cell, T) : rows.length ? 'Point at a step, or focus the chart and use the arrow keys, to read its numbers.' : 'Not read yet: press Train or Step.'}
      </p>
      <p className="unrolled-caption">
        Each dot is a singular value of J<sub>t</sub>: how much one step stretches a change of the {cell === 'lstm' ? 'state [h; c]' : 'hidden state'} along
        one direction (σ<sub>1</sub> the most). The loss's gradient at the last step reaches step t through the product J<sub>T</sub>⋯J<sub>t+1</sub>; its norm (purple) can
        never pass σ<sub>1</sub>(J<sub>T</sub>)⋯σ<sub>1</sub>(J<sub>t+1</sub>) (dashed). So σ<sub>1</sub> below 1 step after step forces the product, and ‖∂L/∂h<sub>t</sub>‖
        (orange) with it, to fall exponentially: the gradient vanishes. σ<sub>1</sub> above 1 does not force it to grow: the directions each step stretches
        need not line up, and the product can still fall. Read vanishing or exploding off the purple line, not the dots.
        {readout !== 'last' && ' (With a loss at every step, ‖∂L/∂h_t‖ also collects the later steps\' own losses.)'}
        {cut && ` ▾ marks a value below ${powerOfTen(productDomain[0])}, drawn on the bottom line.`} The bound is left out where it passes the top of the band.
        {rnn && reading?.recurrentSigmaMax !== undefined && (
          <>
            {' '}For this RNN J<sub>t</sub> = diag({slopeName(cell)}) · W<sub>hh</sub>, so σ<sub>1</sub>(J<sub>t</sub>) ≤ max {slopeName(cell)} · σ<sub>max</sub>(W<sub>hh</sub>), and σ<sub>max</sub>(W<sub>hh</sub>) = {formatValue(reading.recurrentSigmaMax)}
            {reading.recurrentSigmaMax < 1 ? ': below 1, every step shrinks the gradient.' : '; the bars show how much of it the activation lets through.'}
          </>
        )}
        {reading && (
          <>
            {' '}Layer {reading.layer}{props.bidirectional ? ', forward direction' : ''}, {cadenceText(reading)}.
            {reading.fromStep > 0 && ` Only the last ${T - reading.fromStep} steps are read: each costs about 3S³ operations for a ${reading.stateSize}-long state, and more would slow training.`}
          </>
        )}
      </p>
      {showTable && rows.length > 0 && (
        <div className="heatmap-table-wrap">
          <ValueTable
            caption={`Step-to-step Jacobian of the probe example at step ${reading!.step}`}
            corner="step t"
            columns={[
              ...rows[0].singularValues.map((_, k) => ({ key: `s${k}`, header: `σ${k + 1}(J_t)`, cell: (r: number) => (rows[r].read ? formatValue(rows[r].singularValues[k]) : '—') })),
              { key: 'product', header: '‖J_T⋯J_{t+1}‖₂', cell: (r: number) => (rows[r].read ? formatValue(rows[r].productNorm) : '—') },
              { key: 'grad', header: '‖∂L/∂h_t‖', cell: (r: number) => formatValue(rows[r].gradNorm) },
              ...(rnn
                ? [
                    { key: 'mean', header: `${slopeName(cell)} mean`, cell: (r: number) => formatValue(rows[r].slopeMean) },
                    { key: 'max', header: `${slopeName(cell)} max`, cell: (r: number) => formatValue(rows[r].slopeMax) },
                  ]
                : []),
            ]}
            rowCount={rows.length}
            rowHeader={(r) => `${r + 1}`}
          />
        </div>
      )}
    </figure>
  );
}
