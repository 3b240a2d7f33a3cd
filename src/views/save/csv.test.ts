import { describe, expect, it } from 'vitest';
import { SampledHistory, StepHistory } from '../../state/history';
import { csvField, float32, gradientHistoryCsv, lossCsv, metricsCsv, predictionsCsv, toCsv } from './csv';

const lines = (csv: string) => csv.split('\r\n').slice(0, -1);

describe('csvField and toCsv', () => {
  it('quotes fields with a comma, quote or line break and doubles quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(NaN)).toBe('NaN');
  });

  it('writes the header, then one CRLF-ended line per row', () => {
    expect(toCsv(['step', 'name, with comma'], [[1, 'x'], [2, 'y"z']])).toBe('step,"name, with comma"\r\n1,x\r\n2,"y""z"\r\n');
  });
});

describe('float32', () => {
  it('reads back as the same float32 for values across many decades', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let k = 0; k < 2000; k++) {
      const value = Math.fround((random() - 0.5) * 10 ** Math.floor(random() * 20 - 10));
      expect(Math.fround(float32(value))).toBe(value);
      expect(String(float32(value)).replace(/^-?0\.0*|[.-]|e.*$/g, '').length).toBeLessThanOrEqual(9);
    }
    expect(float32(Infinity)).toBe(Infinity);
  });
});

describe('the run’s CSV files', () => {
  it('loss history: a header and a row per step, in step order', () => {
    const history = new StepHistory(3, 8);
    history.append(1, [0.5, 0.25, 0.125], [2, 1.5, 1], [1, 1, 1]);
    history.append(4, [0.1], [0.9], [0.9]);
    const rows = lines(lossCsv(history));
    expect(rows[0]).toBe('step,loss,gradient_norm_before_clipping,gradient_norm_after_clipping');
    expect(rows.slice(1)).toEqual(['1,0.5,2,1', '2,0.25,1.5,1', '3,0.125,1,1', '4,0.100000001,0.899999976,0.899999976']);
  });

  it('‖∂L/∂h_t‖ history: a column per layer·direction and time step, a row per recorded step', () => {
    const history = new SampledHistory();
    history.push(3, Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    history.push(5, Float32Array.from([8, 7, 6, 5, 4, 3, 2, 1]));
    history.push(6, Float32Array.from([1, 2])); // another run's shape: left out
    const rows = lines(gradientHistoryCsv(history, 4, 2, true));
    expect(rows[0]).toBe('step,layer0_t1,layer0_t2,layer0_reverse_t1,layer0_reverse_t2,layer1_t1,layer1_t2,layer1_reverse_t1,layer1_reverse_t2');
    expect(rows.slice(1)).toEqual(['3,1,2,3,4,5,6,7,8', '5,8,7,6,5,4,3,2,1']);
    expect(lines(gradientHistoryCsv(history, 1, 2, false))[0]).toBe('step,layer0_t1,layer0_t2');
  });

  it('held-out predictions: a row per held-out step with the truth, the forecast and each baseline of the same length', () => {
    const trace = { truth: Float32Array.from([1, 2]), prediction: Float32Array.from([1.5, 2.5]), baselines: { persistence: Float32Array.from([0, 1]), broken: Float32Array.from([1]) } };
    expect(lines(predictionsCsv(trace))).toEqual(['held_out_step,truth,prediction,baseline_persistence', '1,1,1.5,0', '2,2,2.5,1']);
  });

  it('held-out metrics: a column per metric', () => {
    const history = new SampledHistory();
    history.push(10, Float32Array.from([0.5, 0.25]));
    expect(lines(metricsCsv(history, ['accuracy', 'loss']))).toEqual(['step,accuracy,loss', '10,0.5,0.25']);
  });
});
