/** Feeds the connectivity view from the store: the probe's input labels and the latest reading. */
import { useLatestReading } from '../jacobian/latestReading';
import { useAppState } from '../storeContext';
import { ConnectivityView } from './ConnectivityView';

/** The view with live data. */
export function ConnectivityPanel() {
  const info = useAppState((s) => s.runInfo);
  const reading = useLatestReading('connectivity');
  if (!info) return null;
  return <ConnectivityView inputs={info.probeLabels} reading={reading} />;
}
