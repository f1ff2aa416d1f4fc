/* Slimfile embeds for docs pages.
 *
 *   <pre data-slimfile data-theme="dark" data-view="after" data-readonly>FROM golang:1.19-alpine …</pre>
 *   <script src="https://YOUR-SLIMFILE/embed.js" defer></script>
 *
 * Each <pre data-slimfile> becomes an iframe of the playground's compact embed mode, with
 * the Dockerfile in the URL fragment (format v0: deflate-raw + base64url, which the browser
 * compresses itself). The iframe reports its height, so it never shows a scrollbar.
 * Options: data-theme (light|dark), data-view (after|before|diff), data-readonly,
 * data-suggestion (multi-stage|scratch…). No request leaves for anywhere but the app.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var app = new URL('./', script ? script.src : location.href);
  var frames = [];

  function b64url(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function deflateRaw(text) {
    var cs = new CompressionStream('deflate-raw');
    var w = cs.writable.getWriter();
    w.write(new TextEncoder().encode(text));
    w.close();
    return new Response(cs.readable).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  function upgrade(pre) {
    var d = pre.dataset;
    var text = pre.textContent.replace(/^\n/, '');
    if (!/\n$/.test(text)) text += '\n';
    var header = [];
    if (d.suggestion) header.push('s=' + d.suggestion.replace(/[&=\n]/g, ''));
    if (d.view && d.view !== 'after') header.push('v=' + d.view);
    var query = '?embed';
    if (d.theme) query += '&theme=' + encodeURIComponent(d.theme);
    if (d.view) query += '&view=' + encodeURIComponent(d.view);
    if ('readonly' in d) query += '&readonly';
    return deflateRaw(header.join('&') + '\n' + text).then(function (bytes) {
      var f = document.createElement('iframe');
      f.src = new URL(query + '#v0/' + b64url(bytes), app).href;
      f.title = 'Slimfile: ' + (text.split('\n')[0] || 'Dockerfile');
      f.loading = 'lazy';
      f.setAttribute('scrolling', 'no');
      f.style.cssText = 'width:100%;border:1px solid #d0d7de;border-radius:8px;height:320px;display:block;';
      f.className = 'slimfile-embed';
      frames.push(f);
      pre.replaceWith(f);
    });
  }

  window.addEventListener('message', function (e) {
    if (e.origin !== app.origin || !e.data || e.data.type !== 'slimfile:resize') return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === e.source) frames[i].style.height = Math.ceil(e.data.height) + 2 + 'px';
    }
  });

  function start() { document.querySelectorAll('pre[data-slimfile]').forEach(upgrade); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
