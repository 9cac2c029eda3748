// Export the whole catalog as one JSON document (secrets stay encrypted) and import one: a dry run lists what would
// change, then apply.
document.addEventListener('alpine:init', () => {
  'use strict';

  const api = window.gatewayApi;
  const forms = window.adminForms;

  window.Alpine.data('exchange', () => ({
    ...forms.errors(),
    exported: null,
    downloadUrl: '',
    downloadName: '',
    document: '',
    strategy: 'update',
    changes: [],
    summary: '',
    checked: false,

    async exportCatalog() {
      const document = await this.run('Exporting', () => api.get('/export'));
      if (document) {
        this.exported = document;
        URL.revokeObjectURL(this.downloadUrl);
        this.downloadUrl = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
        this.downloadName = 'mcpgateway-export-' + document.exported_at.replace(/[:.]/g, '-') + '.json';
      }
    },

    counts() {
      return this.exported ? Object.entries(this.exported.metadata.entity_counts).map(([kind, count]) => kind + ': ' + count).join(', ') : '';
    },

    useExport() {
      this.document = JSON.stringify(this.exported, null, 2);
      this.edited();
    },

    async pickFile(event) {
      const file = event.target.files[0];
      if (file) {
        this.document = await file.text();
        this.edited();
      }
    },

    edited() {
      this.checked = false;
      this.changes = [];
      this.summary = '';
    },

    async submit(dryRun) {
      const report = await this.run(dryRun ? 'Checking what would change' : 'Importing', () =>
        api.post('/import', { import_data: forms.parseJson(this.document, 'import_data'), conflict_strategy: this.strategy, dry_run: dryRun }), 'import_data');
      if (report) {
        this.changes = report.changes.map((c, i) => ({ key: i, ...c }));
        const p = report.progress;
        this.summary = (dryRun ? 'Dry run: ' : 'Imported: ') + p.created + ' to create, ' + p.updated + ' to update, ' + p.skipped + ' skipped, ' + p.failed + ' failed.';
        this.checked = dryRun;
      }
    },

    async dryRun() {
      await this.submit(true);
    },

    async apply() {
      await this.submit(false);
    },

    cannotApply() {
      return !this.checked || this.busy;
    },
  }));
});
