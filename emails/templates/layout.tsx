// The frame every email shares: the shop's logo (or its name) on a bar in its brand colour, the message,
// and a footer saying why the buyer got it. Nothing is loaded from the web: the one image, the logo, is
// part of the message itself (an inline CID attachment) with the shop's name as its text, so the email
// reads the same with images blocked and nothing tells anyone when it was opened.
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Img,
  Link,
  Preview,
  Section,
  Text,
} from '@react-email/components'
import type { ReactNode } from 'react'
import type { EmailLocale } from '../i18n'
import type { Brand, ItemLine } from '../types'

export const DEFAULT_BRAND_COLOR = '#1f6f5c'

/** The brand colour if it is a plain hex colour (it is written into style attributes), else the default. */
export function safeColor(color: string): string {
  return /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(color) ? color : DEFAULT_BRAND_COLOR
}

const text = { fontSize: '15px', lineHeight: '22px', color: '#1f2328', margin: '0 0 14px' }
const muted = { ...text, fontSize: '13px', lineHeight: '19px', color: '#59636e' }

export function Layout(props: {
  l: EmailLocale
  brand: Brand
  preview: string
  heading: string
  /** Delivery updates link to the preferences page; case and money emails do not (they always go). */
  preferencesUrl?: string
  children: ReactNode
}) {
  const { t } = props.l
  const color = safeColor(props.brand.brandColor)
  return (
    <Html lang={props.l.locale}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: '#f4f5f7', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0 }}>
        <Container style={{ maxWidth: '560px', margin: '0 auto', padding: '24px 12px' }}>
          <Section style={{ backgroundColor: color, borderRadius: '8px 8px 0 0', padding: '16px 24px' }}>
            {props.brand.logo ? (
              <Img
                src={`cid:${props.brand.logo.cid}`}
                width={props.brand.logo.width}
                height={props.brand.logo.height}
                alt={props.brand.shopName}
                style={{ display: 'block', border: 0, color: '#ffffff', fontSize: '18px', fontWeight: 700 }}
              />
            ) : (
              <Text style={{ ...text, color: '#ffffff', fontSize: '18px', fontWeight: 700, margin: 0 }}>
                {props.brand.shopName}
              </Text>
            )}
          </Section>
          <Section style={{ backgroundColor: '#ffffff', borderRadius: '0 0 8px 8px', padding: '24px' }}>
            <Heading
              as="h1"
              style={{ fontSize: '22px', lineHeight: '28px', color: '#1f2328', margin: '0 0 16px' }}
            >
              {props.heading}
            </Heading>
            {props.children}
            <Hr style={{ borderColor: '#d8dee4', margin: '24px 0 16px' }} />
            <Text style={muted}>
              {props.brand.supportEmail
                ? t('common.help', { email: props.brand.supportEmail })
                : t('common.helpReply')}
            </Text>
            <Text style={muted}>{t('common.why', { shop: props.brand.shopName })}</Text>
            {props.preferencesUrl ? (
              <Text style={muted}>
                <Link href={props.preferencesUrl} style={{ color: '#59636e', textDecoration: 'underline' }}>
                  {t('common.preferences')}
                </Link>
              </Text>
            ) : null}
          </Section>
        </Container>
      </Body>
    </Html>
  )
}

export function P(props: { children: ReactNode; strong?: boolean }) {
  return <Text style={props.strong ? { ...text, fontWeight: 700 } : text}>{props.children}</Text>
}

export function Label(props: { children: ReactNode }) {
  return <Text style={{ ...muted, margin: '16px 0 4px', fontWeight: 700 }}>{props.children}</Text>
}

/** A quoted block for words staff wrote (a rejection reason, a question). */
export function Quote(props: { children: ReactNode }) {
  return (
    <Text
      style={{
        ...text,
        borderLeft: '3px solid #d8dee4',
        padding: '4px 0 4px 12px',
        whiteSpace: 'pre-line',
      }}
    >
      {props.children}
    </Text>
  )
}

export function Action(props: { href: string; brand: Brand; children: ReactNode }) {
  return (
    <Section style={{ margin: '20px 0' }}>
      <Button
        href={props.href}
        style={{
          backgroundColor: safeColor(props.brand.brandColor),
          color: '#ffffff',
          borderRadius: '6px',
          padding: '12px 20px',
          fontSize: '15px',
          fontWeight: 700,
          textDecoration: 'none',
        }}
      >
        {props.children}
      </Button>
    </Section>
  )
}

export function Items(props: { l: EmailLocale; items: ItemLine[] }) {
  if (props.items.length === 0) return null
  return (
    <>
      <Label>{props.l.t('common.items')}</Label>
      {props.items.map((item, i) => (
        <Text key={i} style={{ ...text, margin: '0 0 4px' }}>
          {props.l.t('common.item', { title: item.title, quantity: item.quantity })}
        </Text>
      ))}
    </>
  )
}

/**
 * A code the buyer types at checkout, set apart in large monospace so it is found at a glance and copied
 * whole (a double click selects it: no spaces, no hyphen breaks). In the text part it is its own line.
 */
export function CodeBox(props: { label: string; code: string }) {
  return (
    <Section
      style={{
        margin: '12px 0 16px',
        padding: '12px 16px',
        border: '2px dashed #8c959f',
        borderRadius: '6px',
        backgroundColor: '#f6f8fa',
      }}
    >
      <Text style={{ ...muted, margin: '0 0 4px', fontWeight: 700 }}>{props.label}</Text>
      <Text style={{ ...text, margin: 0 }}>
        <code
          style={{
            fontFamily: "'SFMono-Regular', Consolas, 'Liberation Mono', Menlo, monospace",
            fontSize: '24px',
            lineHeight: '32px',
            fontWeight: 700,
            letterSpacing: '2px',
            whiteSpace: 'nowrap',
            color: '#1f2328',
          }}
        >
          {props.code}
        </code>
      </Text>
    </Section>
  )
}

/** Label and value lines ("Carrier: UPS"). */
export function Facts(props: { rows: [string, ReactNode][] }) {
  return (
    <Section style={{ margin: '8px 0 8px' }}>
      {props.rows.map(([label, value]) => (
        <Text key={label} style={{ ...text, margin: '0 0 4px' }}>
          <span style={{ color: '#59636e' }}>{label}: </span>
          {value}
        </Text>
      ))}
    </Section>
  )
}

export { Link }
