// The schedule. `jobKey` makes a slow run and the next tick share one queued job instead of piling up.
// deliver-outbox runs every minute as a safety net: retries after backoff, rows whose lease ran out, and
// mail queued before the worker's schema existed. scan-delays runs every minute: with nothing new it is
// one index probe per shop. reconcile-resolutions runs hourly (at :17, away from the top of the hour):
// it compares issued money with the payment provider and re-queues jobs lost with a dead worker.
export function buildCrontab(options: { carrierPollCron: string }): string {
  return [
    `${options.carrierPollCron} poll-carriers ?max=1&jobKey=poll-carriers&jobKeyMode=replace`,
    '* * * * * deliver-outbox ?max=1&jobKey=deliver-outbox&jobKeyMode=preserve_run_at',
    '* * * * * scan-delays ?max=1&jobKey=scan-delays&jobKeyMode=replace',
    '17 * * * * reconcile-resolutions ?max=1&jobKey=reconcile-resolutions&jobKeyMode=replace',
  ].join('\n')
}
