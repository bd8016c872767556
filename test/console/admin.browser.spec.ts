import { consoleHarness } from './support/browser-harness';
import { apiClient } from './support/seed';

/**
 * Issue #16, the admin's part of the console: a bank user created with its bank, its key shown
 * once (read from the screen, never shown again), used to sign in as that bank, then revoked: the
 * same key is refused with the French message.
 */
describe('the admin console', () => {
  const h = consoleHarness();

  it('creates a bank user and its key (shown once), which signs in as the bank until it is revoked', async () => {
    const page = h.page;
    const admin = apiClient(h.baseUrl, h.keys.admin);
    await h.signIn(h.keys.admin);
    await page.getByRole('heading', { level: 1, name: 'Utilisateurs' }).waitFor();
    const users = page.getByRole('table', { name: 'Utilisateurs et rôles' });
    // Roles in French; the bank users with their bank.
    await users.getByRole('row').filter({ hasText: 'Banque' }).first().waitFor();
    expect(await users.innerText()).toContain('Gestionnaire de fonds');
    expect(await users.innerText()).toContain('CNCAS');

    // A bank user: the bank is asked for once the role is "Banque", and is required.
    const form = page.getByRole('form', { name: 'Créer un utilisateur' });
    await form.getByLabel('Identifiant').fill('nadia.attijari');
    await form.getByLabel('Nom affiché').fill('Nadia (Attijariwafa bank)');
    await form.getByLabel('Rôle').selectOption({ label: 'Banque' });
    await form.getByRole('button', { name: "Créer l'utilisateur" }).click();
    await form.getByText('Ce champ est obligatoire.').waitFor();
    await form.getByLabel('Banque').fill('ATTIJARI');
    await h.shot('admin-users');
    await form.getByRole('button', { name: "Créer l'utilisateur" }).click();
    await page.getByRole('heading', { level: 1, name: 'Utilisateur nadia.attijari' }).waitFor();
    const recorded = await admin.get('/access/users/nadia.attijari');
    expect(recorded).toMatchObject({ role: 'bank', bankId: 'ATTIJARI', displayName: 'Nadia (Attijariwafa bank)' });
    await page.getByText("Cet utilisateur n'a pas encore de clé d'API : il ne peut pas se connecter.").waitFor();

    // Its key: shown once, with the warning and a copy button.
    await page.getByLabel('Libellé').fill("poste de l'agence");
    await page.getByRole('button', { name: 'Créer la clé' }).click();
    const secretBox = page.getByLabel("Clé d'API (affichée une seule fois)");
    await secretBox.waitFor();
    const secret = await secretBox.inputValue();
    expect(secret).toMatch(/^lk_/);
    await page.getByText('elle ne sera plus jamais affichée').waitFor();
    await page.getByRole('button', { name: 'Copier' }).click();
    await page.getByText(/Clé copiée|La copie automatique a échoué/).waitFor();
    const keys = await admin.get('/access/api-keys?userId=nadia.attijari');
    const [issued] = keys.items as { keyId: string; label: string }[];
    expect(issued.label).toBe("poste de l'agence");
    await page.getByRole('table', { name: "Ses clés d'API" }).getByText(issued.keyId).waitFor();

    // Never shown again: not on the keys screen, not back on the user's screen.
    await page.getByRole('link', { name: "Clés d'API" }).click();
    await page.getByRole('heading', { level: 1, name: "Clés d'API" }).waitFor();
    const allKeys = page.getByRole('table', { name: "Toutes les clés d'API" });
    await allKeys.getByText(issued.keyId).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Utilisateur nadia.attijari' }).waitFor();
    await page.getByRole('table', { name: "Ses clés d'API" }).getByText(issued.keyId).waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByLabel("Clé d'API (affichée une seule fois)").count()).toBe(0);

    // The new key signs in as the bank, its role in French.
    await h.signOut();
    await h.signIn(secret);
    await page.getByText('Connecté : nadia.attijari — Banque — ATTIJARI').waitFor();
    await h.signOut();

    // The admin revokes it (asked first, with the key's figures).
    await h.signIn(h.keys.admin);
    await page.getByRole('link', { name: "Clés d'API" }).click();
    await page.getByRole('button', { name: `Révoquer la clé ${issued.keyId} de nadia.attijari` }).click();
    const figures = await h.confirmDialog('Révoquer la clé');
    expect(figures).toContain(issued.keyId);
    expect(figures).toContain('nadia.attijari');
    await page
      .getByRole('table', { name: "Toutes les clés d'API" })
      .getByRole('row')
      .filter({ hasText: issued.keyId })
      .getByText('Révoquée')
      .waitFor();
    await h.shot('admin-keys');
    const after = await admin.get('/access/api-keys?userId=nadia.attijari');
    expect((after.items as { revokedAt: string | null }[])[0].revokedAt).not.toBeNull();

    // A taken user id is refused next to its field, in French.
    await page.getByRole('link', { name: 'Utilisateurs' }).click();
    await form.getByLabel('Identifiant').fill('nadia.attijari');
    await form.getByLabel('Rôle').selectOption({ label: 'Auditeur' });
    await form.getByRole('button', { name: "Créer l'utilisateur" }).click();
    await form.getByRole('alert').getByText('Un utilisateur avec cet identifiant existe déjà.').waitFor();
    expect(await form.getByLabel('Identifiant').getAttribute('aria-invalid')).toBe('true');

    // The revoked key no longer signs in: the French message.
    await h.signOut();
    await page.getByLabel("Clé d'API").fill(secret);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByRole('alert').getByText("Cette clé d'API est inconnue ou a été révoquée.").waitFor();
    await h.shot('sign-in');
  });
});
