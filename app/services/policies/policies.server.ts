// The shop's return policy: read the version in force, save a new version, and list the history. Every
// save is validated by the domain rules and written as a new version; cases keep the version they were
// opened under.
import { db } from '#db/client'
import * as policies from '#db/queries/return-policies'
import {
  DEFAULT_RETURN_POLICY,
  validatePolicy,
  type PolicyIssue,
  type ReturnPolicy,
} from '#app/domain/policy/policy'
import { diffPolicies } from '#app/domain/policy/policy-diff'
import {
  DEFAULT_COMPLAINT_PLAYBOOK,
  validatePlaybook,
  type ComplaintPlaybook,
} from '#app/domain/complaints/playbook'

export interface CurrentPolicy {
  /** Null until the shop first saves its own policy: the defaults apply. */
  id: string | null
  version: number
  rules: ReturnPolicy
  playbook: ComplaintPlaybook
  savedAt: string | null
}

/** The policy in force for a shop (the defaults, as version 0, until it saves its own). */
export async function getCurrentPolicy(input: { shopId: string }): Promise<CurrentPolicy> {
  const row = await policies.findCurrentPolicy(db, input.shopId)
  if (!row) {
    return {
      id: null,
      version: 0,
      rules: structuredClone(DEFAULT_RETURN_POLICY),
      playbook: structuredClone(DEFAULT_COMPLAINT_PLAYBOOK),
      savedAt: null,
    }
  }
  return {
    id: row.id,
    version: row.version,
    rules: row.rules,
    playbook: row.playbook ?? structuredClone(DEFAULT_COMPLAINT_PLAYBOOK),
    savedAt: row.created_at.toISOString(),
  }
}

export type SavePolicyResult =
  | { ok: true; value: { version: number; changed: string[] } }
  | { ok: false; code: 'invalid'; message: string; issues: PolicyIssue[] }
  | { ok: false; code: 'unchanged'; message: string }
  | { ok: false; code: 'stale'; message: string }

/**
 * Saves `rules` as the shop's next policy version, in one transaction. `basedOnVersion` is the version
 * the editor started from: when someone else saved in between, the save is refused instead of silently
 * overwriting their change.
 */
export async function savePolicy(input: {
  shopId: string
  staffId: string | null
  rules: ReturnPolicy
  /** The complaint playbook saved with this version; omitted, the one in force is kept. */
  playbook?: ComplaintPlaybook
  basedOnVersion: number
  note?: string | null
  now: Date
}): Promise<SavePolicyResult> {
  const issues = [
    ...validatePolicy(input.rules),
    ...(input.playbook
      ? validatePlaybook(input.playbook).map((i) => ({ ...i, field: `playbook.${i.field}` }))
      : []),
  ]
  if (issues.length) {
    return {
      ok: false,
      code: 'invalid',
      message: 'Some settings need fixing before the policy can be saved.',
      issues,
    }
  }
  return db.transaction().execute(async (trx) => {
    await policies.lockShopForPolicyChange(trx, input.shopId)
    const current = await policies.findCurrentPolicy(trx, input.shopId)
    const currentVersion = current?.version ?? 0
    if (currentVersion !== input.basedOnVersion) {
      return {
        ok: false as const,
        code: 'stale' as const,
        message: `Someone saved version ${currentVersion} while you were editing version ${input.basedOnVersion}. Reload to see their changes, then apply yours again.`,
      }
    }
    const before = current?.playbook ?? DEFAULT_COMPLAINT_PLAYBOOK
    const playbook = input.playbook ?? current?.playbook ?? null
    const changed = [
      ...diffPolicies(current?.rules ?? DEFAULT_RETURN_POLICY, input.rules),
      ...(playbook ? diffPlaybooks(before, playbook) : []),
    ]
    if (current && changed.length === 0) {
      return {
        ok: false as const,
        code: 'unchanged' as const,
        message: 'Nothing has changed since the last version.',
      }
    }
    const saved = await policies.insertPolicyVersion(trx, {
      shopId: input.shopId,
      version: currentVersion + 1,
      rules: input.rules,
      playbook,
      changed,
      note: input.note?.trim() || null,
      createdBy: input.staffId,
      at: input.now,
    })
    return { ok: true as const, value: { version: saved.version, changed } }
  })
}

/** Who changed what and when, newest first. */
export async function listPolicyHistory(input: { shopId: string; limit?: number }) {
  const rows = await policies.listPolicyVersions(db, { shopId: input.shopId, limit: input.limit ?? 50 })
  return rows.map((r) => ({
    version: r.version,
    changed: r.changed,
    note: r.note,
    savedAt: r.created_at.toISOString(),
    savedBy: r.created_by_name ?? r.created_by_email ?? null,
  }))
}

/** Dotted paths of the playbook's settings that differ, e.g. 'playbook.damaged.remedies'. */
function diffPlaybooks(a: ComplaintPlaybook, b: ComplaintPlaybook): string[] {
  const out: string[] = []
  for (const path of Object.keys(b) as (keyof ComplaintPlaybook)[]) {
    const x = a[path] as unknown as Record<string, unknown>
    const y = b[path] as unknown as Record<string, unknown>
    if (typeof y !== 'object' || y === null) {
      if (x !== (y as unknown)) out.push(`playbook.${path}`)
      continue
    }
    for (const k of Object.keys(y)) {
      if (JSON.stringify(x?.[k]) !== JSON.stringify(y[k])) out.push(`playbook.${path}.${k}`)
    }
  }
  return out
}

/**
 * Saves the complaint playbook as the next policy version, with the return rules in force unchanged, so
 * the two are versioned together. Same refusals as savePolicy (invalid, unchanged, stale).
 */
export async function savePlaybook(input: {
  shopId: string
  staffId: string | null
  playbook: ComplaintPlaybook
  basedOnVersion: number
  note?: string | null
  now: Date
}): Promise<SavePolicyResult> {
  const current = await getCurrentPolicy({ shopId: input.shopId })
  return savePolicy({ ...input, rules: current.rules })
}
