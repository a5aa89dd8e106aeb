import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CaseTimeline, caseHeadline } from '#app/components/case-parts'
import { RESOLUTION_INTENTS, ResolutionsPanel } from '#app/components/resolutions-panel'
import { ReturnLabelPanel } from '#app/components/return-label-panel'
import { StaffShell } from '#app/components/staff-shell'
import { ItemLine, PhotoTiles } from '#app/components/wizard'
import { CASE_COMMANDS, type CaseCommand } from '#app/domain/cases/case-state'
import { createFormatter } from '#app/i18n/format'
import { createT, type MessageKey } from '#app/i18n/t'
import { requireStaff } from '#app/services/auth/staff-auth.server'
import { actOnCaseAsStaff } from '#app/services/cases/case-actions.server'
import { getStaffCase, parseCaseNumber } from '#app/services/cases/case-view.server'
import { reconcileCase } from '#app/services/resolutions/reconcile.server'
import { getResolutionsPanel } from '#app/services/resolutions/resolutions-view.server'
import { retryResolution } from '#app/services/resolutions/retry-resolution.server'
import {
  getCaseReturnLabel,
  simulateReturnParcelScan,
} from '#app/services/resolutions/return-label-view.server'
import { runReceivingStep } from '#app/services/cases/receiving.server'
import { ReceivingStepSchema, isReceivingIntent } from '#app/services/cases/receiving.schema'
import { ItemSteps, ReceiveAll, ReleasePanel, showsReceiving } from '#app/components/receiving-parts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.view.number} · Cases · Homebound` : 'Case · Homebound' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, 'agent')
  const caseNumber = parseCaseNumber(params.caseNumber)
  if (caseNumber === null) throw new Response('Case not found', { status: 404 })
  const view = await getStaffCase({ shopId: staff.shopId, caseNumber, now: new Date() })
  if (!view) throw new Response('Case not found', { status: 404 })
  const [resolutions, returnLabel] = await Promise.all([
    getResolutionsPanel({ shopId: staff.shopId, caseNumber }),
    getCaseReturnLabel({ shopId: staff.shopId, caseId: view.id, forStaff: true }),
  ])
  return json(
    { staff, view, resolutions, returnLabel },
    { headers: { 'Cache-Control': 'private, no-store' } },
  )
}

const ActionSchema = z.object({
  command: z.enum(CASE_COMMANDS, { errorMap: () => ({ message: 'Choose an action.' }) }),
  message: z.string().max(2000, 'Keep the message under 2000 characters.').optional(),
})

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, 'agent')
  const caseNumber = parseCaseNumber(params.caseNumber)
  if (caseNumber === null) throw new Response('Case not found', { status: 404 })
  const form = Object.fromEntries(await request.formData())
  if ((RESOLUTION_INTENTS as readonly unknown[]).includes(form.intent)) {
    return resolutionsAction({ staff, caseNumber, form })
  }
  if (form.intent === 'sandbox-scan') {
    const r = await simulateReturnParcelScan({ shopId: staff.shopId, caseNumber, now: new Date() })
    const status = r.ok ? 200 : r.code === 'not_found' ? 404 : 409
    return json({ labelNotice: { ok: r.ok, message: r.message } }, { status })
  }
  // Receiving steps (per item, release now, decline) have their own intents; see receiving.schema.ts.
  if (isReceivingIntent(form.intent)) {
    const step = ReceivingStepSchema.safeParse(form)
    if (!step.success) {
      return json({ formError: step.error.issues[0]?.message ?? 'Invalid step.' }, { status: 400 })
    }
    const r = await runReceivingStep({
      shopId: staff.shopId,
      staffId: staff.staffId,
      caseNumber,
      step: step.data,
      now: new Date(),
    })
    if (!r.ok) {
      const status = r.code === 'not_found' ? 404 : r.code === 'refused' ? 409 : 422
      return json({ formError: r.message }, { status })
    }
    return redirect(`/support/cases/R-${caseNumber}`)
  }
  const parsed = ActionSchema.safeParse(form)
  if (!parsed.success) {
    return json({ formError: parsed.error.issues[0]?.message ?? 'Invalid action.' }, { status: 400 })
  }
  const result = await actOnCaseAsStaff({
    shopId: staff.shopId,
    staffId: staff.staffId,
    caseNumber,
    command: parsed.data.command,
    message: parsed.data.message,
    now: new Date(),
  })
  if (!result.ok) {
    const status = result.code === 'not_found' ? 404 : result.code === 'invalid_transition' ? 409 : 422
    return json({ formError: result.message }, { status })
  }
  return redirect(`/support/cases/R-${caseNumber}`)
}

