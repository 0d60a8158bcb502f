// The other half of the deliberate cycle.
import { a } from './a';

export const b = (): string => `b${a.length}`;
