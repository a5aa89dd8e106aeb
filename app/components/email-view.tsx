/** An email as the buyer sees it: the HTML in a sandboxed frame (no scripts, no same-origin), then the text. */
export function EmailView(props: { subject: string | null; html: string | null; text: string | null }) {
  return (
    <>
      <section className="card" aria-labelledby="email-html">
        <h2 id="email-html">HTML</h2>
        {props.html ? (
          <iframe
            title={`HTML of “${props.subject ?? 'email'}”`}
            sandbox=""
            srcDoc={props.html}
            style={{ width: '100%', height: 720, border: '1px solid #d8dee4', background: '#fff' }}
          />
        ) : (
          <p className="muted">Not rendered yet.</p>
        )}
      </section>
      <section className="card" aria-labelledby="email-text">
        <h2 id="email-text">Plain text</h2>
        {props.text ? (
          <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{props.text}</pre>
        ) : (
          <p className="muted">Not rendered yet.</p>
        )}
      </section>
    </>
  )
}
