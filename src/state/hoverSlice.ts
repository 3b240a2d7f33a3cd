/** What the learner points at, shared between the heatmaps and the equations so each highlights the other. */
import type { AppSlice } from './appState';

/** A pointed-at gate value: which gate, layer·direction, step and unit, and its value. */
export interface GateHover {
  gate: string;
  layerDir: number;
  t: number;
  unit: number;
  value: number;
}

/** The hover slice. */
export interface HoverSlice {
  /** The gate value the pointer is on (in a heatmap), shared so the equations can highlight it. */
  hover?: GateHover;
  /** The gate the learner points at in the equations, to highlight it in the charts. */
  hoveredGateName?: string;
  setHover(hover: GateHover | undefined): void;
  setHoveredGateName(name: string | undefined): void;
}

/** Creates the hover slice. */
export const createHoverSlice: AppSlice<HoverSlice> = (set) => ({
  setHover: (hover) => set({ hover }),
  setHoveredGateName: (hoveredGateName) => set({ hoveredGateName }),
});
