// Virtual servers: compose one from tools, resources and prompts, and copy its endpoint and a client configuration
// (Streamable HTTP, or stdio through the mcp-remote bridge for clients that only start local programs).
document.addEventListener('alpine:init', () => {
  'use strict';

  const api = window.gatewayApi;
  const forms = window.adminForms;

  window.Alpine.data('servers', () => ({
    ...forms.errors(),
    ...forms.catalogList('/servers', 'server', (server) => server.name),
    tools: [],
    resources: [],
    prompts: [],
    form: null,
    selected: null,

    async init() {
      await this.load();
    },

    async load() {
      const lists = await this.run('Loading', () => Promise.all(['/servers?include_inactive=true', '/tools', '/resources', '/prompts'].map((p) => api.get(p))));
      if (lists) {
        [this.items, this.tools, this.resources, this.prompts] = lists;
        this.resources = this.resources.filter((r) => !r.uriTemplate);
      }
    },

    create() {
      this.selected = null;
      this.clearErrors();
      this.form = { id: null, name: '', description: '', icon: '', tags: '', tools: [], resources: [], prompts: [] };
    },

    edit(server) {
      this.selected = null;
      this.clearErrors();
      this.form = {
        id: server.id, name: server.name, description: server.description || '', icon: server.icon || '', tags: server.tags.join(', '),
        tools: [...server.associatedTools], resources: [...server.associatedResources], prompts: [...server.associatedPrompts],
      };
    },

    async save() {
      const f = this.form;
      const saved = await this.run('Saving', () => {
        const body = {
          name: f.name, description: f.description, icon: f.icon || null, tags: forms.tags(f.tags),
          associated_tools: f.tools, associated_resources: f.resources, associated_prompts: f.prompts,
        };
        return f.id ? api.put('/servers/' + api.enc(f.id), body) : api.post('/servers', body);
      });
      if (saved) {
        this.form = null;
        await this.load();
        this.show(saved);
      }
    },

    cancel() {
      this.form = null;
    },

    show(server) {
      this.form = null;
      this.selected = server;
    },

    endpoint() {
      return window.location.origin + api.base + '/servers/' + this.selected.id + '/mcp';
    },

    httpConfig() {
      return forms.pretty({ mcpServers: { [this.selected.name]: { type: 'http', url: this.endpoint(), headers: { Authorization: 'Bearer ${MCPGATEWAY_BEARER_TOKEN}' } } } });
    },

    stdioConfig() {
      return forms.pretty({
        mcpServers: {
          [this.selected.name]: {
            command: 'npx',
            args: ['-y', 'mcp-remote', this.endpoint(), '--header', 'Authorization:Bearer ${MCPGATEWAY_BEARER_TOKEN}'],
            env: { MCPGATEWAY_BEARER_TOKEN: '<token from: dotnet run --project src/Host -- token -u admin>' },
          },
        },
      });
    },

    async copy(text) {
      await navigator.clipboard.writeText(text);
      this.status = 'Copied.';
    },

    async copyHttp() {
      await this.copy(this.httpConfig());
    },

    async copyStdio() {
      await this.copy(this.stdioConfig());
    },

    removed() {
      this.selected = null;
    },

    counts(server) {
      return server.associatedTools.length + ' tools, ' + server.associatedResources.length + ' resources, ' + server.associatedPrompts.length + ' prompts';
    },
  }));
});
