// Peer gateways: register (URL, transport, auth, name prefixing), health now and over time (each health check is a
// "gateway" metric), the tools each peer federates, sync now, toggle and delete.
document.addEventListener('alpine:init', () => {
  'use strict';

  const api = window.gatewayApi;
  const forms = window.adminForms;

  window.Alpine.data('gateways', () => ({
    ...forms.errors(),
    gateways: [],
    form: null,
    selected: null,
    peerTools: [],
    report: '',

    async init() {
      await this.load();
    },

    async load() {
      const list = await this.run('Loading gateways', () => api.get('/gateways?include_inactive=true'));
      if (list) {
        this.gateways = list;
      }
    },

    create() {
      this.selected = null;
      this.clearErrors();
      this.form = { name: '', url: '', description: '', transport: '', authType: '', username: '', password: '', token: '', prefixNames: true, tags: '' };
    },

    cancel() {
      this.form = null;
    },

    auth() {
      const f = this.form;
      switch (f.authType) {
        case 'basic': return { auth_type: 'basic', username: f.username, password: f.password };
        case 'bearer': return { auth_type: 'bearer', token: f.token };
        default: return null;
      }
    },

    authIs(type) {
      return this.form.authType === type;
    },

    // Registering connects to the peer and reads its catalog, which may take a while: the form shows progress.
    async register() {
      const f = this.form;
      const body = { name: f.name, url: f.url, description: f.description, prefix_names: f.prefixNames, tags: forms.tags(f.tags) };
      if (f.transport) {
        body.transport = f.transport;
      }
      const auth = this.auth();
      if (auth) {
        body.auth = auth;
      }
      const created = await this.run('Connecting to the peer and reading its catalog', () => api.post('/gateways', body), 'url');
      if (created) {
        this.form = null;
        await this.load();
        await this.show(created);
      }
    },

    async show(gateway) {
      this.form = null;
      this.selected = gateway;
      this.report = '';
      const [tools, history] = await Promise.all([
        api.get('/tools?include_inactive=true'),
        api.get('/metrics/history?entity=gateway&id=' + api.enc(gateway.id) + '&minutes=60&buckets=30'),
      ]);
      this.peerTools = tools.filter((t) => t.gatewayId === gateway.id);
      window.adminCharts.bars(this.$refs.health, history.points, (p) => p.calls, (p) => p.failures, 'Health checks per interval, failures in red');
    },

    async sync(gateway) {
      const result = await this.run('Syncing ' + gateway.name, () => api.post('/gateways/' + api.enc(gateway.id) + '/tools/refresh'), 'sync');
      if (result) {
        await this.load();
        await this.show(this.gateways.find((g) => g.id === gateway.id));
        this.report = 'Synced: ' + result.added + ' added, ' + result.updated + ' updated, ' + result.removed + ' removed.';
      }
    },

    async toggle(gateway) {
      await this.run('Switching', () => api.post('/gateways/' + api.enc(gateway.id) + '/toggle?activate=' + !gateway.enabled));
      await this.load();
    },

    async remove(gateway) {
      if (forms.confirm('Delete the gateway "' + gateway.name + '" and everything it federated?')) {
        await this.run('Deleting', () => api.del('/gateways/' + api.enc(gateway.id)));
        this.selected = null;
        await this.load();
      }
    },

    health(peer) {
      return peer.enabled ? (peer.reachable ? 'healthy' : 'unreachable') : 'disabled';
    },

    healthClass(peer) {
      return peer.enabled ? (peer.reachable ? 'badge-on' : 'badge-bad') : 'badge-off';
    },

    toggleLabel(item) {
      return item.enabled ? 'Deactivate' : 'Activate';
    },

    when: forms.when,
  }));
});
