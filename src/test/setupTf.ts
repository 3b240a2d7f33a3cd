import { useNodeBackend } from '../cli/tfNode';

await useNodeBackend(process.env.UNROLLED_TEST_BACKEND === 'cpu' ? 'cpu' : 'wasm');
