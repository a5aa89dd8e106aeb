import { type Kysely, sql } from 'kysely'

// A return parcel is the buyer's own parcel on its way back to the shop: its scans move the case, but the
// buyer gets no "shipped / out for delivery / late" notices about it. The notice queue's trigger skips
// it (the queue carries the parcel's state since 0018, so the scan no longer reads shipments to tell).
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
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
}

export async function down(db: Kysely<any>) {
  await sql`
    create or replace function shipments_queue_notice() returns trigger language plpgsql as $$
    begin
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
}
