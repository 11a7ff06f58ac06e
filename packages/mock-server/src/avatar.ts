import { escapeHtml } from './oauth/html';

/** The initials of a display name, at most two letters. */
function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter((part) => part.length > 0)
    .map((part) => part[0]!.toUpperCase());
  return (letters.length > 1 ? letters[0]! + letters[letters.length - 1]! : (letters[0] ?? '?')).slice(0, 2);
}

/** A small round avatar with the user's initials, as an SVG document. */
export function avatarSvg(name: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96" role="img" aria-label="${escapeHtml(name)}"><circle cx="48" cy="48" r="48" fill="#5b5bd6"/><text x="48" y="48" dy=".35em" text-anchor="middle" font-family="system-ui,sans-serif" font-size="38" font-weight="600" fill="#fff">${escapeHtml(initials(name))}</text></svg>`;
}
