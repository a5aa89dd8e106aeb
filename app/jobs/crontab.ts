// The schedule. `jobKey` makes a slow run and the next tick share one queued job instead of piling up.
export function buildCrontab(options: { carrierPollCron: string }): string {
  return [`${options.carrierPollCron} poll-carriers ?max=1&jobKey=poll-carriers&jobKeyMode=replace`].join(
    '\n',
  )
}
