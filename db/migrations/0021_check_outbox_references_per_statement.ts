import { type Kysely, sql } from 'kysely'

// The delay scan's backlog writes 40,000 outbox rows in one statement, and two costs were paid per row
// for what is one fact per statement:
//
// - Foreign keys. A foreign key is a row-level trigger: each inserted row queued two checks (shop_id, and
//   case_id even when null) and ran a locking index probe of `shops` per row. Measured on the bench's
//   backlog, the shop check alone took 0.48 s of a 3.4 s EXPLAIN ANALYZE (40,000 calls), the case check
//   0.07 s. The same rules are now checked once per statement from its transition table: lock the
//   distinct shops and cases the new rows name (FOR KEY SHARE, as a foreign key does, so none can be
//   deleted before this transaction ends), then fail with the foreign key's own error (23503, same
//   constraint names) when one is missing. A statement-level trigger on each parent does the old ON DELETE
//   actions (a shop's notifications go with it; a deleted case leaves its mail with case_id null), and a
//   row trigger checks the rare update of either column. TRUNCATE of shops or cases no longer reaches the
//   outbox (nothing truncates them but the tests, which truncate every table).
// - Ids. uuid_v7() drew its random bits from gen_random_uuid(), a cryptographic generator (OpenSSL) that
//   cost ~3 µs per call here, most of the id's cost (0.16 s of CPU per 40,000 ids against 0.03 s now). The
//   random bits now come from random() (PostgreSQL's per-backend xoshiro generator, seeded from the strong
//   source when the backend starts). Outbox ids only need to be unique and time-ordered: no link or token
//   is guarded by one (staff pages check the shop; buyers' links are signed tokens), and 74 random bits
//   per millisecond make a collision as unlikely as before in practice.
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await sql`
    create or replace function uuid_v7() returns uuid language sql volatile parallel restricted as $$
      select (lpad(to_hex(floor(date_part('epoch', clock_timestamp()) * 1000)::bigint), 12, '0')
        || '7' || lpad(to_hex(floor(random() * 4096)::int), 3, '0')
        || to_hex(x'8000000000000000'::bigint
          | (floor(random() * 2147483648)::bigint << 31) | floor(random() * 2147483648)::bigint))::uuid
    $$`.execute(db)

  await sql`alter table notifications drop constraint notifications_shop_id_fkey`.execute(db)
  await sql`alter table notifications drop constraint notifications_case_id_fkey`.execute(db)

  // One check per statement for what the new rows reference: lock first (a parent deleted meanwhile is
  // then gone for the check), then look for one that is missing.
  await sql`
    create function notifications_check_references() returns trigger language plpgsql as $$
    declare
      shop_ids uuid[];
      case_ids uuid[];
      missing uuid;
    begin
      -- One pass over the new rows for the (few) distinct parents they name.
      select array_agg(distinct n.shop_id), array_agg(distinct n.case_id) filter (where n.case_id is not null)
      into shop_ids, case_ids from new_rows n;
      perform from shops s where s.id = any(shop_ids) for key share of s;
      select u into missing from unnest(shop_ids) u where not exists (select from shops s where s.id = u) limit 1;
      if found then
        raise foreign_key_violation using
          message = 'insert or update on table "notifications" violates foreign key constraint "notifications_shop_id_fkey"',
          detail = format('Key (shop_id)=(%s) is not present in table "shops".', missing),
          table = 'notifications', constraint = 'notifications_shop_id_fkey';
      end if;
      if case_ids is not null then
        perform from cases c where c.id = any(case_ids) for key share of c;
        select u into missing from unnest(case_ids) u where not exists (select from cases c where c.id = u) limit 1;
        if found then
          raise foreign_key_violation using
            message = 'insert or update on table "notifications" violates foreign key constraint "notifications_case_id_fkey"',
            detail = format('Key (case_id)=(%s) is not present in table "cases".', missing),
            table = 'notifications', constraint = 'notifications_case_id_fkey';
        end if;
      end if;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger notifications_check_references after insert on notifications
    referencing new table as new_rows
    for each statement execute function notifications_check_references()`.execute(db)

  // Nothing updates these columns today; if something does, one row at a time is fine.
  await sql`
    create function notifications_check_reference_update() returns trigger language plpgsql as $$
    begin
      perform from shops s where s.id = new.shop_id for key share of s;
      if not found then
        raise foreign_key_violation using
          message = 'insert or update on table "notifications" violates foreign key constraint "notifications_shop_id_fkey"',
          detail = format('Key (shop_id)=(%s) is not present in table "shops".', new.shop_id),
          table = 'notifications', constraint = 'notifications_shop_id_fkey';
      end if;
      if new.case_id is not null then
        perform from cases c where c.id = new.case_id for key share of c;
        if not found then
          raise foreign_key_violation using
            message = 'insert or update on table "notifications" violates foreign key constraint "notifications_case_id_fkey"',
            detail = format('Key (case_id)=(%s) is not present in table "cases".', new.case_id),
            table = 'notifications', constraint = 'notifications_case_id_fkey';
        end if;
      end if;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger notifications_check_reference_update after update of shop_id, case_id on notifications
    for each row
    when (old.shop_id is distinct from new.shop_id or old.case_id is distinct from new.case_id)
    execute function notifications_check_reference_update()`.execute(db)

  // The old ON DELETE actions, once per statement.
  await sql`
    create function shops_delete_notifications() returns trigger language plpgsql as $$
    begin
      delete from notifications n using old_rows o where n.shop_id = o.id;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger shops_delete_notifications after delete on shops
    referencing old table as old_rows
    for each statement execute function shops_delete_notifications()`.execute(db)
  await sql`
    create function cases_unlink_notifications() returns trigger language plpgsql as $$
    begin
      update notifications n set case_id = null
      from old_rows o where n.shop_id = o.shop_id and n.case_id = o.id;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger cases_unlink_notifications after delete on cases
    referencing old table as old_rows
    for each statement execute function cases_unlink_notifications()`.execute(db)
}

export async function down(db: Kysely<any>) {
  await sql`drop trigger cases_unlink_notifications on cases`.execute(db)
  await sql`drop function cases_unlink_notifications()`.execute(db)
  await sql`drop trigger shops_delete_notifications on shops`.execute(db)
  await sql`drop function shops_delete_notifications()`.execute(db)
  await sql`drop trigger notifications_check_reference_update on notifications`.execute(db)
  await sql`drop function notifications_check_reference_update()`.execute(db)
  await sql`drop trigger notifications_check_references on notifications`.execute(db)
  await sql`drop function notifications_check_references()`.execute(db)
  await sql`
    alter table notifications add constraint notifications_shop_id_fkey
    foreign key (shop_id) references shops (id) on delete cascade`.execute(db)
  await sql`
    alter table notifications add constraint notifications_case_id_fkey
    foreign key (case_id) references cases (id) on delete set null`.execute(db)
  await sql`
    create or replace function uuid_v7() returns uuid language sql volatile parallel safe as $$
      select encode(
        set_bit(set_bit(
          overlay(uuid_send(gen_random_uuid())
            placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3)
            from 1 for 6),
          52, 1), 53, 1),
        'hex')::uuid
    $$`.execute(db)
}
