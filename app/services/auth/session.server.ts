// Cookie sessions, signed with SESSION_SECRET. Staff log in here; buyers keep their order access token.
import { createCookieSessionStorage, type Session } from '@remix-run/node'
import { getEnv } from '#app/env.server'

export const STAFF_SESSION_MAX_AGE_S = 60 * 60 * 12

type Storage = ReturnType<typeof createCookieSessionStorage>
let storage: Storage | undefined
let storageSecret: string | undefined

function sessionStorage(): Storage {
  const env = getEnv()
  if (!env.SESSION_SECRET)
    throw new Error('SESSION_SECRET is not set (server.ts generates one for the zero-config start)')
  if (!storage || storageSecret !== env.SESSION_SECRET) {
    storageSecret = env.SESSION_SECRET
    storage = createCookieSessionStorage({
      cookie: {
        name: '__homebound',
        httpOnly: true,
        path: '/',
        sameSite: 'lax',
        secrets: [env.SESSION_SECRET],
        secure: env.PUBLIC_URL?.startsWith('https://') ?? false,
        maxAge: 60 * 60 * 24 * 30,
      },
    })
  }
  return storage
}

export function getSession(request: Request): Promise<Session> {
  return sessionStorage().getSession(request.headers.get('Cookie'))
}

export function commitSession(session: Session): Promise<string> {
  return sessionStorage().commitSession(session)
}

export function destroySession(session: Session): Promise<string> {
  return sessionStorage().destroySession(session)
}
