// What every page's component shares: API errors shown next to the field they concern, a busy flag for
// long operations, and small formatting helpers (Alpine's CSP build evaluates no arbitrary script in templates).
(function () {
  'use strict';

  window.adminForms = {
    // Mixed into a component: errors keyed by the API's field name ("name", "input_schema", ...), "form" for the rest.
    errors() {
      return {
        errors: {},
        busy: false,
        status: '',
        clearErrors() {
          this.errors = {};
        },
        // A component that lists the fields its page shows errors for (errorFields) gets an error about any other field
        // at the fallback instead, so that no refusal goes unseen.
        showError(error, fallbackField) {
          const named = error && error.field;
          const shown = !named || !this.errorFields || this.errorFields.includes(named.split('.')[0]);
          const field = (shown && named) || fallbackField || 'form';
          this.errors = { ...this.errors, [field.split('.')[0]]: error.message || String(error) };
        },
        fieldError(field) {
          return this.errors[field] || '';
        },
        hasError(field) {
          return Boolean(this.errors[field]);
        },
        // Runs an API call with the busy flag and status line set, reporting a failure next to its field.
        async run(label, action, fallbackField) {
          this.busy = true;
          this.status = label + '…';
          this.clearErrors();
          try {
            const result = await action();
            this.status = '';
            return result;
          } catch (error) {
            this.status = '';
            this.showError(error, fallbackField);
            return undefined;
          } finally {
            this.busy = false;
          }
        },
      };
    },

    // Mixed into a catalog page's component: its list (with inactive items), switching an item on or off, and deleting
    // one after confirmation; a component may define removed(item) to close what showed it.
    catalogList(path, noun, describe) {
      const api = window.gatewayApi;
      return {
        items: [],
        async load() {
          const list = await this.run('Loading', () => api.get(path + '?include_inactive=true'));
          if (list) {
            this.items = list;
          }
        },
        async toggle(item) {
          await this.run('Switching', () => api.post(path + '/' + api.enc(item.id) + '/toggle?activate=' + !item.enabled));
          await this.load();
        },
        async remove(item) {
          if (!window.confirm('Delete the ' + noun + ' "' + describe(item) + '"? This cannot be undone.')) {
            return;
          }
          const deleted = await this.run('Deleting', () => api.del(path + '/' + api.enc(item.id)));
          if (deleted && this.removed) {
            this.removed(item);
          }
          await this.load();
        },
        toggleLabel(item) {
          return item.enabled ? 'Deactivate' : 'Activate';
        },
      };
    },

    // Parses JSON typed into a text area; null for blank text, an error naming the field when invalid.
    parseJson(text, field) {
      if (!text || !text.trim()) {
        return null;
      }
      try {
        return JSON.parse(text);
      } catch (error) {
        throw new window.gatewayApi.ApiError(422, 'Not valid JSON: ' + error.message, field);
      }
    },

    pretty(value) {
      return value === null || value === undefined ? '' : JSON.stringify(value, null, 2);
    },

    when(value) {
      return value ? new Date(value).toLocaleString() : 'never';
    },

    tags(text) {
      return (text || '').split(',').map((t) => t.trim()).filter((t) => t.length > 0);
    },
  };
})();
