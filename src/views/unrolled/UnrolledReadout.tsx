/** The readout under the diagram: the pointed-at step's input and, per layer·direction, ‖h_t‖, ‖∂L/∂h_t‖ and mean gates. */
import { GATE_NAMES, type CellKind } from '../../shared/spec';
import { formatValue } from '../format';
import { GATE_COLORS } from '../palette';
import { layerDirName } from '../telemetry';
import { ValueTable, type ValueColumn } from '../ValueTable';
import type { DiagramColumn } from './unrolledLayout';
import type { UnrolledReadings } from './UnrolledView';

/** Props: the network, the probe's inputs and readings, and the column pointed at (none: a hint instead). */
export interface UnrolledReadoutProps extends UnrolledReadings {
  cell: CellKind;
  numLayers: number;
  bidirectional: boolean;
  inputs: string[];
  focused?: DiagramColumn;
}

/** The readout, a polite live region sized for its table so that the page does not jump when it fills. */
export function UnrolledReadout({ cell, numLayers, bidirectional, inputs, gateMeans, hiddenNorms, gradNorms, focused }: UnrolledReadoutProps) {
  const dirs = bidirectional ? 2 : 1;
  const layerDirs = numLayers * dirs;
  return (
    <div className="unrolled-readout" aria-live="polite" style={{ minHeight: `${2.9 + 1.45 * layerDirs}em` }}>
      {focused === undefined ? (
        <p className="unrolled-hint">Point at a column (or Tab to the diagram and use ← →) to read that step’s values.</p>
      ) : (
        <>
          <p className="unrolled-readout-head">
            <strong>t = {focused.t + 1}</strong> · x<sub>t</sub> = {inputs[focused.t] ?? '—'}
            {focused.output && ' · ŷ is read here'}
          </p>
          <ValueTable
            className="unrolled-table"
            corner={<span className="visually-hidden">layer</span>}
            columns={readoutColumns(cell, focused.t, { gateMeans, hiddenNorms, gradNorms })}
            rowCount={layerDirs}
            rowHeader={(ld) => layerDirName(ld, dirs)}
          />
        </>
      )}
    </div>
  );
}

/** The readout's columns at step t; a row is a layer·direction. */
function readoutColumns(cell: CellKind, t: number, { gateMeans, hiddenNorms, gradNorms }: UnrolledReadings): ValueColumn[] {
  return [
    {
      key: 'hidden-norm',
      header: (
        <>
          ‖h<sub>t</sub>‖
        </>
      ),
      cell: (ld) => formatValue(hiddenNorms?.[ld]?.[t]),
    },
    {
      key: 'grad-norm',
      header: (
        <>
          ‖∂L/∂h<sub>t</sub>‖
        </>
      ),
      cell: (ld) => formatValue(gradNorms?.[ld]?.[t]),
    },
    ...GATE_NAMES[cell].map((g) => ({
      key: g,
      header: (
        <>
          <span className="swatch" style={{ background: GATE_COLORS[g] }} /> mean {g}
        </>
      ),
      cell: (ld: number) => formatValue(gateMeans?.[ld]?.[g]?.[t]),
    })),
  ];
}
