// `npm run db:seed`: seeds the demo shop into DATABASE_URL when it has no shop yet.
import { closeDb, getDb } from '#db/client'
import { migrateToLatest } from '#db/migrate'
import { DEMO_ORDERS, seedDemoIfEmpty } from './demo'

try {
  await migrateToLatest(getDb())
  const result = await seedDemoIfEmpty({ now: new Date() })
  console.log(
    result
      ? `Seeded the demo shop with ${DEMO_ORDERS.length} orders.`
      : 'A shop exists already; nothing seeded.',
  )
} finally {
  await closeDb()
}
