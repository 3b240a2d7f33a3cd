/** Gates beside the cell's equations: pointing at either highlights the other. */
import { Equations } from './Equations';
import { GatePanel } from './GatePanel';
import { useAppState } from './storeContext';

/** The gate heatmaps and the equations. */
export function InsidePanel() {
  const cell = useAppState((s) => s.config.cell);
  const hover = useAppState((s) => s.hover);
  const hoveredGateName = useAppState((s) => s.hoveredGateName);
  const setHoveredGateName = useAppState((s) => s.setHoveredGateName);
  return (
    <div className="inside">
      <GatePanel />
      <Equations
        cell={cell}
        highlight={hover?.gate ?? hoveredGateName}
        reading={hover ? { name: hover.gate, t: hover.t + 1, unit: hover.unit, value: hover.value } : undefined}
        onHover={setHoveredGateName}
      />
    </div>
  );
}
