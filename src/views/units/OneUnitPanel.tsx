/**
 * One unit at a time (issue #16, part 4): the probe's inputs coloured by the picked unit's activation at each
 * step, as Karpathy and LSTMVis colour text (a series as coloured points), with a table alternative; and the
 * units whose activation best tracks a simple feature of the input, each with its correlation and a button to
 * pick it. A unit is picked here or in a heatmap (click a row, or Enter on it).
 */
import { useMemo, useState } from 'react';
import { scaleLinear } from 'd3';
import { gatesFit } from '../../shared/gateLayout';
import { formatCell } from '../Heatmap';
import { GATE_LABELS, inkOn } from '../palette';
import { useAppFields, useDeferredAppState } from '../storeContext';
import { layerDirName } from '../telemetry';
import { ValueTable } from '../ValueTable';
import { chanceLevel, dropInputEchoes } from './chanceLevel';
import { ScaleLegend } from './ScaleLegend';
import { RankingTable } from './RankingTable';
import { probeFeatures, rankUnits, unitActivations } from './unitFeatures';
import { unitScale } from './unitScale';
import './units.css';

/** The panel for one layer·direction (the one the heatmaps show). */
export function OneUnitPanel({ layerDir }: { layerDir: number }) {
  const { info, gates, task, sinePeriod } = useDeferredAppState((s) => ({
    info: s.runInfo,
    gates: s.frame?.gates,
    task: s.config.task,
    sinePeriod: s.config.sinePeriod,
  }));
  const { picked, pickUnit } = useAppFields((s) => ({ picked: s.pickedUnit, pickUnit: s.pickUnit }));
  const [table, setTable] = useState(false);
  const fits = !!info && gatesFit(gates, info);
  const name = picked && info?.recordedNames.includes(picked.name) ? picked.name : 'h';
  const unit = picked && info && picked.layerDir === layerDir && picked.unit < info.hiddenSize ? picked.unit : undefined;

  const ranking = useMemo(() => {
    if (!fits || !info) return undefined;
    const { kept, dropped } = dropInputEchoes(probeFeatures(task, info.probeLabels, info.probeInput, sinePeriod));
    const activations = Array.from({ length: info.hiddenSize }, (_, u) => unitActivations(gates!, info, layerDir, 'h', u));
    const chance = chanceLevel(activations, kept);
    const ranked = rankUnits(activations, kept, info.hiddenSize);
    return { chance, dropped, units: info.hiddenSize, features: kept.length, ranked: ranked.slice(0, 8) };
  }, [fits, info, gates, task, sinePeriod, layerDir]);

  if (!info) return null;
  const dirs = info.bidirectional ? 2 : 1;
  const values = fits && unit !== undefined ? unitActivations(gates!, info, layerDir, name, unit) : undefined;
  const scale = unitScale(name, info.cell, values ?? []);
  const color = scale.color;
  const series = info.inputSize === 1 && !info.vocabSize;
  return (
    <section className="one-unit" aria-label="One unit at a time">
      <h3>One unit at a time</h3>
      {!fits ? (
        <p className="panel-empty">Press Step or Train: the units' activations come with the gates.</p>
      ) : unit === undefined || !values ? (
        <p className="panel-note">Pick a unit: click a row of a heatmap (or press Enter on it), or pick one of the units below.</p>
      ) : (
        <figure className="one-unit-figure">
          <figcaption>
            The probe coloured by unit {unit}'s {GATE_LABELS[name] ?? name} in {layerDirName(layerDir, dirs)}, {scale.words}: <ScaleLegend scale={scale} />{' '}
            <button type="button" className="link-button" aria-pressed={table} onClick={() => setTable((v) => !v)}>
              {table ? 'Hide table' : 'Table'}
            </button>{' '}
            <button type="button" className="link-button" onClick={() => pickUnit(undefined)}>
              Clear the unit
            </button>
          </figcaption>
          {series ? (
            <SeriesColouring inputs={Array.from(info.probeInput)} values={values} color={color} unit={unit} />
          ) : (
            <p className={`one-unit-text${task === 'chargen' ? ' one-unit-chars' : ''}`} role="img" aria-label={`The probe's ${info.steps} inputs coloured by unit ${unit}'s activation, from ${formatCell(Math.min(...values))} to ${formatCell(Math.max(...values))}`}>
              {info.probeLabels.map((label, t) => (
                <span key={t} style={{ background: color(values[t]), color: inkOn(color(values[t])) }} title={`t = ${t + 1} · ${JSON.stringify(label)} → ${formatCell(values[t])}`}>
                  {task === 'chargen' ? label : `${label} `}
                </span>
              ))}
            </p>
          )}
          {table && (
            <ValueTable
              caption={`Unit ${unit}'s ${name} at each step of the probe`}
              corner="t"
              rowCount={info.steps}
              rowHeader={(t) => t + 1}
              columns={[
                { key: 'in', header: 'input', cell: (t) => JSON.stringify(info.probeLabels[t]).slice(1, -1) },
                { key: 'v', header: `unit ${unit}`, cell: (t) => formatCell(values[t]) },
              ]}
            />
          )}
        </figure>
      )}
      {ranking && <RankingTable ranking={ranking} where={layerDirName(layerDir, dirs)} picked={unit} pick={(u) => pickUnit({ layerDir, unit: u, name: 'h' })} />}
    </section>
  );
}

const W = 560;
const H = 120;
const M = { top: 8, right: 8, bottom: 8, left: 8 };

/** A series as points coloured by the unit's activation. */
function SeriesColouring({ inputs, values, color, unit }: { inputs: number[]; values: number[]; color: (v: number) => string; unit: number }) {
  const x = scaleLinear().domain([0, Math.max(1, inputs.length - 1)]).range([M.left, W - M.right]);
  const y = scaleLinear().domain([Math.min(...inputs), Math.max(...inputs) + 1e-9]).range([H - M.bottom, M.top]);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`The probe's ${inputs.length} values coloured by unit ${unit}'s activation, from ${formatCell(Math.min(...values))} to ${formatCell(Math.max(...values))}`}>
      <polyline points={inputs.map((v, t) => `${x(t)},${y(v)}`).join(' ')} fill="none" stroke="var(--line)" strokeWidth={1.5} />
      {inputs.map((v, t) => (
        <circle key={t} cx={x(t)} cy={y(v)} r={6} fill={color(values[t])} stroke="var(--muted)" strokeWidth={0.5}>
          <title>{`t = ${t + 1} · x = ${formatCell(v)} → ${formatCell(values[t])}`}</title>
        </circle>
      ))}
    </svg>
  );
}
