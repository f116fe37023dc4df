// login.html: the demo users (local stack only) or Keycloak; then on to ?next= when it is a page of this site.
// Loaded as a module file, never inline: the Content-Security-Policy allows scripts from this site only.
import { startPage, loadConfig, setToken, claims, nextPage, el, t, label, flash, initKeycloak } from '/js/app.js';
const cfg = await loadConfig();
await startPage('login.title');
if (cfg.demoLogin) {
  document.getElementById('demo').hidden = false;
  const users = await (await fetch('/demo/users', { cache: 'no-store' })).json();
  const box = document.getElementById('users');
  for (const u of users) {
    const c = claims(u.token) || { roles: [] };
    const scope = c.department ? c.department : c.unit ? c.unit : (c.grids || []).join(', ');
    box.append(el('button', { id: 'user-' + u.username, onclick: () => {
      setToken(u.token);
      location.href = nextPage(new URLSearchParams(location.search).get('next'), claims(u.token));
    } }, el('b', {}, c.name || u.username), ' (' + u.username + ')',
      el('small', {}, c.roles.join(', ') + (scope ? ' · ' + scope : ''))));
  }
  if (!users.length) flash('msg', t('err.notFound'));
} else {
  document.getElementById('oidc').hidden = false;
  document.getElementById('oidc-login').onclick = async () => {
    await initKeycloak(true);
    if (claims()) location.href = nextPage(new URLSearchParams(location.search).get('next'), claims());
  };
  await initKeycloak(false);
  if (claims()) location.href = nextPage(new URLSearchParams(location.search).get('next'), claims());
}
