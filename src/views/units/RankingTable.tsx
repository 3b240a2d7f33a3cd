/**
 * The units ranked by how well their h tracks a feature of the probe's input, each marked above chance or not
 * (issue #16): the chance level is the best |r| that the same units and features reach with the probe's steps
 * shuffled (chanceLevel.ts), and features that merely repeat the input value are left out, saying why.
 */
import type { ChanceLevel, DroppedFeature } from './chanceLevel';
import type { TrackingUnit } from './unitFeatures';

export interface Ranking {
  chance: ChanceLevel;
  dropped: DroppedFeature[];
  /** Units and features compared (for the chance sentence). */
  units: number;
  features: number;
  /** The best-tracking units, best first. */
  ranked: TrackingUnit[];
}

/** The feature that is the input itself (seriesFeatures): tracking it is echo, not a discovered feature. */
const INPUT_VALUE = 'the value read';

/** "0.71". */
const fixed = (r: number) => r.toFixed(2);

export function RankingTable({ ranking, where, picked, pick }: { ranking: Ranking; where: string; picked: number | undefined; pick: (unit: number) => void }) {
  const { chance, dropped, units, features, ranked } = ranking;
  if (!ranked.length) return null;
  const above = ranked.filter((row) => Math.abs(row.r) > chance.threshold).length;
  const echoes = ranked.some((row) => row.feature === INPUT_VALUE && Math.abs(row.r) > chance.threshold);
  const level = `|r| above ${fixed(chance.threshold)}, the best |r| that ${units} units and ${features} features reach in ${Math.round(chance.quantile * 100)}% of ${chance.shuffles} shuffles of the probe's steps`;
  return (
    <div className="one-unit-ranking-wrap">
      <p className="panel-note" data-testid="units-chance">
        {above
          ? `${above} of the units listed ${above === 1 ? 'tracks' : 'track'} a feature above chance (${level}).`
          : `No unit tracks a feature above chance (${level}): the r below are what chance gives with this many units and features on ${chance.steps} steps.`}
        {echoes && ` A unit tracking “${INPUT_VALUE}” echoes the input it reads, which an untrained network already does: that is not a feature it found.`}
        {dropped.length > 0 &&
          ` Left out: ${dropped.map((d) => `“${d.name}” (r = ${fixed(d.r)} with the value read)`).join(', ')}, which repeats the input value, so a unit following it may only echo what it reads.`}
      </p>
      <table className="one-unit-ranking">
        <caption>
          Units of {where} whose h best tracks a feature of the probe's input (Pearson r over the probe's {chance.steps} steps)
        </caption>
        <thead>
          <tr>
            <th scope="col">Unit</th>
            <th scope="col">Tracks</th>
            <th scope="col">r</th>
            <th scope="col">Above chance (|r| &gt; {fixed(chance.threshold)})</th>
            <th scope="col">
              <span className="visually-hidden">Pick</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ranked.map((row) => {
            const real = Math.abs(row.r) > chance.threshold;
            return (
              <tr key={row.unit} className={real ? undefined : 'one-unit-chance'}>
                <th scope="row">{row.unit}</th>
                <td>{row.feature}</td>
                <td>{fixed(row.r)}</td>
                <td>{!real ? 'no: chance' : row.feature === INPUT_VALUE ? 'yes: echoes the input' : 'yes'}</td>
                <td>
                  <button type="button" className="link-button" aria-pressed={picked === row.unit} onClick={() => pick(row.unit)}>
                    Colour by unit {row.unit}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
