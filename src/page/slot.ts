/**
 * A private slot on this frame's isolated world, where an on-demand chunk (`chunks.ts`) leaves
 * what it brings: a symbol page scripts cannot see. The first value stays (a chunk injected twice
 * changes nothing).
 */
export function slot<T>(name: string): { register(value: T): void; get(): T | undefined } {
  const key = Symbol.for(`context-cards.${name}`);
  const world = globalThis as Record<symbol, unknown>;
  return {
    register: (value) => void (world[key] ??= value),
    get: () => world[key] as T | undefined,
  };
}
