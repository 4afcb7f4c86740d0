/** API urls point back at this server (so clients can follow them); web urls point at github.com. */

export const WEB = 'https://github.com';

export class Urls {
  constructor(readonly api: string) {}

  repo(fullName: string): string {
    return `${this.api}/repos/${fullName}`;
  }

  repoWeb(fullName: string): string {
    return `${WEB}/${fullName}`;
  }

  /** GitHub percent-encodes the brackets of "name[bot]" logins. */
  user(login: string): string {
    return `${this.api}/users/${encodeURIComponent(login)}`;
  }
}

/** Encodes each segment of a repository path while keeping its slashes. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
