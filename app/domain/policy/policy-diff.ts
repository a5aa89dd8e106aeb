// What changed between two versions of a return policy, as the dotted paths of the settings that differ
// ("window.days", "reasons.defective.allowedResolutions"). The policy page shows these beside who saved
// the version and when, so a merchant can see at a glance what each save did. Lists compare as whole
// values: adding a blocked email changes "blockedEmails".

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]))
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)])
    return [...keys].every((k) => same(a[k], b[k]))
  }
  return a === b
}

/** Dotted paths of every leaf setting (or list) that differs, sorted. */
export function diffPolicies(before: unknown, after: unknown, prefix = ''): string[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()
    return keys.flatMap((k) => diffPolicies(before[k], after[k], prefix ? `${prefix}.${k}` : k))
  }
  return same(before, after) ? [] : [prefix || '(all)']
}
