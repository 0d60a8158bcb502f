// A deliberate import cycle (a → b → a) that `npm run lint` must refuse; see no-cycle.test.ts.
import { b } from './b';

export const a = (): string => `a${b.length}`;
