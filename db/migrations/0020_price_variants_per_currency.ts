import { type Kysely, sql } from 'kysely'

// A variant is priced per currency (a shop selling in several markets keeps one row per variant and
// currency, as Shopify's market price lists do), so the natural key gains the currency. An exchange only
// offers variants in the order's currency, found by product and currency.
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await sql`alter table product_variants drop constraint product_variants_shop_product_title_unique`.execute(
    db,
  )
  await db.schema
    .alterTable('product_variants')
    .addUniqueConstraint('product_variants_shop_product_currency_title_unique', [
      'shop_id',
      'product_key',
      'currency',
      'variant_title',
    ])
    .execute()
}

export async function down(db: Kysely<any>) {
  await sql`alter table product_variants drop constraint product_variants_shop_product_currency_title_unique`.execute(
    db,
  )
  await sql`delete from product_variants a using product_variants b
    where a.shop_id = b.shop_id and a.product_key = b.product_key and a.variant_title = b.variant_title
      and a.id > b.id`.execute(db)
  await db.schema
    .alterTable('product_variants')
    .addUniqueConstraint('product_variants_shop_product_title_unique', [
      'shop_id',
      'product_key',
      'variant_title',
    ])
    .execute()
}
