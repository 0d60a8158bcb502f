// Imports half of the cycle without being part of it: not reported.
import { a } from './a';

export const plain = (): string => a();
