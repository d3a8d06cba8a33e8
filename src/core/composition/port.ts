/**
 * A slot through which a module gets what it needs from a module it cannot
 * import (that module imports it): the module declares the port, the
 * composition root (src/modules/index.ts) fills it once at start.
 */
export interface Port<T> {
  use: (implementation: T) => void;
  get: () => T;
}

export function createPort<T>(name: string): Port<T> {
  let wired: T | undefined;
  return {
    use: (implementation) => {
      wired = implementation;
    },
    get: () => {
      if (wired === undefined) throw new Error(`${name}: not wired (see src/modules/index.ts)`);
      return wired;
    },
  };
}
