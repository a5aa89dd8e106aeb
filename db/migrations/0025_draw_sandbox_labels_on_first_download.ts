import { type Kysely, sql } from 'kysely'

// A sandbox label is no longer drawn by the job that buys it: the job stores what the label says (the
// carrier's JSON spec: tracking number, service, addresses, items, weight, date, QR payload), and the
// first download draws the PDF and QR code from it and stores them in the same row. Drawing was ~2 ms of
// CPU per label in the issuing job, most of the resolution-jobs bench's time. So `label_pdf` may be null
// until then (never for EasyPost, whose labels come drawn), `label_spec` keeps the frozen facts, and
// `has_qr` says whether the label has a drop-off QR code before its PNG exists. Existing rows have their
// bytes; their `has_qr` is whether they have a PNG. A row always has either bytes or a spec to draw.
// Frozen: Kysely<any>, no app imports.
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('return_labels')
    .addColumn('label_spec', 'jsonb')
    .addColumn('has_qr', 'boolean', (c) => c.notNull().defaultTo(false))
    .alterColumn('label_pdf', (c) => c.dropNotNull())
    .execute()
  await sql`update return_labels set has_qr = true where qr_png is not null`.execute(db)
  await sql`alter table return_labels add constraint return_labels_pdf_or_spec_check
    check (label_pdf is not null or label_spec is not null)`.execute(db)
}

export async function down(db: Kysely<any>) {
  // Labels never downloaded have no PDF to keep: they go with their spec (their case shows no label).
  await sql`delete from return_labels where label_pdf is null`.execute(db)
  await sql`alter table return_labels drop constraint return_labels_pdf_or_spec_check`.execute(db)
  await db.schema
    .alterTable('return_labels')
    .dropColumn('label_spec')
    .dropColumn('has_qr')
    .alterColumn('label_pdf', (c) => c.setNotNull())
    .execute()
}
