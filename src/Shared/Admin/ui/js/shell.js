// The page around every view: the session (sign in with the gateway's Basic credentials or a JWT, sign out) and
// navigation, where HTMX swaps the section's view fragment into <main> and Alpine starts its component.
document.addEventListener('alpine:init', () => {
  'use strict';

  const sections = [
    ['dashboard', 'Dashboard'], ['tools', 'Tools'], ['resources', 'Resources'], ['prompts', 'Prompts'], ['servers', 'Virtual servers'],
    ['gateways', 'Gateways'], ['roots', 'Roots'], ['metrics', 'Metrics'], ['exchange', 'Export / import'],
  ].map(([id, title]) => ({ id, title, href: '#' + id }));

  window.Alpine.data('shell', () => ({
    sections,
    signedIn: false,
    needsSignIn: false,
    user: '',
    username: '',
    password: '',
    token: '',
    signInError: '',
    busy: false,
    current: '',

    async init() {
      window.addEventListener('hashchange', () => this.navigate());
      // Once a view is in place, focus moves to it, so keyboard and screen reader users start at the new content.
      document.body.addEventListener('htmx:afterSettle', (event) => {
        if (event.detail.target.id === 'view') {
          event.detail.target.focus();
        }
      });
      window.addEventListener('gateway:signed-out', () => this.showSignIn());
      const session = await window.gatewayApi.get('/auth/session');
      if (session.signedIn) {
        this.enter(session.user);
      } else {
        this.showSignIn();
      }
    },

    async signIn() {
      this.busy = true;
      this.signInError = '';
      const authorization = this.token.trim()
        ? 'Bearer ' + this.token.trim()
        : 'Basic ' + btoa(unescape(encodeURIComponent(this.username + ':' + this.password)));
      try {
        const session = await window.gatewayApi.signIn(authorization);
        this.password = '';
        this.token = '';
        this.enter(session.user);
      } catch (error) {
        this.signInError = error.message;
      } finally {
        this.busy = false;
      }
    },

    async signOut() {
      // The view goes first, so its components (the dashboard's live feed) stop before the session does.
      document.getElementById('view').replaceChildren();
      await window.gatewayApi.del('/auth/session');
      this.showSignIn();
    },

    enter(user) {
      this.user = user;
      this.signedIn = true;
      this.needsSignIn = false;
      this.navigate();
    },

    showSignIn() {
      this.signedIn = false;
      this.needsSignIn = true;
      document.getElementById('view').replaceChildren();
    },

    navigate() {
      if (!this.signedIn) {
        return;
      }
      const requested = window.location.hash.slice(1).split('/')[0];
      const name = sections.some((s) => s.id === requested) ? requested : 'dashboard';
      this.current = name;
      const title = sections.find((s) => s.id === name).title;
      document.title = title + ' · MCP Gateway Admin';
      window.htmx.ajax('GET', 'views/' + name + '.html', { target: '#view', swap: 'innerHTML' });
    },

    currentFor(id) {
      return this.current === id ? 'page' : null;
    },
  }));
});
