/** Entry point: creates the store around the trainer worker and renders the app. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createCompareStore } from './state/compare';
import { createAppStore } from './state/store';
import { CompareContext } from './views/ComparePanel';
import { startTrainerWorker } from './worker/client';
import { StoreContext } from './views/storeContext';
import './styles.css';

const store = createAppStore(startTrainerWorker);
const compareStore = createCompareStore(startTrainerWorker);
void store.getState().start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <CompareContext.Provider value={compareStore}>
        <App />
      </CompareContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);
