import { type Kysely, sql } from 'kysely'

// Case numbers (R-1001, R-1002, …) come from one PostgreSQL sequence per shop instead of a counter row.
// A counter row is locked by whoever takes a number until that transaction commits, so every new case of
// a shop waited for the previous one's commit; a sequence hands out the next value at once. A number
// taken by a transaction that then fails is skipped, never reused (every check runs before the case is
// written, so only an unexpected failure leaves a gap). Each shop's sequence is made with the shop and
// dropped with it; existing shops continue after their highest number. Frozen: Kysely<any>.
export async function up(db: Kysely<any>) {
  await sql`
    create function case_number_sequence(shop uuid) returns text language sql immutable as $$
      select 'case_numbers_' || replace(shop::text, '-', '')
    $$`.execute(db)
  await sql`
    create function shops_case_number_sequence() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        execute format('create sequence %I start 1001', case_number_sequence(new.id));
        return new;
      end if;
      execute format('drop sequence if exists %I', case_number_sequence(old.id));
      return old;
    end $$`.execute(db)
  await sql`
    create trigger shops_case_number_sequence after insert or delete on shops
    for each row execute function shops_case_number_sequence()`.execute(db)
  await sql`
    do $$
    declare s record;
    begin
      for s in select sh.id, coalesce(max(c.number), 1000) as last from shops sh
               left join cases c on c.shop_id = sh.id group by sh.id loop
        execute format('create sequence %I start %s', case_number_sequence(s.id), s.last + 1);
      end loop;
    end $$`.execute(db)
  await db.schema.dropTable('case_counters').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema
    .createTable('case_counters')
    .addColumn('shop_id', 'uuid', (c) => c.primaryKey().references('shops.id').onDelete('cascade'))
    .addColumn('last_number', 'integer', (c) => c.notNull())
    .execute()
  await sql`
    insert into case_counters (shop_id, last_number)
    select shop_id, max(number) from cases group by shop_id`.execute(db)
  await sql`
    do $$
    declare s record;
    begin
      for s in select id from shops loop
        execute format('drop sequence if exists %I', case_number_sequence(s.id));
      end loop;
    end $$`.execute(db)
  await sql`drop trigger shops_case_number_sequence on shops`.execute(db)
  await sql`drop function shops_case_number_sequence()`.execute(db)
  await sql`drop function case_number_sequence(uuid)`.execute(db)
}
