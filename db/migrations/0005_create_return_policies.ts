import { type Kysely, sql } from 'kysely'

// A shop's return policy, versioned: every save is a new row and nothing is updated in place, so a case
// keeps the exact rules it was opened under (cases reference the version's id).
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('return_policies')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    // The settings this version changed against the previous one (dotted paths), for the history view.
    .addColumn('changed', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('note', 'text')
    .addColumn('created_by', 'uuid', (c) => c.references('staff_users.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('return_policies_shop_version_unique', ['shop_id', 'version'])
    .execute()
  await sql`
    create function forbid_update() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only: write a new row instead', tg_table_name;
    end $$`.execute(db)
  await sql`
    create trigger return_policies_no_update before update on return_policies
    for each row execute function forbid_update()`.execute(db)
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('return_policies').execute()
  await sql`drop function if exists forbid_update()`.execute(db)
}
