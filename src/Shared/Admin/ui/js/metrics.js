// Metrics: per tool, resource, prompt and server, with calls and latency over time (GET /metrics/history).
document.addEventListener('alpine:init', () => {
  'use strict';

  const api = window.gatewayApi;
  const forms = window.adminForms;
  const kinds = { tool: '/tools', resource: '/resources', prompt: '/prompts', server: '/servers' };

  window.Alpine.data('metrics', () => ({
    ...forms.errors(),
    kind: 'tool',
    itemId: '',
    minutes: '60',
    items: [],
    totals: null,

    async init() {
      await this.load();
    },

    async load() {
      await this.run('Loading metrics', async () => {
        const [items, totals] = await Promise.all([api.get(kinds[this.kind] + '?include_inactive=true'), api.get('/metrics')]);
        this.items = items.map((i) => ({ id: i.id, name: i.name || i.uri, metrics: i.metrics }));
        this.totals = totals[this.kind + 's'];
        if (!this.items.some((i) => i.id === this.itemId)) {
          this.itemId = '';
        }
        await this.chart();
      });
    },

    async chart() {
      const query = '/metrics/history?entity=' + this.kind + '&minutes=' + this.minutes + '&buckets=30' + (this.itemId ? '&id=' + api.enc(this.itemId) : '');
      const history = await api.get(query);
      window.adminCharts.bars(this.$refs.calls, history.points, (p) => p.calls, (p) => p.failures, 'Calls per interval, failures in red', 'calls');
      window.adminCharts.bars(this.$refs.latency, history.points, (p) => (p.avgResponseTime || 0) * 1000, null, 'Mean latency per interval in milliseconds', 'ms');
    },

    async reset() {
      if (window.confirm('Reset these metrics?')) {
        await this.run('Resetting', () => api.post('/metrics/reset?entity=' + this.kind + (this.itemId ? '&id=' + api.enc(this.itemId) : '')));
        await this.load();
      }
    },

    average(m) {
      return m.avgResponseTime === null ? '–' : Math.round(m.avgResponseTime * 1000) + ' ms';
    },

    failureRate(m) {
      return Math.round(m.failureRate * 100) + '%';
    },

    when: forms.when,
  }));
});
