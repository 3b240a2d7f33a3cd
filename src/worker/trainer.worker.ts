/** The trainer Web Worker: a thin shell that exposes the trainer service over Comlink. */
import { expose } from 'comlink';
import { selectBackend } from './backend';
import { createTrainerService } from './service';

/** Task data comes from the app's own origin (public/data/, prepared at install and build time). */
async function readDataFile(file: string): Promise<string> {
  const response = await fetch(`${import.meta.env.BASE_URL}${file}`);
  if (!response.ok) throw new Error(`Could not load ${file} (HTTP ${response.status})`);
  return response.text();
}

expose(createTrainerService(selectBackend, readDataFile));
