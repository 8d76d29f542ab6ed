// A small Docusaurus site that embeds Adder Lab with the <adder-lab> web component, as a docs
// author would. e2e/docusaurus.test.mjs copies it, puts the release build in static/adder-lab/,
// builds it with the pinned Docusaurus (installed by the bootstrap) and clicks it in Chromium.
const baseUrl = '/docs-site/';

export default {
  title: 'Adder Lab in Docusaurus',
  // Copied in by the test from style/favicon.svg (without one the browser asks for /favicon.ico).
  favicon: 'favicon.svg',
  url: 'https://example.org',
  baseUrl,
  trailingSlash: true,
  onBrokenLinks: 'throw',
  // The web component, from where the app is hosted (here: the same site).
  scripts: [{ src: `${baseUrl}adder-lab/embed/adder-lab.js`, defer: true }],
  i18n: { defaultLocale: 'en', locales: ['en'] },
  presets: [
    [
      'classic',
      {
        docs: { sidebarPath: './sidebars.js', routeBasePath: '/' },
        blog: false,
        pages: false,
        theme: {},
      },
    ],
  ],
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: { title: 'Adder Lab in Docusaurus', items: [] },
  },
};
