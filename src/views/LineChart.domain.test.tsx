import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { LineChart } from './LineChart';

/** The y axis's tick labels of a chart of one point at 0.5 (an accuracy at step 0, level with chance). */
function yTicks(yDomain?: [number, number]): string[] {
  const html = renderToStaticMarkup(
    <LineChart title="Held-out accuracy" label="accuracy" series={[{ name: 'accuracy', points: [[0, 0.5]], color: 'green' }]} references={[{ y: 0.5, label: 'chance 0.500', color: 'grey' }]} xLabel="training step" yLabel="accuracy" yDomain={yDomain} />,
  );
  return [...html.matchAll(/<text[^>]*text-anchor="end"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).filter((text) => /^[\d.]+$/.test(text));
}

describe('a line chart’s y domain', () => {
  it('follows the data by default, and a fixed one holds an accuracy to 0…1 (at step 0 it ran to 1.5)', () => {
    expect(yTicks()).toContain('1.5');
    const fixed = yTicks([0, 1]);
    expect(fixed).not.toContain('1.5');
    expect(fixed.at(-1)).toMatch(/^1(\.0)?$/);
  });
});
