// The shop and language for a buyer request, resolved the same way on every buyer page.
import { isLocale, resolveLocale, type Locale } from '#app/i18n/locales'
import { resolveShop, type ShopContext } from '#app/services/shops/resolve-shop.server'

export const LANG_COOKIE = 'hb_lang'
export const TZ_COOKIE = 'hb_tz'

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('Cookie')
  if (!header) return null
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) {
      try {
        return decodeURIComponent(v.join('='))
      } catch {
        return null
      }
    }
  }
  return null
}

export interface BuyerContext {
  shop: ShopContext
  locale: Locale
  /** Set-Cookie value when the buyer just chose a language with ?lang=. */
  setLangCookie: string | null
}

export async function getBuyerContext(request: Request): Promise<BuyerContext> {
  const shop = await resolveShop(request)
  const queryLang = new URL(request.url).searchParams.get('lang')
  const locale = resolveLocale({
    queryLang,
    cookieLang: readCookie(request, LANG_COOKIE),
    acceptLanguage: request.headers.get('Accept-Language'),
    shopDefault: shop.defaultLocale,
  })
  const setLangCookie =
    isLocale(queryLang) && readCookie(request, LANG_COOKIE) !== queryLang
      ? `${LANG_COOKIE}=${queryLang}; Path=/; Max-Age=31536000; SameSite=Lax`
      : null
  return { shop, locale, setLangCookie }
}
