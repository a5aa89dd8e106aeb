/** Route modules opt out of client JavaScript with `handle = { hydrate: false }` (all buyer pages do). */
export interface RouteHandle {
  hydrate?: boolean
}

/** Whether a page with these matched routes' handles gets Remix's scripts (any route can opt out). */
export function pageHydrates(handles: readonly unknown[]): boolean {
  return !handles.some((handle) => (handle as RouteHandle | undefined)?.hydrate === false)
}
