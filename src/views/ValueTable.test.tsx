import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { ValueTable } from './ValueTable';

describe('ValueTable', () => {
  it('has a header row (the corner, then the columns) and a header cell on each row', () => {
    const html = renderToStaticMarkup(
      <ValueTable
        className="t"
        caption="Gates"
        corner="unit"
        columns={[0, 1].map((c) => ({ key: c, header: `t=${c + 1}`, cell: (r: number) => `${r}·${c}` }))}
        rowCount={2}
        rowHeader={(r) => `unit ${r}`}
      />,
    );
    expect(html).toBe(
      '<table class="t"><caption>Gates</caption><thead><tr><th scope="col">unit</th><th scope="col">t=1</th><th scope="col">t=2</th></tr></thead>' +
        '<tbody><tr><th scope="row">unit 0</th><td>0·0</td><td>0·1</td></tr><tr><th scope="row">unit 1</th><td>1·0</td><td>1·1</td></tr></tbody></table>',
    );
  });

  it('leaves out the caption and the class when not given', () => {
    const html = renderToStaticMarkup(<ValueTable corner="" columns={[]} rowCount={0} rowHeader={() => ''} />);
    expect(html).toBe('<table><thead><tr><th scope="col"></th></tr></thead><tbody></tbody></table>');
  });
});
