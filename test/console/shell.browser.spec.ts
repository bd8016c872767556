import { consoleHarness } from './support/browser-harness';

/** The console's shell: French by default, a menu per role, addresses that survive a reload. */
describe('the console shell', () => {
  const h = consoleHarness();

  it('speaks French by default, offers English, and keeps a screen across reload', async () => {
    await h.signIn(h.keys.fundManager);
    await h.page.getByText('Gestionnaire de fonds').first().waitFor();
    await h.page.getByLabel('Langue et format').selectOption('en');
    await h.page.getByRole('button', { name: 'Sign out' }).waitFor();
    await h.page.reload();
    await h.page.getByRole('button', { name: 'Sign out' }).waitFor();
    await h.page.getByLabel('Language and format').selectOption('fr-MA');
    await h.page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
  });
});
