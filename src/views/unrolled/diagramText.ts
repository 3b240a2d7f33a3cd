/** The words of the unrolled diagram: its accessible name and the subscripts of its recurrent weights. */
import { CELL_LABELS } from '../../shared/config';
import type { CellKind } from '../../shared/spec';
import type { DiagramLayout, DiagramShape } from './unrolledLayout';

/** What the diagram shows, in one sentence: the chart's accessible name. */
export function diagramLabel(cell: CellKind, shape: DiagramShape, layout: DiagramLayout): string {
  const { numLayers, bidirectional, steps, readout } = shape;
  const { encoderSteps, gap } = layout;
  const outputsText =
    readout === 'last'
      ? 'the same weights at every step; one output, at the last step'
      : readout === 'all'
        ? 'the same weights at every step; an output at every step'
        : `an encoder over steps 1 to ${encoderSteps} (no outputs), whose final state starts a decoder over steps ${encoderSteps + 1} to ${steps} with its own weights, shared across its steps; an output at every decoder step`;
  return `${CELL_LABELS[cell]} unrolled over ${steps} time step${steps === 1 ? '' : 's'}, ${numLayers} layer${numLayers > 1 ? 's' : ''}${bidirectional ? ', bidirectional' : ''}; ${outputsText}${gap ? `; steps ${gap.from + 1} to ${gap.to + 1} are folded into one gap column` : ''}.`;
}

/**
 * The subscript of "W_hh", with the layer (several layers), ← (the backward direction's own matrix) and "dec" (the
 * decoder's own matrix) in it.
 */
export function recurrentWeightName(layer: number, direction: number, numLayers: number, decoder = false): string {
  return `hh${numLayers > 1 ? layer : ''}${direction === 1 ? '←' : ''}${decoder ? ' dec' : ''}`;
}

/** About how wide a 12 px bold label is per character, in the diagram's units. */
const HALF_LABEL_CHAR_WIDTH = 7;

/**
 * The label over one half of an encoder–decoder that fits in `width` (the half's width): the full sentence, or
 * its first word, or nothing, so that the encoder's and the decoder's labels never run into each other (a phone).
 */
export function fittedHalfLabel(full: string, width: number): string {
  if (full.length * HALF_LABEL_CHAR_WIDTH <= width) return full;
  const short = full.split(':')[0];
  return short.length * HALF_LABEL_CHAR_WIDTH <= width ? short : '';
}