// --- Resolutions panel: "Try again" on a failed resolution, "Check with provider" for the case ---
const ResolutionIntentSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('retry-resolution'),
    resolutionId: z.string().uuid('Choose a resolution to try again.'),
  }),
  z.object({ intent: z.literal('check-resolutions') }),
])

async function resolutionsAction(input: {
  staff: { shopId: string; staffId: string }
  caseNumber: number
  form: Record<string, FormDataEntryValue>
}) {
  const parsed = ResolutionIntentSchema.safeParse(input.form)
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Invalid action.'
    return json({ resolutionsNotice: { ok: false, message } }, { status: 400 })
  }
  const now = new Date()
  const result =
    parsed.data.intent === 'retry-resolution'
      ? await retryResolution({
          shopId: input.staff.shopId,
          staffId: input.staff.staffId,
          caseNumber: input.caseNumber,
          resolutionId: parsed.data.resolutionId,
          now,
        })
      : await reconcileCase({ shopId: input.staff.shopId, caseNumber: input.caseNumber, now })
  const status = result.ok ? 200 : result.code === 'not_found' ? 404 : 409
  return json({ resolutionsNotice: { ok: result.ok, message: result.message } }, { status })
}

const LABEL: Partial<Record<CaseCommand, string>> = {
  approve: 'Approve',
  reject: 'Reject…',
  request_info: 'Ask the buyer…',
  issue_label: 'Mark label issued',
  scan_return: 'Mark on its way back',
  receive: 'Mark received',
  resolve: 'Resolve',
  close: 'Close',
  cancel: 'Cancel case',
  reopen: 'Reopen',
}
const NEEDS_TEXT: CaseCommand[] = ['reject', 'request_info']

