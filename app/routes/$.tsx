// Any address no other route answers: a 404 in the visitor's language. As a matched route (rather than
// Remix's built-in "no match") the root loader runs, so the error page knows the language.
export const handle = { hydrate: false }

export function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}
