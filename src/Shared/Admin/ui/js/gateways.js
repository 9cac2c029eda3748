// Peer gateways: register (URL, transport, auth, name prefixing), health now and over time (each health check is a
// "gateway" metric), the tools each peer federates, sync now, toggle and delete.
document.addEventListener('alpine:init', () => {
  'use strict';

  const api = window.gatewayApi;
  const forms = window.adminForms;

  window.Alpine.data('gateways', () => ({
    ...forms.errors(),
    ...forms.catalogList('/gateways', 'gateway', (gateway) => gateway.name),
    form: null,
    selected: null,
    peerTools: [],
    report: '',
    errorFields: ['name', 'url', 'transport', 'auth', 'prefix_resources', 'sync'],

    async init() {
      await this.load();
    },

    create() {
      this.selected = null;
      this.clearErrors();
      this.form = { name: '', url: '', description: '', transport: '', authType: '', username: '', password: '', token: '', prefixNames: true, prefixResources: false, validateArguments: false, tags: '' };
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
      const body = {
        name: f.name, url: f.url, description: f.description, prefix_names: f.prefixNames, prefix_resources: f.prefixResources,
        validate_arguments: f.validateArguments, tags: forms.tags(f.tags),
      };
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
      window.adminCharts.bars(this.$refs.health, history.points, (p) => p.calls, (p) => p.failures, 'Health checks per interval, failures in red', 'checks');
    },

    async sync(gateway) {
      const result = await this.run('Syncing ' + gateway.name, () => api.post('/gateways/' + api.enc(gateway.id) + '/tools/refresh'), 'sync');
      if (result) {
        await this.load();
        await this.show(this.items.find((g) => g.id === gateway.id));
        this.report = 'Synced: ' + result.added + ' added, ' + result.updated + ' updated, ' + result.removed + ' removed.';
      }
    },

    removed() {
      this.selected = null;
    },

    health(peer) {
      return peer.enabled ? (peer.reachable ? 'healthy' : 'unreachable') : 'disabled';
    },

    healthClass(peer) {
      return peer.enabled ? (peer.reachable ? 'badge-on' : 'badge-bad') : 'badge-off';
    },

    when: forms.when,
  }));
});
