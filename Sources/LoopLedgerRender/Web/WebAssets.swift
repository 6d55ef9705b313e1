/// The dashboard's one stylesheet and one small script, served by the app under `/static/`.
///
/// The script only adds comfort (a "copy link" button on scenario results, submitting a form
/// when a choice changes); every page reads and works without it. It is LoopLedger's own code,
/// under the licence named in its first lines.
public enum WebAssets {
  public static let stylesheetPath = "/static/site.css"
  public static let scriptPath = "/static/app.js"

  public static let stylesheet = """
    :root { color-scheme: light; --ink: #1a1a1a; --muted: #555555; --line: #d9d9d9; --accent: #005b8f; --soft: #f4f4f4; }
    * { box-sizing: border-box; }
    body { font-family: system-ui, -apple-system, 'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans',
      'Noto Sans CJK TC', 'Noto Sans CJK SC', 'PingFang TC', 'Microsoft JhengHei', sans-serif;
      color: var(--ink); background: #ffffff; margin: 0; line-height: 1.5; font-size: 15px; }
    a { color: var(--accent); }
    .skip { position: absolute; left: -9999px; }
    .skip:focus { left: 8px; top: 8px; background: #ffffff; padding: 4px 8px; z-index: 10; }
    header.site { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5em 1.5em;
      padding: .6em 28px; border-bottom: 1px solid var(--line); background: var(--soft); }
    header.site nav { display: flex; flex-wrap: wrap; gap: .3em 1.1em; align-items: baseline; }
    header.site nav a { text-decoration: none; }
    header.site nav a[aria-current=page] { font-weight: 700; color: var(--ink); border-bottom: 2px solid var(--ink); }
    header.site .brand { font-weight: 800; color: var(--ink); margin-right: .6em; }
    .tools { display: flex; gap: 1em; align-items: center; font-size: .92em; }
    .langs a { margin-left: .6em; text-decoration: none; }
    .langs a[aria-current=true] { font-weight: 700; color: var(--ink); }
    main { max-width: 1080px; margin: 0 auto; padding: 12px 28px 40px; }
    footer.site { max-width: 1080px; margin: 0 auto; padding: 12px 28px 32px; color: var(--muted); font-size: .9em;
      border-top: 1px solid var(--line); }
    h1 { font-size: 1.6em; margin: .6em 0 .3em; line-height: 1.25; }
    h2 { font-size: 1.25em; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 2px solid var(--ink); }
    h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
    .meta, .note, figcaption { color: var(--muted); font-size: .93em; }
    .big { font-size: 1.5em; font-weight: 700; margin: .2em 0; }
    dl.headline { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: .8em; margin: 1em 0; }
    dl.headline > div { background: var(--soft); border-radius: 8px; padding: .6em .9em; }
    dl.headline dt { color: var(--muted); font-size: .88em; }
    dl.headline dd { margin: 0; font-size: 1.45em; font-weight: 700; }
    dl.headline dd.note { font-size: .85em; font-weight: 400; color: var(--muted); }
    dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .3em 1.2em; }
    dl.fields dt { color: var(--muted); }
    dl.fields dd { margin: 0; }
    figure { margin: 1em 0; }
    svg { max-width: 100%; height: auto; display: block; }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: .93em; margin: .5em 0 1em; }
    th, td { text-align: left; padding: .3em .55em; border-bottom: 1px solid var(--line); vertical-align: top; }
    th { background: var(--soft); font-weight: 600; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    th, td.nowrap { white-space: nowrap; }
    :lang(zh-Hant) td, :lang(zh-Hans) td { word-break: keep-all; }
    input[type=password], input[type=text] { min-width: 16em; max-width: 28em; }
    form button { align-self: flex-start; margin-top: .3em; }
    blockquote { margin: .3em 0 .6em 1.2em; padding: .1em .8em; border-left: 3px solid var(--line); color: #333333; }
    blockquote .doc { color: var(--muted); font-size: .9em; }
    mark { background: #fff3c4; padding: 0 .1em; }
    .deal-id { font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: .88em; }
    .deal-ref { margin-top: .3em; }
    ol.steps li { margin-bottom: .6em; }
    section.loop:target { outline: 3px solid #e69f00; outline-offset: 6px; }
    form.scenario, form.filters { display: flex; flex-wrap: wrap; gap: .6em 1.2em; align-items: flex-end;
      background: var(--soft); padding: .8em 1em; border-radius: 8px; }
    form label { display: flex; flex-direction: column; font-size: .9em; gap: .2em; }
    form label.wide { flex-basis: 100%; }
    form.inline { display: inline; }
    input, select, textarea, button { font: inherit; padding: .3em .5em; border: 1px solid #b0b0b0; border-radius: 4px;
      max-width: 100%; }
    textarea { width: 100%; font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, monospace; font-size: .9em; }
    button { background: var(--accent); color: #ffffff; border-color: var(--accent); cursor: pointer; }
    button.danger { background: #a4262c; border-color: #a4262c; }
    .tools button { background: transparent; color: var(--accent); border: none; padding: 0; text-decoration: underline; }
    .error { color: #a4262c; font-weight: 600; }
    .notice { background: #eef6fb; border-left: 4px solid var(--accent); padding: .4em .8em; }
    article.candidate { border: 1px solid var(--line); border-radius: 8px; padding: .4em 1em .8em; margin: 1em 0; }
    article.candidate h2 { border: none; margin-top: .4em; }
    .decide { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: .8em; }
    .decide form { display: flex; flex-direction: column; gap: .4em; background: var(--soft); padding: .6em; border-radius: 6px; }
    nav.pages a { margin-right: 1em; }
    nav.pages a[aria-current=page] { font-weight: 700; color: var(--ink); text-decoration: none; }
    .copy-link { margin-left: .6em; }
    @media (max-width: 640px) { main, footer.site { padding-left: 14px; padding-right: 14px; }
      header.site { padding: .5em 14px; } }

    """

  public static let script = """
    // LoopLedger dashboard script. SPDX-License-Identifier: MIT. Copyright (c) LoopLedger authors.
    // Comfort only: every page works without it.
    (function () {
      'use strict';
      // Forms that read (method get) submit when a choice changes.
      document.querySelectorAll('form[method=get] select').forEach(function (select) {
        select.addEventListener('change', function () {
          if (select.form && select.form.classList.contains('filters')) { select.form.submit(); }
        });
      });
      // A scenario result's address can be copied with one click.
      var result = document.querySelector('form.scenario');
      if (result && window.location.search && navigator.clipboard) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'copy-link';
        button.textContent = document.documentElement.lang === 'en' ? 'Copy link' :
          (document.documentElement.lang === 'zh-Hans' ? '复制链接' : '複製連結');
        button.addEventListener('click', function () {
          navigator.clipboard.writeText(window.location.href);
        });
        result.appendChild(button);
      }
    })();

    """
}
