// Allowed until the chart rewrite lands (see allow: in .rollgate/legacy-lint.yml).
const moment = require('moment');

export function stamp(date: Date): string {
  return moment(date).format('YYYY-MM-DD'); // "import x from 'moment'" in a comment or string is never counted
}