export default function StaffCaseRoute() {
  const { staff, view, resolutions, returnLabel } = useLoaderData<typeof loader>()
  const actionData = useActionData<{
    formError?: string
    resolutionsNotice?: { ok: boolean; message: string }
    labelNotice?: { ok: boolean; message: string }
  }>()
  const t = createT('en')
  const f = createFormatter('en', 'UTC')
  const quick = view.staffCommands.filter((c) => !NEEDS_TEXT.includes(c))
  const worded = view.staffCommands.filter((c) => NEEDS_TEXT.includes(c))
  const photoSrc = (id: string, thumb: boolean) => `/support/photos/${id}${thumb ? '?thumb=1' : ''}`
  return (
    <StaffShell shopName={staff.shopName} staffName={staff.name} role={staff.role}>
      <p className="small">
        <a href="/support/cases">← All cases</a>
      </p>
      <div className="order-head">
        <h1>
          {view.number} ·{' '}
          {view.kind === 'return' ? 'Return' : t(`problem.kind.${view.complaintKind}` as MessageKey)}
        </h1>
        <span className={`pill state-${view.state}`} data-testid="staff-case-state">
          {t(`caseState.${view.state}` as MessageKey)}
        </span>
      </div>
      <p className="muted">
        Order <a href={view.buyerView}>{view.orderNumber}</a> · {view.buyerEmail} · opened{' '}
        {f.dateTime(view.createdAt)} UTC{view.autoApproved ? ' · approved automatically' : ''}
      </p>
      <p>{caseHeadline(t, f, view)}</p>
      {actionData?.formError ? (
        <div className="alert error" role="alert" data-testid="form-error">
          {actionData.formError}
        </div>
      ) : null}
      {view.staffCommands.length ? (
        <section className="card" aria-labelledby="actions-h">
          <h2 id="actions-h">Actions</h2>
          <div className="actions">
            {quick.map((c) => (
              <Form method="post" key={c}>
                <input type="hidden" name="command" value={c} />
                <button
                  className={c === 'approve' || c === 'resolve' ? 'button' : 'button secondary'}
                  type="submit"
                  data-testid={`cmd-${c}`}
                >
                  {LABEL[c] ?? c}
                </button>
              </Form>
            ))}
          </div>
          {worded.map((c) => (
            <details key={c} className="alt">
              <summary>{LABEL[c]}</summary>
              <Form method="post">
                <input type="hidden" name="command" value={c} />
                <div className="field">
                  <label htmlFor={`msg-${c}`}>
                    {c === 'reject' ? 'Reason (the buyer reads this)' : 'Question for the buyer'}
                  </label>
                  <textarea id={`msg-${c}`} name="message" rows={3} maxLength={2000} required />
                </div>
                <button className="button secondary" type="submit" data-testid={`cmd-${c}`}>
                  {c === 'reject' ? 'Reject the case' : 'Send the question'}
                </button>
              </Form>
            </details>
          ))}
        </section>
      ) : null}
      <ResolutionsPanel f={f} rows={resolutions} notice={actionData?.resolutionsNotice ?? null} />
      <ReleasePanel view={view} f={f} />
      {returnLabel ? (
        <ReturnLabelPanel
          t={t}
          f={f}
          caseNumber={view.number}
          view={returnLabel}
          filesBase={`/support/cases/${view.number}`}
          showQr
          staff={{ notice: actionData?.labelNotice ?? null }}
        />
      ) : null}
      <section className="card">
        <h2>Request</h2>
        <dl className="facts">
          {view.resolution ? (
            <>
              <dt>Solution</dt>
              <dd>
                {t(
                  (view.kind === 'complaint'
                    ? `remedy.${view.resolution}`
                    : `resolution.${view.resolution}`) as MessageKey,
                )}
                {view.exchangeFor ? ` · wants: ${view.exchangeFor}` : ''}
              </dd>
            </>
          ) : null}
          {view.resolution === 'exchange' ? (
            <>
              <dt>Price difference</dt>
              <dd data-testid="case-price-difference">
                {view.priceDifferenceMinor > 0
                  ? `buyer pays ${f.money(view.priceDifferenceMinor, view.currency)} (charged at approval)`
                  : view.priceDifferenceMinor < 0
                    ? `refunded to the buyer: ${f.money(-view.priceDifferenceMinor, view.currency)}`
                    : 'none'}
              </dd>
            </>
          ) : null}
          {view.replacement ? (
            <>
              <dt>Replacement parcel</dt>
              <dd data-testid="case-replacement">
                {view.replacement.carrier} {view.replacement.trackingNumber}
              </dd>
            </>
          ) : null}
          {view.returnMethod ? (
            <>
              <dt>Sending back</dt>
              <dd>{t(`method.${view.returnMethod}` as MessageKey)}</dd>
            </>
          ) : null}
          <dt>Paid for these items</dt>
          <dd>{f.money(view.paidTotalMinor, view.currency)}</dd>
          {view.feesTotalMinor ? (
            <>
              <dt>Fees</dt>
              <dd>{f.money(view.feesTotalMinor, view.currency)}</dd>
            </>
          ) : null}
          <dt>To issue</dt>
          <dd>
            {f.money(view.issuedMinor, view.currency)}
            {view.bonusMinor ? ` (incl. bonus ${f.money(view.bonusMinor, view.currency)})` : ''}
          </dd>
          {view.outcomeBy ? (
            <>
              <dt>Promised to the buyer by</dt>
              <dd>{f.date(view.outcomeBy)}</dd>
            </>
          ) : null}
        </dl>
        {view.buyerNote ? <p className="raw">“{view.buyerNote}”</p> : null}
        <div className="items-head">
          <h3>Items</h3>
          {showsReceiving(view) ? <ReceiveAll view={view} /> : null}
        </div>
        <ul className="items plain-list">
          {view.items.map((i) => (
            <li key={i.caseItemId}>
              <ItemLine title={i.title} variantTitle={i.variantTitle} imageUrl={i.imageUrl}>
                <p className="small">
                  × {i.quantity} ·{' '}
                  {view.kind === 'return' ? `${t(`reason.${i.reason}` as MessageKey)} · ` : ''}
                  {f.money(i.paidMinor, view.currency)}
                  {i.restockingFeeMinor
                    ? ` (restocking ${f.money(i.restockingFeeMinor, view.currency)})`
                    : ''}
                  {view.kind === 'return' && i.keepItem ? ' · buyer keeps it' : ''}
                  {i.exchangeVariantTitle ? ` · exchange for ${i.exchangeVariantTitle}` : ''}
                </p>
                {i.note ? <p className="small muted">“{i.note}”</p> : null}
                <ItemSteps view={view} item={i} f={f} />
              </ItemLine>
            </li>
          ))}
        </ul>
        {view.photos.length ? (
          <>
            <h3>Photos</h3>
            <PhotoTiles t={t} photos={view.photos} src={photoSrc} />
          </>
        ) : null}
      </section>
      <section className="card">
        <h2>History</h2>
        <CaseTimeline t={t} f={f} events={view.events} audience="staff" />
      </section>
    </StaffShell>
  )
}
