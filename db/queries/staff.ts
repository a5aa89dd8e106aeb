import type { Kysely } from 'kysely'
import type { Database } from '#db/client'

export function findStaffByEmail(db: Kysely<Database>, shopId: string, email: string) {
  return db
    .selectFrom('staff_users')
    .select(['id', 'shop_id', 'email', 'name', 'role', 'password_hash'])
    .where('shop_id', '=', shopId)
    .where('email', '=', email)
    .executeTakeFirst()
}

export function findStaffById(db: Kysely<Database>, shopId: string, staffId: string) {
  return db
    .selectFrom('staff_users')
    .innerJoin('shops', 'shops.id', 'staff_users.shop_id')
    .select([
      'staff_users.id',
      'staff_users.email',
      'staff_users.name',
      'staff_users.role',
      'shops.name as shop_name',
    ])
    .where('staff_users.shop_id', '=', shopId)
    .where('staff_users.id', '=', staffId)
    .executeTakeFirst()
}

export async function insertStaff(
  db: Kysely<Database>,
  s: { shopId: string; email: string; name: string; role: 'admin' | 'agent'; passwordHash: string },
) {
  return db
    .insertInto('staff_users')
    .values({ shop_id: s.shopId, email: s.email, name: s.name, role: s.role, password_hash: s.passwordHash })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function updateStaffLastLogin(db: Kysely<Database>, shopId: string, staffId: string, at: Date) {
  await db
    .updateTable('staff_users')
    .set({ last_login_at: at })
    .where('shop_id', '=', shopId)
    .where('id', '=', staffId)
    .execute()
}
