import { type Kysely, sql } from 'kysely'

// Frozen in time: Kysely<any>, no imports from the app.
export async function up(db: Kysely<any>) {
  await sql`create extension if not exists pgcrypto`.execute(db)

  await db.schema
    .createTable('shops')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shopify_domain', 'text', (c) => c.unique())
    .addColumn('portal_host', 'text', (c) => c.unique())
    .addColumn('default_locale', 'text', (c) =>
      c
        .notNull()
        .defaultTo('en')
        .check(sql`default_locale in ('en', 'ru', 'pl')`),
    )
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('currency', 'char(3)', (c) => c.notNull())
    .addColumn('support_email', 'text')
    .addColumn('brand_color', 'text', (c) =>
      c
        .notNull()
        .defaultTo('#1f6f5c')
        .check(sql`brand_color ~ '^#[0-9a-fA-F]{6}$'`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  await db.schema
    .createTable('staff_users')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('shop_id', 'uuid', (c) => c.notNull().references('shops.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email)`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'agent')`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('staff_users_shop_email_unique', ['shop_id', 'email'])
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('staff_users').execute()
  await db.schema.dropTable('shops').execute()
}
