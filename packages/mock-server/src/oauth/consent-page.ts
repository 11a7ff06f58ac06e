import { avatarSvg } from '../avatar';
import { describeMockScope } from '../scopes';
import type { MockUser } from '../types';
import { escapeHtml, HTML_HEADERS, htmlPage } from './html';
import type { PendingAuthorization } from './pending';

/** Where the consent form posts its decision. */
export const DECISION_PATH = '/oauth2/authorize/decision';

/**
 * The consent page: who is signed in, which app asks for what, and two buttons whose accessible
 * names are exactly "Approve" and "Deny" (end-to-end tests click them by role and name).
 */
export function consentPage(input: {
  appName: string;
  user: MockUser;
  pending: PendingAuthorization;
  ownAvatar: boolean;
}): Response {
  const { appName, user, pending } = input;
  // The mock's own avatar is inlined, so the page needs nothing else; an overridden one is linked.
  const avatar = input.ownAvatar
    ? avatarSvg(user.name).replace('<svg ', '<svg aria-hidden="true" ')
    : `<img src="${escapeHtml(user.avatar)}" alt="" width="40" height="40">`;
  const scopes = pending.scopes
    .map(
      (scope) =>
        `<li><code>${escapeHtml(scope)}</code><div>${escapeHtml(describeMockScope(scope))}</div></li>`,
    )
    .join('\n');
  const destination = new URL(pending.redirectUri).origin;
  const body = `<h1>Authorize ${escapeHtml(appName)}</h1>
<p><strong>${escapeHtml(appName)}</strong> wants to access your Livepush account.</p>
<div class="user">${avatar}<div><strong>${escapeHtml(user.name)}</strong><small>Signed in as ${escapeHtml(user.email)}</small></div></div>
<p>This will allow ${escapeHtml(appName)} to:</p>
<ul aria-label="Requested permissions">
${scopes}
</ul>
<form method="post" action="${DECISION_PATH}">
<input type="hidden" name="request_id" value="${escapeHtml(pending.id)}">
<div class="actions">
<button type="submit" name="decision" value="deny">Deny</button>
<button type="submit" name="decision" value="approve" class="primary">Approve</button>
</div>
</form>
<p class="note">You will be sent back to ${escapeHtml(destination)}.</p>`;
  return new Response(htmlPage(`Authorize ${appName} – Livepush`, body), {
    status: 200,
    headers: HTML_HEADERS,
  });
}
