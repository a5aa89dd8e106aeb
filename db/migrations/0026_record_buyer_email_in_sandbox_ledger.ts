import { type Kysely, sql } from 'kysely'

// A coupon or store credit is for one buyer: the sandbox provider's book now says whose it is, as Stripe
// keeps a coupon's customer. `buyer_email` is the case's buyer for coupons, credit and charges; refunds go
// back to the order's payment and carry none. The check holds every new coupon and credit to it; it is
// NOT VALID because rows booked before this migration have no email to give (they stay as they were).
// Frozen: Kysely<any>, no app imports, so the migration means the same thing whatever the app becomes.
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('sandbox_ledger').addColumn('buyer_email', 'text').execute()
  await sql`alter table sandbox_ledger add constraint sandbox_ledger_buyer_email_check
    check (kind not in ('coupon', 'store_credit') or buyer_email is not null) not valid`.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`alter table sandbox_ledger drop constraint sandbox_ledger_buyer_email_check`.execute(db)
  await db.schema.alterTable('sandbox_ledger').dropColumn('buyer_email').execute()
}
