// app/patches/@remix-run+router+1.23.3.patch keeps the ranked route branches per tree shape and the
// compiled path patterns, because a server render used to flatten the whole tree three times. These
// tests hold the patched matcher to the router's own rules: same winners, the caller's route objects,
// and a changed tree is never answered from an old one.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { AgnosticRouteObject } from '@remix-run/router'
import { describe, expect, it } from 'vitest'

// The server loads the router's CommonJS build (package "main"), the file the patch changes; an ESM
// import here could resolve to the untouched "module" build instead.
const require = createRequire(import.meta.url)
const routerFile = require.resolve('@remix-run/router')
const { matchPath, matchRoutes } = require(routerFile) as typeof import('@remix-run/router')

type Route = AgnosticRouteObject & { id: string; children?: Route[] }

function tree(tag: string): Route[] {
  return [
    {
      id: 'root',
      path: '',
      tag,
      children: [
        { id: 'index', index: true, tag },
        { id: 'track-help', path: 'track/help', tag },
        { id: 'track-index', path: 'track', index: true, tag },
        { id: 'track-order', path: 'track/:orderToken', tag },
        { id: 'track-case', path: 'track/:orderToken/case/:caseNumber', tag },
        { id: 'track-step', path: 'track/:orderToken/return/:step?', tag },
        { id: 'splat', path: '*', tag },
      ],
    } as Route,
  ]
}

const ids = (m: ReturnType<typeof matchRoutes>) => m?.map((x) => x.route.id)

describe('route matching (patched @remix-run/router)', () => {
  it('runs the patched build (npm install applies app/patches)', () => {
    expect(readFileSync(routerFile, 'utf8')).toContain('rankedBranchesByShape')
  })

  it('picks the same winners as the router ranks them: static before dynamic, splat last', () => {
    const routes = tree('a')
    expect(ids(matchRoutes(routes, '/track/help'))).toEqual(['root', 'track-help'])
    expect(ids(matchRoutes(routes, '/track/abc'))).toEqual(['root', 'track-order'])
    expect(matchRoutes(routes, '/track/abc')?.[1]?.params).toEqual({ orderToken: 'abc' })
    expect(ids(matchRoutes(routes, '/track/abc/case/R-7'))).toEqual(['root', 'track-case'])
    expect(ids(matchRoutes(routes, '/track/abc/return'))).toEqual(['root', 'track-step'])
    expect(matchRoutes(routes, '/track/abc/return/items')?.[1]?.params).toEqual({
      orderToken: 'abc',
      step: 'items',
    })
    expect(ids(matchRoutes(routes, '/nowhere/at/all'))).toEqual(['root', 'splat'])
    expect(ids(matchRoutes(routes, '/'))).toEqual(['root', 'index'])
  })

  it("answers with the caller's own route objects when another tree of the same shape was seen first", () => {
    const first = tree('first')
    const second = tree('second')
    matchRoutes(first, '/track/abc')
    const matches = matchRoutes(second, '/track/abc')!
    expect(matches.map((m) => (m.route as Route & { tag: string }).tag)).toEqual(['second', 'second'])
    expect(matches[1]!.route).toBe(second[0]!.children![3])
  })

  it('sees a changed tree: a new route, a new path, a new order', () => {
    const routes = tree('a')
    expect(ids(matchRoutes(routes, '/track/faq'))).toEqual(['root', 'track-order'])
    routes[0]!.children!.push({ id: 'track-faq', path: 'track/faq' } as Route)
    expect(ids(matchRoutes(routes, '/track/faq'))).toEqual(['root', 'track-faq'])
    routes[0]!.children![1]!.path = 'track/questions'
    expect(ids(matchRoutes(routes, '/track/help'))).toEqual(['root', 'track-order'])
    expect(ids(matchRoutes(routes, '/track/questions'))).toEqual(['root', 'track-help'])
  })

  it('still matches trees without ids, and repeated ids, the unpatched way', () => {
    const anonymous = [{ path: 'a/:x' }, { path: 'a/b' }] as AgnosticRouteObject[]
    expect(matchRoutes(anonymous, '/a/b')?.[0]?.route).toBe(anonymous[1])
    const twins = [
      { id: 'same', path: 'x' },
      { id: 'same', path: 'y' },
    ] as AgnosticRouteObject[]
    expect(matchRoutes(twins, '/y')?.[0]?.route).toBe(twins[1])
  })

  it('compiles a pattern once and gives the same answers for every case and end flag', () => {
    expect(matchPath({ path: '/Track/:id', caseSensitive: true, end: true }, '/track/1')).toBeNull()
    expect(matchPath({ path: '/Track/:id', caseSensitive: false, end: true }, '/track/1')?.params).toEqual({
      id: '1',
    })
    expect(matchPath({ path: '/track', end: false }, '/track/1')?.pathname).toBe('/track')
    expect(matchPath({ path: '/track', end: true }, '/track/1')).toBeNull()
    expect(matchPath('/files/*', '/files/a/b')?.params).toEqual({ '*': 'a/b' })
  })
})
