/** Entry point: creates the store around the trainer worker and renders the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createCompareStore } from './state/compare';
import { backendFromUrl, decodeUrlState, encodeUrlState, withSpeed } from './state/urlState';
import * as savedRuns from './state/savedRuns';
import { browserRunSharing } from './state/sharedRuns';
import { createAppStore } from './state/store';
import { displayFromUrl, withDisplay } from './state/pageDisplay';
import { PageDisplayContext } from './views/pageDisplayContext';
import { CompareContext } from './views/ComparePanel';
import { startTrainerWorker } from './state/workerClient';
import { StoreContext } from './views/storeContext';
import './styles.css';

// The setup lives in the address: read it once, and mirror every change back (without a new history entry).
const fromUrl = decodeUrlState(window.location.search);
// a teacher's flags: settings whose controls are hidden, and the compact page for embedding
const display = displayFromUrl(window.location.search);
const store = createAppStore(startTrainerWorker, {
  ...fromUrl,
  notices: [...fromUrl.notices, ...display.notices],
  backend: backendFromUrl(window.location.search),
  persistence: { ...savedRuns, ...browserRunSharing() },
  onConfigChange(config, preset) {
    const params = new URLSearchParams(window.location.search);
    const backend = params.get('backend');
    const search = withDisplay(withSpeed(encodeUrlState(config, preset, backend ? { backend } : {}), store.getState().speed), display);
    window.history.replaceState(null, '', `${window.location.pathname}${search}${window.location.hash}`);
  },
  onSpeedChange(speed) {
    window.history.replaceState(null, '', `${window.location.pathname}${withSpeed(window.location.search, speed)}${window.location.hash}`);
  },
});
const compareStore = createCompareStore(startTrainerWorker);
// A model in the address's fragment (#model=…, Copy link) opens once the page has started, over the resume offer;
// the fragment is then dropped, so that a reload resumes the run's own saves instead of opening the link again.
const modelFragment = window.location.hash;
void store
  .getState()
  .start()
  .then(() => store.getState().openModelLink(modelFragment))
  .then((named) => named && window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`));

// Keep the run when the page is hidden or left (another tab, a reload, a closed tab), not only on the autosave
// timer: at once, in localStorage (a save to IndexedDB would not finish in time); a page that lives on saves it
// to IndexedDB as well.
const saveOnLeave = () => {
  store.getState().saveOnLeave();
  void store.getState().saveNow();
};
window.addEventListener('pagehide', saveOnLeave);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') saveOnLeave();
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <CompareContext.Provider value={compareStore}>
        <PageDisplayContext.Provider value={display}>
          <App />
        </PageDisplayContext.Provider>
      </CompareContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);
