// Monthly CO₂ at Mauna Loa (Scripps), from vega-datasets (its `exports` field blocks deep imports: read the file).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function prepare(outDir) {
  const text = readFileSync(join(process.cwd(), 'node_modules', 'vega-datasets', 'data', 'co2-concentration.csv'), 'utf8');
  writeFileSync(join(outDir, 'co2-concentration.csv'), text);
  return [{ file: 'data/co2-concentration.csv', bytes: text.length, source: 'Monthly CO₂ concentration at Mauna Loa, 1958–2020 (Scripps Institution of Oceanography), via the vega-datasets npm package', license: 'CC BY 4.0' }];
}
