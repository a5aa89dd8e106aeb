import { type Kysely, sql } from 'kysely'

// The delay scan read each notice's email and language from its order: 40,000 primary-key probes of
// `orders` for a 40,000-parcel backlog, the largest cost of the statement after writing the outbox. The
// queue's trigger already probes the order (for the buyer's time zone) when a parcel changes, so it now
// records the email and language in the same probe, and the scan reads no order at all.
// The buyer's latest contact still wins: a change of an order's email, language or time zone rewrites
// its parcels' waiting queue rows (few or none: rows wait about a minute for the next scan), so a notice
// goes where it would have gone when the scan read the order itself.
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('shipment_notice_queue')
    .addColumn('email', 'text')
    .addColumn('locale', 'text')
    .execute()
  await sql`
    update shipment_notice_queue q set email = o.email, locale = o.locale
    from orders o where o.id = q.order_id and o.shop_id = q.shop_id`.execute(db)

  await sql`
    create or replace function shipments_queue_notice() returns trigger language plpgsql as $$
    declare
      o record;
    begin
      if new.kind = 'return' then
        return null;
      end if;
      select o2.email, o2.locale, o2.buyer_timezone into o
      from orders o2 where o2.id = new.order_id and o2.shop_id = new.shop_id;
      insert into shipment_notice_queue (shipment_id, shop_id, from_status, from_level,
        order_id, status, delay_level, last_event_at, buyer_timezone, email, locale)
      values (new.id, new.shop_id, old.status, old.delay_level,
        new.order_id, new.status, new.delay_level, new.last_event_at, o.buyer_timezone, o.email, o.locale)
      on conflict (shipment_id) do update set
        order_id = excluded.order_id, status = excluded.status, delay_level = excluded.delay_level,
        last_event_at = excluded.last_event_at, buyer_timezone = excluded.buyer_timezone,
        email = excluded.email, locale = excluded.locale;
      return null;
    end $$`.execute(db)

  await sql`
    create function orders_update_notice_queue() returns trigger language plpgsql as $$
    begin
      update shipment_notice_queue q
      set email = new.email, locale = new.locale, buyer_timezone = new.buyer_timezone
      where q.shop_id = new.shop_id and q.order_id = new.id;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger orders_update_notice_queue after update of email, locale, buyer_timezone on orders
    for each row
    when (
      old.email is distinct from new.email or old.locale is distinct from new.locale
      or old.buyer_timezone is distinct from new.buyer_timezone
    )
    execute function orders_update_notice_queue()`.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`drop trigger orders_update_notice_queue on orders`.execute(db)
  await sql`drop function orders_update_notice_queue()`.execute(db)
  await sql`
    create or replace function shipments_queue_notice() returns trigger language plpgsql as $$
    begin
      if new.kind = 'return' then
        return null;
      end if;
      insert into shipment_notice_queue (shipment_id, shop_id, from_status, from_level,
        order_id, status, delay_level, last_event_at, buyer_timezone)
      values (new.id, new.shop_id, old.status, old.delay_level,
        new.order_id, new.status, new.delay_level, new.last_event_at,
        (select o.buyer_timezone from orders o where o.id = new.order_id and o.shop_id = new.shop_id))
      on conflict (shipment_id) do update set
        order_id = excluded.order_id, status = excluded.status, delay_level = excluded.delay_level,
        last_event_at = excluded.last_event_at, buyer_timezone = excluded.buyer_timezone;
      return null;
    end $$`.execute(db)
  await db.schema.alterTable('shipment_notice_queue').dropColumn('email').dropColumn('locale').execute()
}
