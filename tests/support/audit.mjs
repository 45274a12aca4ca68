// Reading the audit trail in black-box tests.
import assert from 'node:assert/strict'

// The first audit entry of `query` (as /api/v1/admin/audit takes it) for which `pick` holds,
// waiting for reads to reach the trail; fails when none comes within five seconds.
export async function auditEntry (admin, query, pick) {
  for (let i = 0; i < 50; i++) {
    const hit = (await admin.request('GET', `/api/v1/admin/audit?${query}`)).data.items.find(pick)
    if (hit) return hit
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  assert.fail(`nothing in the audit trail for ${query}`)
}
