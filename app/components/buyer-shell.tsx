import type { CSSProperties, ReactNode } from 'react'
import { LOCALE_NAMES, LOCALES, type Locale } from '#app/i18n/locales'
import type { TFunction } from '#app/i18n/t'

/** Header (shop name, language switch), main landmark and footer shared by every buyer page. */
export function BuyerShell(props: {
  t: TFunction
  locale: Locale
  shopName: string
  brandColor: string
  /** Path of this page, used for the language links. */
  path: string
  narrow?: boolean
  children: ReactNode
}) {
  const { t, locale } = props
  return (
    <div style={{ '--brand': props.brandColor } as CSSProperties}>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <a className="shop-name" href="/track">
            {props.shopName}
          </a>
          <nav aria-label={t('nav.language')}>
            <ul className="lang-switch">
              {LOCALES.map((l) => (
                <li key={l}>
                  <a
                    href={`${props.path}?lang=${l}`}
                    lang={l}
                    hrefLang={l}
                    aria-current={l === locale ? 'true' : undefined}
                  >
                    {LOCALE_NAMES[l]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className={props.narrow ? 'page narrow' : 'page'}>
        {props.children}
      </main>
      <footer className="footer">
        <span>{t('footer.poweredBy')}</span>
        <a href="/track/help">{t('footer.help')}</a>
      </footer>
    </div>
  )
}
