// Pieces shared by the buyer's return and problem wizards and the case page: the step list, the error
// summary that names what to fix, one item row, and photo tiles. Plain server-rendered markup.
import type { ReactNode } from 'react'
import type { MessageKey, TFunction } from '#app/i18n/t'

export function StepNav(props: {
  t: TFunction
  steps: readonly { id: string; label: MessageKey; href: string | null }[]
  current: string
}) {
  const { t, steps, current } = props
  const at = steps.findIndex((s) => s.id === current)
  return (
    <nav aria-label={t('wizard.progress')} className="wizard-steps-nav">
      <ol className="wizard-steps">
        {steps.map((s, i) => {
          const state = i < at ? 'done' : i === at ? 'current' : 'todo'
          const label = (
            <>
              <span className="n" aria-hidden="true">
                {i + 1}
              </span>
              <span className="l">{t(s.label)}</span>
              <span className="visually-hidden"> ({t(`steps.${state === 'todo' ? 'todo' : state}`)})</span>
            </>
          )
          return (
            <li key={s.id} className={state} aria-current={state === 'current' ? 'step' : undefined}>
              {state === 'done' && s.href ? <a href={s.href}>{label}</a> : label}
            </li>
          )
        })}
      </ol>
    </nav>
  )
}

/** The form's problems at the top, each linking to its field, so a screen reader hears them first. */
export function ErrorSummary(props: {
  t: TFunction
  formError?: string
  fieldErrors?: Record<string, string>
  labels?: Record<string, string>
}) {
  const { t, formError, fieldErrors } = props
  const entries = Object.entries(fieldErrors ?? {})
  if (!formError && entries.length === 0) return null
  return (
    <div className="alert error" role="alert" data-testid="form-error" tabIndex={-1}>
      <p>
        <strong>{t((formError ?? 'wizard.error.fix') as MessageKey)}</strong>
      </p>
      {entries.length ? (
        <ul>
          {entries.map(([field, key]) => (
            <li key={field}>
              <a href={`#${fieldId(field)}`}>
                {props.labels?.[field] ? `${props.labels[field]}: ` : ''}
                {t(key as MessageKey)}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** DOM id of a form field name ('qty:<uuid>' → 'f-qty-<uuid>'). */
export function fieldId(name: string) {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

export function FieldError(props: { t: TFunction; name: string; errors?: Record<string, string> }) {
  const key = props.errors?.[props.name]
  if (!key) return null
  return (
    <p className="error" id={`${fieldId(props.name)}-error`}>
      {props.t(key as MessageKey)}
    </p>
  )
}

/** aria props for a field that may have an error. */
export function invalidProps(name: string, errors?: Record<string, string>, hint?: string) {
  const bad = Boolean(errors?.[name])
  const describedBy = [hint, bad ? `${fieldId(name)}-error` : ''].filter(Boolean).join(' ')
  return {
    id: fieldId(name),
    'aria-invalid': bad ? ('true' as const) : undefined,
    'aria-describedby': describedBy || undefined,
  }
}

export function ItemLine(props: {
  title: string
  variantTitle: string | null
  imageUrl: string | null
  children?: ReactNode
  muted?: boolean
}) {
  return (
    <div className={props.muted ? 'item-line muted-item' : 'item-line'}>
      {props.imageUrl ? (
        <img className="thumb" src={props.imageUrl} alt="" width={48} height={48} />
      ) : (
        <span className="thumb" aria-hidden="true" />
      )}
      <div className="item-body">
        <div className="item-title">{props.title}</div>
        {props.variantTitle ? <div className="muted small">{props.variantTitle}</div> : null}
        {props.children}
      </div>
    </div>
  )
}

export function PhotoTiles(props: {
  t: TFunction
  photos: readonly { id: string; hasThumb: boolean }[]
  /** URL of a photo; `thumb` asks for the small version. */
  src: (id: string, thumb: boolean) => string
  /** Name/value of a submit button that removes the photo, when removing is allowed. */
  removeButton?: (id: string) => { name: string; value: string }
}) {
  const { t, photos } = props
  if (photos.length === 0) return null
  return (
    <ul className="photo-tiles" aria-label={t('photo.uploaded')}>
      {photos.map((p, i) => (
        <li key={p.id}>
          <a href={props.src(p.id, false)} target="_blank" rel="noreferrer">
            {p.hasThumb ? (
              <img src={props.src(p.id, true)} alt={t('photo.alt', { n: i + 1 })} width={96} height={96} />
            ) : (
              <span className="photo-file">{t('photo.alt', { n: i + 1 })}</span>
            )}
          </a>
          {props.removeButton ? (
            <button
              type="submit"
              className="link-button small"
              formNoValidate
              {...props.removeButton(p.id)}
              aria-label={t('photo.removeLabel', { n: i + 1 })}
            >
              {t('photo.remove')}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

/** A photo upload field: label, the accepted types and limits, the input and its error. */
export function PhotoInput(props: {
  t: TFunction
  name: string
  required: boolean
  errors?: Record<string, string>
  children?: ReactNode
}) {
  const { t, name, errors } = props
  const hint = `${fieldId(name)}-hint`
  return (
    <div className="field">
      <label htmlFor={fieldId(name)}>
        {t(props.required ? 'return.reasons.photosRequired' : 'return.reasons.photos')}
      </label>
      <span className="hint" id={hint}>
        {t('photo.hint')}
      </span>
      <input
        type="file"
        name={name}
        multiple
        accept="image/jpeg,image/png,image/webp,image/heic,.heic"
        {...invalidProps(name, errors, hint)}
      />
      <FieldError t={t} name={name} errors={errors} />
      {props.children}
    </div>
  )
}
