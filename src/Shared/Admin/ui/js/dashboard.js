// Dashboard: catalog counts, each peer's health and last sync, the busiest and most failing tools, and the gateway's
// live events (GET /events, server-sent events; see the events contract in the README).
document.addEventListener('alpine:init', () => {
  'use strict';

  const api = window.gatewayApi;
  const kinds = ['tools', 'resources', 'prompts', 'servers', 'gateways', 'roots'];
  const eventTypes = ['added', 'updated', 'removed', 'toggled', 'resource_updated', 'gateway_health', 'list_changed'];

  window.Alpine.data('dashboard', () => ({
    ...window.adminForms.errors(),
    counts: kinds.map((kind) => ({ kind, count: '…' })),
    peers: [],
    topByCalls: [],
    topByFailures: [],
    events: [],
    liveState: 'connecting',
    source: null,

    async init() {
      // The feed opens first, so that destroy() closes it even when the view is left while the counts still load.
      this.listen();
      await this.refresh();
    },

    destroy() {
      if (this.source) {
        this.source.close();
      }
    },

    async refresh() {
      await this.run('Loading', async () => {
        const lists = await Promise.all(kinds.map((kind) => api.get('/' + kind + (kind === 'roots' ? '' : '?include_inactive=true'))));
        this.counts = kinds.map((kind, i) => ({ kind, count: lists[i].length }));
        this.peers = lists[kinds.indexOf('gateways')];
        const tools = lists[0].filter((t) => t.metrics && t.metrics.totalExecutions > 0);
        this.topByCalls = [...tools].sort((a, b) => b.metrics.totalExecutions - a.metrics.totalExecutions).slice(0, 5);
        this.topByFailures = tools.filter((t) => t.metrics.failedExecutions > 0)
          .sort((a, b) => b.metrics.failedExecutions - a.metrics.failedExecutions).slice(0, 5);
      });
    },

    listen() {
      this.source = new EventSource(api.base + '/events');
      this.source.onopen = () => { this.liveState = 'connected'; };
      this.source.onerror = () => { this.liveState = 'reconnecting'; };
      const onEvent = (message) => this.receive(JSON.parse(message.data));
      eventTypes.forEach((type) => this.source.addEventListener(type, onEvent));
    },

    receive(envelope) {
      const data = envelope.data || {};
      const what = data.name || data.uri || envelope.id || '';
      this.events = [{ key: envelope.eventId, time: new Date(envelope.time).toLocaleTimeString(), text: envelope.entity + ' ' + what + ' ' + envelope.type }, ...this.events].slice(0, 50);
      if (envelope.entity === 'gateway' || envelope.type === 'added' || envelope.type === 'removed') {
        this.refresh();
      }
    },

    health(peer) {
      return peer.enabled ? (peer.reachable ? 'healthy' : 'unreachable') : 'disabled';
    },

    healthClass(peer) {
      return peer.enabled ? (peer.reachable ? 'badge-on' : 'badge-bad') : 'badge-off';
    },

    when: window.adminForms.when,
  }));
});
