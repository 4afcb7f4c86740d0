/** The reaction-rollup every comment carries; the fake has no reactions, so every count is 0. */
export function reactionRollup(commentUrl: string) {
  return {
    url: `${commentUrl}/reactions`,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}
