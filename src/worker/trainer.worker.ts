/** The trainer Web Worker: a thin shell that exposes the trainer service over Comlink. */
import { expose } from 'comlink';
import { selectBackend } from './backend';
import { createTrainerService } from './service';

expose(createTrainerService(selectBackend));
