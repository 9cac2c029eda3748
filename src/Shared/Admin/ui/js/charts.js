// Small SVG bar charts for metrics over time, drawn with DOM calls (no inline styles, so the CSP holds).
(function () {
  'use strict';

  const ns = 'http://www.w3.org/2000/svg';

  function element(name, attributes) {
    const node = document.createElementNS(ns, name);
    Object.entries(attributes).forEach(([key, value]) => node.setAttribute(key, String(value)));
    return node;
  }

  // Draws one bar per point into container; bars of failures (when given) over the totals, in another colour.
  function bars(container, points, value, failures, label, unit) {
    const width = 600;
    const height = 140;
    const max = Math.max(1, ...points.map(value));
    const step = width / Math.max(1, points.length);
    const svg = element('svg', { viewBox: '0 0 ' + width + ' ' + (height + 20), role: 'img', 'aria-label': label, class: 'w-full' });
    points.forEach((point, i) => {
      const barHeight = (value(point) / max) * height;
      const title = element('title', {});
      title.textContent = new Date(point.start).toLocaleTimeString() + ': ' + value(point);
      const bar = element('rect', { x: i * step + 1, y: height - barHeight, width: Math.max(1, step - 2), height: barHeight, class: 'fill-blue-700' });
      bar.appendChild(title);
      svg.appendChild(bar);
      if (failures) {
        const failed = (failures(point) / max) * height;
        svg.appendChild(element('rect', { x: i * step + 1, y: height - failed, width: Math.max(1, step - 2), height: failed, class: 'fill-red-700' }));
      }
    });
    svg.appendChild(element('line', { x1: 0, y1: height, x2: width, y2: height, class: 'stroke-slate-500' }));
    const caption = element('text', { x: 0, y: height + 16, class: 'fill-slate-800 text-xs' });
    caption.textContent = 'max ' + (Math.round(max * 10) / 10) + (unit ? ' ' + unit : '');
    svg.appendChild(caption);
    container.replaceChildren(svg);
  }

  window.adminCharts = { bars };
})();
