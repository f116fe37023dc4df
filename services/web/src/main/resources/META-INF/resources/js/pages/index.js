// index.html: the home page.
// Loaded as a module file, never inline: the Content-Security-Policy allows scripts from this site only.
import { startPage, initKeycloak } from '/js/app.js';
await initKeycloak(false);
await startPage('nav.home');
