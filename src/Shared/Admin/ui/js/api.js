// The Admin UI's one way to the gateway's REST API: same origin, the session cookie, the CSRF token on changes,
// and RFC 9457 problems turned into errors that name the field they concern.
(function () {
  'use strict';

  // The UI lives at <APP_ROOT_PATH>/admin/ (container host) or <APP_ROOT_PATH>/ui/ (Functions): the API is beside it.
  const base = window.location.pathname.replace(/\/(admin|ui)(\/.*)?$/, '');

  class ApiError extends Error {
    constructor(status, detail, field) {
      super(detail);
      this.status = status;
      this.field = field || null;
    }
  }

  function csrfToken() {
    const match = document.cookie.split('; ').find((c) => c.startsWith('__Host-mcpgw-csrf='));
    return match ? decodeURIComponent(match.split('=')[1]) : '';
  }

  async function request(method, path, body, extraHeaders) {
    const headers = { 'X-Requested-With': 'mcpgateway-admin', Accept: 'application/json', ...(extraHeaders || {}) };
    if (method !== 'GET' && method !== 'HEAD') {
      headers['X-CSRF-Token'] = csrfToken();
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) {
      if (response.status === 401 && path !== '/auth/session') {
        window.dispatchEvent(new CustomEvent('gateway:signed-out'));
      }
      throw new ApiError(response.status, (data && (data.detail || data.title)) || response.statusText, data && data.field);
    }
    return data;
  }

  window.gatewayApi = {
    base,
    ApiError,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body),
    put: (path, body) => request('PUT', path, body),
    del: (path) => request('DELETE', path),
    signIn: (authorization) => request('POST', '/auth/session', undefined, { Authorization: authorization }),
    enc: encodeURIComponent,
  };
})();
